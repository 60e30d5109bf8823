import { inChunks } from '../../../../lib/batch.ts';
import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { UpstreamClient } from '../../../../lib/upstream.ts';
import type { GraphConversation, GraphEdge, GraphMessage, GraphPage, GraphProfile } from '../mappers.ts';
import { mapGraphError } from './errors.ts';

export const SYSTEM = 'social';
/** Graph's caps: ids per multi-ID read, sub-requests per batch. */
export const MAX_IDS = 50;
export const MAX_BATCH = 50;

/** Graph's own fields only: the page and platform of a person or thread come from the Page token that read it. */
export const PROFILE_FIELDS = 'id,first_name,last_name,name,profile_pic,locale';
export const CONVERSATION_FIELDS = 'id,participants,updated_time,message_count,unread_count';
/** `me/accounts`: each managed page with its Page access token and linked Instagram account. */
const ACCOUNT_FIELDS = 'id,name,access_token,instagram_business_account{id,username}';
/** Page tokens are long-lived; the list of pages is read again after this long (or after Graph refuses a token). */
const ACCOUNTS_TTL_MS = 5 * 60_000;
export const MESSAGE_FIELDS = 'id,created_time,from,message';

/** One result per key: the value, null when Graph does not know the id, or that key's own error. */
export type PerKey<T> = T | null | Error;

export interface SocialConnectorOptions {
  baseUrl: string;
  token: string;
  version: string;
  timeoutMs: number;
  requestId?: string;
}

/** A `me/accounts` row. */
interface GraphAccount {
  id: string;
  name?: string;
  access_token?: string;
  instagram_business_account?: { id: string; username?: string };
}

/**
 * The page of each person or thread id read so far, or met in a page's threads (the identity feed
 * reads every page's): ids are page-scoped and never move, so an id seen once is read with its
 * page's token alone. Bounded: the oldest are forgotten first.
 */
const PAGE_OF_ID_MAX = 100_000;
const pageOfId = new Map<string, string>();
function rememberPage(id: string, pageId: string): void {
  pageOfId.delete(id);
  pageOfId.set(id, pageId);
  if (pageOfId.size > PAGE_OF_ID_MAX) pageOfId.delete(pageOfId.keys().next().value as string);
}

/** The people of a page's thread (not the page itself) belong to that page. */
function rememberParticipants(participants: readonly { id: string }[] | undefined, pageId: string): void {
  for (const p of participants ?? []) if (p.id !== pageId) rememberPage(p.id, pageId);
}

/** The pages each token-holder reaches, per Graph base URL and system token, shared by requests. */
const accountsMemo = new Map<string, { at: number; pages: Promise<GraphPage[]> }>();

/**
 * The messaging channels of the managed pages: each Facebook Page is a Messenger channel, and
 * its linked Instagram professional account an Instagram channel reached with the same Page
 * token through the page's id (Graph: `/{page-id}/conversations?platform=instagram`). An account
 * linked to itself (the stand-in's Instagram accounts have no Facebook Page, README) is an
 * Instagram channel only.
 */
function channelsOf(accounts: readonly GraphAccount[]): GraphPage[] {
  const out: GraphPage[] = [];
  for (const a of accounts) {
    if (!a.access_token) continue; // a page this token cannot message for
    const ig = a.instagram_business_account;
    if (!ig || ig.id !== a.id) out.push({ id: a.id, name: a.name ?? '', platform: 'messenger', apiPageId: a.id, token: a.access_token });
    if (ig) out.push({ id: ig.id, name: ig.username ?? a.name ?? '', platform: 'instagram', apiPageId: a.id, token: a.access_token });
  }
  return out;
}

interface BatchResponse {
  code: number;
  headers?: { name: string; value: string }[];
  body: string;
}

/**
 * The Graph API (Messenger / Instagram; LINE and Zalo have subgraphs of their own).
 * Graph has no bulk endpoint per resource, so reads by many ids go through the generic
 * multi-ID read (`GET /?ids=`, objects) and the batch API (`POST /`, edges), 50 at a time.
 */
export class SocialConnector {
  private readonly client: UpstreamClient;

  constructor(private readonly opts: SocialConnectorOptions) {
    this.client = new UpstreamClient({
      system: SYSTEM,
      baseUrl: opts.baseUrl,
      headers: { authorization: `Bearer ${opts.token}` },
      timeoutMs: opts.timeoutMs,
      mapError: mapGraphError,
      ...(opts.requestId ? { requestId: opts.requestId } : {}),
    });
  }

  private path(relative: string): string {
    return `/${this.opts.version}/${relative}`;
  }

