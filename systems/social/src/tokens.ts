import { createHash } from 'node:crypto';

/** Who a Graph call acts as: the system user (the app's own token), or one Page through its Page access token. */
export type TokenScope = { kind: 'system' } | { kind: 'page'; pageId: string };

/**
 * Page access tokens, as Meta hands them out in `GET /me/accounts?fields=access_token`: one per
 * managed page, derived from the system user's token so they are stable across restarts. A
 * Page token reads only its page's people, threads and messages (Meta: PSIDs are page-scoped);
 * the system token reads `me/accounts` and public page fields, and is refused (code 190) where
 * Graph needs a Page token.
 */
export class PageTokens {
  private readonly byToken = new Map<string, string>();

  constructor(
    private readonly systemToken: string,
    pageIds: readonly string[],
  ) {
    for (const id of pageIds) this.byToken.set(this.tokenOf(id), id);
  }

  tokenOf(pageId: string): string {
    return `EAAG${createHash('sha256').update(`${this.systemToken}|page|${pageId}`).digest('base64url').slice(0, 40)}`;
  }

  scopeOf(token: string | null | undefined): TokenScope | null {
    if (!token) return null;
    if (token === this.systemToken) return { kind: 'system' };
    const pageId = this.byToken.get(token);
    return pageId ? { kind: 'page', pageId } : null;
  }
}

/** The token of a request: `Authorization: Bearer`, else `access_token` in the query string, else (batch POSTs) in the body. */
export function requestToken(headers: { authorization?: string | undefined }, url: string, body?: unknown): string | null {
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const query = new URL(url, 'http://stand-in.invalid').searchParams.get('access_token');
  if (query) return query;
  const fromBody = body && typeof body === 'object' ? (body as Record<string, unknown>).access_token : undefined;
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : null;
}
