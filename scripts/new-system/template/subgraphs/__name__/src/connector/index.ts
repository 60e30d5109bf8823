import { inChunks } from '../../../../lib/batch.ts';
import { ErrorCode } from '../../../../lib/errors.ts';
import { retryAfterSeconds, UpstreamClient, type VendorErrorMapping } from '../../../../lib/upstream.ts';
import type { __Name__ActivityModel, __Name__ErrorBody, __Name__MemberModel, __Name__Page } from '../mappers.ts';

export const SYSTEM = '__name__';
/** The API's caps: a batch read takes at most 100 ids, a list page at most 100 members. */
export const BATCH_MAX = 100;
export const LIST_MAX = 100;

type Headers = Record<string, string | string[] | undefined>;

/** The one place the system's error responses become our error codes. */
export function mapError(status: number, rawBody: unknown, headers: Headers): VendorErrorMapping {
  const body = typeof rawBody === 'object' && rawBody !== null ? (rawBody as __Name__ErrorBody) : null;
  const detail = body?.error?.message ? `: ${body.error.message}` : '';
  if (status === 429) return { code: ErrorCode.UPSTREAM_RATE_LIMITED, message: 'rate limit reached', retryAfterSeconds: retryAfterSeconds(headers) ?? 1 };
  // Our own token is wrong: an operator problem, not the client's.
  if (status === 401 || status === 403) return { code: ErrorCode.UPSTREAM_ERROR, message: `rejected the subgraph's credentials (HTTP ${status})` };
  if (status === 404) return { code: ErrorCode.NOT_FOUND, message: `not found${detail}` };
  if (status === 400 || status === 422) return { code: ErrorCode.BAD_USER_INPUT, message: `rejected the request${detail}` };
  if (status >= 500) return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: `unavailable (HTTP ${status})` };
  return { code: ErrorCode.UPSTREAM_ERROR, message: `unexpected HTTP ${status}${detail}` };
}

export interface __Name__ConnectorOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  requestId?: string;
}

/** The system's API over the shared upstream client (lib/upstream.ts). Built per request. */
export class __Name__Connector {
  private readonly http: UpstreamClient;

  constructor(opts: __Name__ConnectorOptions) {
    this.http = new UpstreamClient({
      system: SYSTEM,
      baseUrl: opts.baseUrl,
      headers: { authorization: `Bearer ${opts.token}` },
      timeoutMs: opts.timeoutMs,
      mapError,
      ...(opts.requestId ? { requestId: opts.requestId } : {}),
    });
  }

  /** One page of members in id order; `updatedSince` reads only members changed at or after it (the identity hub's sync). */
  async listMembers(args: { cursor: string | null; limit: number; updatedSince?: Date | null }): Promise<{ results: __Name__MemberModel[]; next: string | null }> {
    const res = await this.http.get<__Name__Page<__Name__MemberModel>>('/v1/members', {
      limit: Math.min(Math.max(args.limit, 1), LIST_MAX),
      cursor: args.cursor,
      updated_since: args.updatedSince ? args.updatedSince.toISOString() : undefined,
    });
    return { results: res.body.data, next: res.body.next_cursor };
  }

  /** Members by id, 100 per call; unknown ids are absent from the answer (in any order). */
  readMembers(ids: readonly string[]): Promise<__Name__MemberModel[]> {
    return inChunks(ids, BATCH_MAX, async (part) => (await this.http.post<{ data: __Name__MemberModel[] }>('/v1/members/batch_get', { ids: part })).body.data);
  }

  /** The activities of many members, 100 members per call. */
  readActivitiesByMember(memberIds: readonly string[]): Promise<__Name__ActivityModel[]> {
    return inChunks(memberIds, BATCH_MAX, async (part) => (await this.http.post<{ data: __Name__ActivityModel[] }>('/v1/activities/batch_get_by_member', { member_ids: part })).body.data);
  }
}