  /**
   * The messaging channels of the pages the system token manages (`GET /me/accounts` with each
   * page's access token, following `paging.next`), kept per process for ACCOUNTS_TTL_MS.
   */
  listPages(): Promise<GraphPage[]> {
    const key = `${this.opts.baseUrl}|${this.opts.version}|${this.opts.token}`;
    const memo = accountsMemo.get(key);
    if (memo && Date.now() - memo.at < ACCOUNTS_TTL_MS) return memo.pages;
    const pages = (async () => {
      const accounts: GraphAccount[] = [];
      let after: string | undefined;
      do {
        const res = await this.client.get<GraphEdge<GraphAccount>>(this.path('me/accounts'), { fields: ACCOUNT_FIELDS, limit: 100, after });
        accounts.push(...res.body.data);
        after = res.body.paging?.next ? res.body.paging.cursors?.after : undefined;
      } while (after);
      return channelsOf(accounts);
    })();
    accountsMemo.set(key, { at: Date.now(), pages });
    pages.catch(() => accountsMemo.delete(key));
    return pages;
  }

  /** Forgets the pages and their tokens (Graph refused a Page token: it was revoked or the page removed). */
  forgetPages(): void {
    accountsMemo.delete(`${this.opts.baseUrl}|${this.opts.version}|${this.opts.token}`);
  }

  private async channel(id: string): Promise<GraphPage | undefined> {
    return (await this.listPages()).find((page) => page.id === id);
  }

  /** A Graph sub-request made with a page's own token. */
  private static withToken(relative: string, page: GraphPage): string {
    return `${relative}${relative.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(page.token)}`;
  }

  /** One page of a channel's threads (`GET /{page-id}/conversations?platform=`, with the Page token), stamped with the channel. */
  async listConversations(page: GraphPage, opts: { after?: string | null; limit: number }): Promise<GraphEdge<GraphConversation>> {
    const res = await this.client.request<GraphEdge<Omit<GraphConversation, 'page_id' | 'platform'>>>({
      method: 'GET',
      path: this.path(`${page.apiPageId}/conversations`),
      query: { platform: page.platform, fields: CONVERSATION_FIELDS, limit: opts.limit, after: opts.after ?? undefined },
      headers: { authorization: `Bearer ${page.token}` },
      idempotent: true,
    });
    for (const c of res.body.data) rememberParticipants(c.participants?.data, page.id);
    return { ...res.body, data: res.body.data.map((c) => ({ ...c, page_id: page.id, platform: page.platform })) };
  }

  /**
   * People or threads by id. Their ids are page-scoped and only their page's token reads them,
   * and an id does not say its page: each id is read once per page token in one Graph batch
   * (⌈ids × pages / 50⌉ calls); the token that answers tells the page and the platform, stamped
   * on the object as `page_id` / `platform`. An id no page knows → null.
   */
  async readNodes<T>(ids: readonly string[], fields: string): Promise<[string, PerKey<T>][]> {
    if (ids.length === 0) return [];
    // One read per token; a real Page token that also reaches an Instagram account reads both
    // kinds of id, and its first channel (Messenger) is taken: README "Gotchas".
    const pages = [...new Map((await this.listPages()).map((p) => [p.token, p])).values()];
    // An id whose page this process has seen is read with that page's token only; others fan out.
    const requests = ids.flatMap((id) => {
      const known = pages.find((p) => p.id === pageOfId.get(id));
      return (known ? [known] : pages).map((page) => ({ id, page, url: SocialConnector.withToken(`${encodeURIComponent(id)}?fields=${fields}`, page) }));
    });
    const results = await this.batchGet<T>(requests.map((r) => r.url));
    const out = new Map<string, PerKey<T>>(ids.map((id) => [id, null]));
    requests.forEach(({ id, page }, i) => {
      const result = results[i];
      if (result === null || result === undefined) return;
      if (result instanceof Error) {
        if (out.get(id) === null) out.set(id, result);
        return;
      }
      out.set(id, { ...result, page_id: page.id, platform: page.platform } as T);
      rememberPage(id, page.id);
    });
    // A remembered id its page no longer knows is read again across every page next time.
    for (const [id, result] of out) if (result === null) pageOfId.delete(id);
    return [...out.entries()];
  }

  /** Each profile's threads with its page (`/{page-id}/conversations?user_id=`, its page's token), one batch call per 50 profiles. */
  async conversationsOf(requests: readonly { profile: GraphProfile; limit: number }[]): Promise<PerKey<GraphConversation[]>[]> {
    const pages = await Promise.all(requests.map(({ profile }) => this.channel(profile.page_id)));
    const edges = await this.batchGet<GraphEdge<GraphConversation>>(
      requests.map(({ profile, limit }, i) => {
        const page = pages[i];
        const relative = `${page?.apiPageId ?? profile.page_id}/conversations?${new URLSearchParams({ platform: profile.platform, user_id: profile.id, fields: CONVERSATION_FIELDS, limit: String(limit) })}`;
        return page ? SocialConnector.withToken(relative, page) : relative;
      }),
    );
    return edges.map((edge, i) => {
      const threads = dataOf(edge);
      const profile = requests[i]!.profile;
      if (threads === null || threads instanceof Error) return threads;
      for (const c of threads) rememberParticipants(c.participants?.data, profile.page_id);
      return threads.map((c) => ({ ...c, page_id: profile.page_id, platform: profile.platform }));
    });
  }

