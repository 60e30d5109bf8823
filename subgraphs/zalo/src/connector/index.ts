import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { UpstreamClient, type VendorErrorMapping } from '../../../../lib/upstream.ts';
import type { ZaloConversationMessage, ZaloEnvelope, ZaloUserDetail, ZaloUserList } from '../mappers.ts';

export const SYSTEM = 'zalo';
/** Zalo's caps: followers per getlist call, messages per conversation call. */
export const MAX_LIST = 50;
export const MAX_CONVERSATION = 10;

export interface ZaloConnectorOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  requestId?: string;
}

/** Zalo's error codes (the `error` field; HTTP 200) as ours. -213/-201 for a user id mean "not a follower". */
function codeOf(error: number): ErrorCode {
  if (error === -32) return ErrorCode.UPSTREAM_RATE_LIMITED;
  if (error === -216 || error === -124 || error === -14002) return ErrorCode.UPSTREAM_ERROR; // our token: expired or invalid
  if (error === -201) return ErrorCode.BAD_USER_INPUT;
  if (error === -213) return ErrorCode.NOT_FOUND;
  return ErrorCode.UPSTREAM_ERROR;
}

const mapError = (status: number, body: unknown): VendorErrorMapping => {
  const envelope = body as Partial<ZaloEnvelope<unknown>> | null;
  if (status >= 500) return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: envelope?.message ?? `HTTP ${status}` };
  return { code: ErrorCode.UPSTREAM_ERROR, message: envelope?.message ?? `HTTP ${status}` };
};

/**
 * The Zalo Official Account Open API. Zalo answers errors with HTTP 200 and a negative `error`:
 * `unwrap` reads the envelope in one place. Reads take their parameters as one JSON `data=` query
 * value. Zalo has no batch read: one call per user.
 */
export class ZaloConnector {
  private readonly client: UpstreamClient;

  constructor(opts: ZaloConnectorOptions) {
    this.client = new UpstreamClient({
      system: SYSTEM,
      baseUrl: opts.baseUrl,
      headers: { access_token: opts.token },
      timeoutMs: opts.timeoutMs,
      mapError,
      ...(opts.requestId ? { requestId: opts.requestId } : {}),
    });
  }

  private unwrap<T>(body: ZaloEnvelope<T>, what: string): T {
    if (body.error === 0 && body.data !== undefined) return body.data;
    const code = codeOf(body.error);
    throw new UpstreamError(code, `zalo: ${body.message} (error ${body.error}, ${what})`, { system: SYSTEM });
  }

  /** `GET /v3.0/oa/user/detail`; null for a user who does not follow the OA (-213). */
  async userDetail(userId: string): Promise<ZaloUserDetail | null> {
    const res = await this.client.get<ZaloEnvelope<ZaloUserDetail>>('/v3.0/oa/user/detail', { data: JSON.stringify({ user_id: userId }) });
    if (res.body.error === -213 || res.body.error === -201) return null;
    return this.unwrap(res.body, 'user detail');
  }

  /** One page of followers (`GET /v3.0/oa/user/getlist`, offset paging with `total`). */
  async followers(offset: number, count: number): Promise<ZaloUserList> {
    const res = await this.client.get<ZaloEnvelope<ZaloUserList>>('/v3.0/oa/user/getlist', { data: JSON.stringify({ offset, count: Math.min(count, MAX_LIST), is_follower: 'true' }) });
    return this.unwrap(res.body, 'follower list');
  }

  /** The newest `limit` messages of a user's chat with the OA (10 per call, newest first). */
  async conversation(userId: string, limit: number): Promise<ZaloConversationMessage[]> {
    const out: ZaloConversationMessage[] = [];
    while (out.length < limit) {
      const count = Math.min(MAX_CONVERSATION, limit - out.length);
      const res = await this.client.get<ZaloEnvelope<ZaloConversationMessage[]>>('/v2.0/oa/conversation', { data: JSON.stringify({ user_id: userId, offset: out.length, count }) });
      if (res.body.error === -213) return out;
      const page = this.unwrap(res.body, 'conversation');
      out.push(...page);
      if (page.length < count) break;
    }
    return out;
  }

  /** `POST /v3.0/oa/message/cs`. Zalo takes no idempotency key: never retried here. */
  async sendText(userId: string, text: string): Promise<{ message_id: string; user_id: string }> {
    const res = await this.client.post<ZaloEnvelope<{ message_id: string; user_id: string }>>('/v3.0/oa/message/cs', { recipient: { user_id: userId }, message: { text } }, { idempotent: false });
    return this.unwrap(res.body, 'send');
  }
}
