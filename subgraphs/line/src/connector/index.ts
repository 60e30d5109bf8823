import { createHash } from 'node:crypto';
import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { upstreamRequests } from '../../../../lib/metrics.ts';
import type { LineErrorBody, LineFollowers, LineProfile, LineSentMessage } from '../mappers.ts';
import { createLineClient, type LineClient } from './client.ts';

export const SYSTEM = 'line';
/** LINE's largest page of follower ids. */
export const MAX_FOLLOWER_PAGE = 1000;

export interface LineConnectorOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  requestId?: string;
}

/** The push answer: what LINE sent, and whether this retry key had been accepted before (409). */
export interface PushResult {
  sentMessages: LineSentMessage[];
  alreadyAccepted: boolean;
}

/**
 * LINE's retry key for one of our idempotency keys: a UUID (LINE requires the hex UUID form)
 * derived from the key, so every retry, from any process, sends the same one and LINE sends once.
 */
export function retryKeyOf(idempotencyKey: string): string {
  const h = createHash('sha256').update(`line-push:${idempotencyKey}`).digest('hex');
  // Shaped as a version-5-like UUID (LINE checks the hex form, not the version).
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The LINE Messaging API over the typed client. Vendor errors are read in one place (mapError):
 * every LINE error is `{message, details?}`; 401/403 are our token's problem, 429 is throttling
 * (LINE sends no Retry-After), 5xx and network failures the platform's.
 */
export class LineConnector {
  private readonly client: LineClient;

  constructor(opts: LineConnectorOptions) {
    this.client = createLineClient(opts);
  }

  /** `GET /v2/bot/profile/{userId}`; null for a user who does not follow the account (404). */
  async profile(userId: string): Promise<LineProfile | null> {
    const res = await this.call('GET', () => this.client.GET('/v2/bot/profile/{userId}', { params: { path: { userId } } }), { notFoundIsNull: true, retries: 1 });
    return res;
  }

  /** One page of `GET /v2/bot/followers/ids` (`start`: LINE's continuation token). */
  async followers(opts: { start?: string | null; limit: number }): Promise<LineFollowers> {
    const query = { limit: Math.min(opts.limit, MAX_FOLLOWER_PAGE), ...(opts.start ? { start: opts.start } : {}) };
    const res = await this.call('GET', () => this.client.GET('/v2/bot/followers/ids', { params: { query } }), { retries: 1 });
    return res!;
  }

  /**
   * `POST /v2/bot/message/push` with `X-Line-Retry-Key`. A retry key LINE has already accepted
   * answers 409 with the first request's `sentMessages`: that is the first send's result, and
   * nothing was sent twice. So a push is retried (timeouts, 5xx, 429) with the same key.
   */
  async push(to: string, texts: string[], idempotencyKey: string): Promise<PushResult> {
    const retryKey = retryKeyOf(idempotencyKey);
    let last: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const { data, error, response } = await this.client.POST('/v2/bot/message/push', {
          params: { header: { 'X-Line-Retry-Key': retryKey } },
          body: { to, messages: texts.map((text) => ({ type: 'text', text })) },
        });
        if (response.status === 409) {
          upstreamRequests.inc({ system: SYSTEM, method: 'POST', outcome: 'ok' });
          return { sentMessages: (error as LineErrorBody | undefined)?.sentMessages ?? [], alreadyAccepted: true };
        }
        if (data) {
          upstreamRequests.inc({ system: SYSTEM, method: 'POST', outcome: 'ok' });
          return { sentMessages: data.sentMessages, alreadyAccepted: false };
        }
        last = this.mapError(response.status, error, response.url);
      } catch (cause) {
        last = this.networkError(cause);
      }
      const code = (last as UpstreamError).extensions.code;
      upstreamRequests.inc({ system: SYSTEM, method: 'POST', outcome: String(code) });
      const retryable = code === ErrorCode.UPSTREAM_UNAVAILABLE || code === ErrorCode.UPSTREAM_TIMEOUT || code === ErrorCode.UPSTREAM_RATE_LIMITED;
      if (!retryable) throw last;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
    throw last;
  }

  /** `POST /v2/bot/message/reply`: answers a webhook event with its reply token (usable once; no retry key, so never retried). */
  async reply(replyToken: string, texts: string[]): Promise<LineSentMessage[]> {
    const res = await this.call('POST', () => this.client.POST('/v2/bot/message/reply', { body: { replyToken, messages: texts.map((text) => ({ type: 'text', text })) } }), { retries: 0 });
    return res!.sentMessages;
  }

  /** `PUT /v2/bot/channel/webhook/endpoint`: where LINE sends this channel's webhooks. */
  async setWebhookEndpoint(endpoint: string): Promise<void> {
    await this.call('PUT', () => this.client.PUT('/v2/bot/channel/webhook/endpoint', { body: { endpoint } }), { retries: 1 });
  }

  private async call<T>(
    method: string,
    send: () => Promise<{ data?: T; error?: unknown; response: Response }>,
    opts: { notFoundIsNull?: boolean; retries: number },
  ): Promise<T | null> {
    let last: UpstreamError | undefined;
    for (let attempt = 0; attempt <= opts.retries; attempt++) {
      try {
        const { data, error, response } = await send();
        if (response.ok) {
          upstreamRequests.inc({ system: SYSTEM, method, outcome: 'ok' });
          return (data ?? ({} as T)) as T;
        }
        if (response.status === 404 && opts.notFoundIsNull) {
          upstreamRequests.inc({ system: SYSTEM, method, outcome: 'ok' });
          return null;
        }
        last = this.mapError(response.status, error, response.url);
      } catch (cause) {
        last = this.networkError(cause);
      }
      upstreamRequests.inc({ system: SYSTEM, method, outcome: String(last.extensions.code) });
      const code = last.extensions.code;
      if (code !== ErrorCode.UPSTREAM_UNAVAILABLE && code !== ErrorCode.UPSTREAM_RATE_LIMITED) break;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * 2 ** attempt));
    }
    throw last!;
  }

  /** LINE's error statuses as our codes (Messaging API "Status codes"). */
  private mapError(status: number, body: unknown, url: string): UpstreamError {
    const message = (body as LineErrorBody | undefined)?.message ?? `HTTP ${status}`;
    const detail = (body as LineErrorBody | undefined)?.details?.map((d) => `${d.property}: ${d.message}`).join('; ');
    const text = `line: ${message}${detail ? ` (${detail})` : ''}`;
    const code =
      status === 429
        ? ErrorCode.UPSTREAM_RATE_LIMITED
        : status >= 500
          ? ErrorCode.UPSTREAM_UNAVAILABLE
          : status === 404
            ? ErrorCode.NOT_FOUND
            : status === 400
              ? ErrorCode.BAD_USER_INPUT
              : ErrorCode.UPSTREAM_ERROR;
    return new UpstreamError(code, text, { system: SYSTEM, status, url });
  }

  private networkError(cause: unknown): UpstreamError {
    const timedOut = cause instanceof DOMException && (cause.name === 'TimeoutError' || cause.name === 'AbortError');
    return new UpstreamError(timedOut ? ErrorCode.UPSTREAM_TIMEOUT : ErrorCode.UPSTREAM_UNAVAILABLE, timedOut ? 'line did not answer in time' : 'line is unreachable', { system: SYSTEM, cause });
  }
}