  /** Newest messages of each conversation (`/{conversation-id}/messages`, its page's token), one batch call per 50 threads. */
  async messagesOf(requests: readonly { conversationId: string; pageId: string; limit: number }[]): Promise<PerKey<GraphMessage[]>[]> {
    const pages = await Promise.all(requests.map(({ pageId }) => this.channel(pageId)));
    const edges = await this.batchGet<GraphEdge<GraphMessage>>(
      requests.map(({ conversationId, limit }, i) => {
        const relative = `${encodeURIComponent(conversationId)}/messages?${new URLSearchParams({ fields: MESSAGE_FIELDS, limit: String(limit) })}`;
        const page = pages[i];
        return page ? SocialConnector.withToken(relative, page) : relative;
      }),
    );
    return edges.map(dataOf);
  }

  /**
   * Subscribes the app to an object's webhook fields (`POST /{app-id}/subscriptions`, with the app
   * access token `{app-id}|{app-secret}`). Meta verifies the callback first (a GET with
   * hub.challenge the endpoint must echo) and answers `{success: true}`.
   */
  async subscribeApp(app: { id: string; secret: string }, sub: { object: 'page' | 'instagram'; callbackUrl: string; fields: readonly string[]; verifyToken: string }): Promise<void> {
    await this.client.post<{ success: boolean }>(
      this.path(`${app.id}/subscriptions`),
      { object: sub.object, callback_url: sub.callbackUrl, fields: sub.fields.join(','), verify_token: sub.verifyToken, include_values: true },
      // Setting the same subscription again changes nothing: safe to retry.
      { idempotent: true, headers: { authorization: `Bearer ${app.id}|${app.secret}` } },
    );
  }

  /**
   * Send API with the messaging type the 24-hour window allows: RESPONSE inside it, MESSAGE_TAG
   * with a tag (POST_PURCHASE_UPDATE, HUMAN_AGENT...) outside it. Not idempotent: never retried.
   */
  async sendMessage(pageId: string, recipientId: string, text: string, type: { messagingType: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG'; tag?: string | null }) {
    const page = await this.channel(pageId);
    if (!page) throw new UpstreamError(ErrorCode.NOT_FOUND, `${SYSTEM}: page ${pageId} is not managed by this token`, { system: SYSTEM });
    const res = await this.client.post<{ recipient_id: string; message_id: string }>(
      this.path(`${page.apiPageId}/messages`),
      { recipient: { id: recipientId }, messaging_type: type.messagingType, ...(type.tag ? { tag: type.tag } : {}), message: { text } },
      { idempotent: false, headers: { authorization: `Bearer ${page.token}` } },
    );
    return res.body;
  }

  /**
   * Graph batch of GET sub-requests, 50 per HTTP call, chunks in parallel. Answers are
   * positional (Graph sub-responses carry no id), so result i belongs to request i.
   */
  async batchGet<T>(relativeUrls: readonly string[]): Promise<PerKey<T>[]> {
    return inChunks(relativeUrls, MAX_BATCH, async (part) => {
      const res = await this.client.post<(BatchResponse | null)[]>(this.path(''), {
        batch: part.map((relative_url) => ({ method: 'GET', relative_url })),
        include_headers: false,
      });
      const results = part.map((url, i) => this.subResult<T>(res.body[i], url));
      // A refused Page token (revoked, page removed): read me/accounts again on the next call.
      if (results.some((r) => r instanceof UpstreamError && r.extensions.code === ErrorCode.UPSTREAM_ERROR)) this.forgetPages();
      return results;
    });
  }

  private subResult<T>(sub: BatchResponse | null | undefined, url: string): PerKey<T> {
    // Graph answers null for a sub-request it did not get to in time.
    if (!sub) return new UpstreamError(ErrorCode.UPSTREAM_TIMEOUT, `${SYSTEM}: batch sub-request not completed`, { system: SYSTEM, url });
    let body: unknown;
    try {
      body = JSON.parse(sub.body);
    } catch {
      body = null;
    }
    if (sub.code >= 200 && sub.code < 300) return body as T;
    const headers = Object.fromEntries((sub.headers ?? []).map((h) => [h.name.toLowerCase(), h.value]));
    const mapped = mapGraphError(sub.code, body, headers);
    if (mapped.code === ErrorCode.NOT_FOUND) return null;
    return new UpstreamError(mapped.code, `${SYSTEM}: ${mapped.message}`, {
      system: SYSTEM,
      status: sub.code,
      url,
      ...(mapped.retryAfterSeconds !== undefined ? { retryAfterSeconds: mapped.retryAfterSeconds } : {}),
    });
  }
}

function dataOf<T>(edge: PerKey<GraphEdge<T>>): PerKey<T[]> {
  if (edge === null || edge instanceof Error) return edge;
  return edge.data;
}
