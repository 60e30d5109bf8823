import { inChunks } from '../../../../lib/batch.ts';
import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { UpstreamClient } from '../../../../lib/upstream.ts';
import type { GraphConversation, GraphEdge, GraphMessage, GraphPage, GraphProfile, GraphReferralEvent } from '../mappers.ts';
import { mapGraphError } from './errors.ts';

export const SYSTEM = 'social';
/** Graph's caps: ids per multi-ID read, sub-requests per batch. */
export const MAX_IDS = 50;
export const MAX_BATCH = 50;

export const PROFILE_FIELDS = 'id,first_name,last_name,name,profile_pic,locale,page_id,platform';
export const CONVERSATION_FIELDS = 'id,participants,updated_time,message_count,unread_count,page_id,platform';
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

  /** `GET /me/accounts`: every page the token manages, following `paging.next` to the end. */
  async listPages(): Promise<GraphPage[]> {
    const pages: GraphPage[] = [];
    let after: string | undefined;
    do {
      const res = await this.client.get<GraphEdge<GraphPage>>(this.path('me/accounts'), { fields: 'id,name,platform', limit: 100, after });
      pages.push(...res.body.data);
      after = res.body.paging?.next ? res.body.paging.cursors?.after : undefined;
    } while (after);
    return pages;
  }

  /** One page of a page's threads (`GET /{page-id}/conversations`). */
  async listConversations(page: GraphPage, opts: { after?: string | null; limit: number }): Promise<GraphEdge<GraphConversation>> {
    const res = await this.client.get<GraphEdge<GraphConversation>>(this.path(`${page.id}/conversations`), {
      platform: page.platform,
      fields: CONVERSATION_FIELDS,
      limit: opts.limit,
      after: opts.after ?? undefined,
    });
    return res.body;
  }

  /**
   * Objects by id (≤50 per call, the caller chunks). Meta fails a whole multi-ID read when
   * one id is unknown (code 100, subcode 33), so on that error the same ids are read again
   * through one batch call, which answers per id: at most two calls, unknown ids → null.
   */
  async readNodes<T>(ids: readonly string[], fields: string): Promise<[string, PerKey<T>][]> {
    if (ids.length === 0) return [];
    try {
      const res = await this.client.get<Record<string, T>>(this.path(''), { ids: ids.join(','), fields });
      return Object.entries(res.body);
    } catch (error) {
      if (!(error instanceof UpstreamError) || error.extensions.code !== ErrorCode.NOT_FOUND) throw error;
      const results = await this.batchGet<T>(ids.map((id) => `${encodeURIComponent(id)}?fields=${fields}`));
      return ids.map((id, i) => [id, results[i] ?? null]);
    }
  }

  /** Each profile's threads with its page (`/{page-id}/conversations?user_id=`), one batch call per 50 profiles. */
  async conversationsOf(requests: readonly { profile: GraphProfile; limit: number }[]): Promise<PerKey<GraphConversation[]>[]> {
    const edges = await this.batchGet<GraphEdge<GraphConversation>>(
      requests.map(
        ({ profile, limit }) =>
          `${profile.page_id}/conversations?${new URLSearchParams({ platform: profile.platform, user_id: profile.id, fields: CONVERSATION_FIELDS, limit: String(limit) })}`,
      ),
    );
    return edges.map(dataOf);
  }

  /** Newest messages of each conversation (`/{conversation-id}/messages`), one batch call per 50 threads. */
  async messagesOf(requests: readonly { conversationId: string; limit: number }[]): Promise<PerKey<GraphMessage[]>[]> {
    const edges = await this.batchGet<GraphEdge<GraphMessage>>(
      requests.map(({ conversationId, limit }) => `${encodeURIComponent(conversationId)}/messages?${new URLSearchParams({ fields: MESSAGE_FIELDS, limit: String(limit) })}`),
    );
    return edges.map(dataOf);
  }

  /** Each profile's referral events (stand-in `/{page-id}/referrals?user_id=`), one batch call per 50 profiles; the newest 100 each. */
  async referralsOf(profiles: readonly GraphProfile[]): Promise<PerKey<GraphReferralEvent[]>[]> {
    const edges = await this.batchGet<GraphEdge<GraphReferralEvent>>(
      profiles.map((p) => `${p.page_id}/referrals?${new URLSearchParams({ user_id: p.id, limit: '100' })}`),
    );
    return edges.map(dataOf);
  }

  /** Send API. Not idempotent: never retried. */
  async sendText(pageId: string, recipientId: string, text: string, messagingType: 'RESPONSE' | 'UPDATE' = 'RESPONSE') {
    const res = await this.client.post<{ recipient_id: string; message_id: string }>(
      this.path(`${pageId}/messages`),
      { recipient: { id: recipientId }, messaging_type: messagingType, message: { text } },
      { idempotent: false },
    );
    return res.body;
  }

  /**
   * Send API with the messaging type the 24-hour window allows: RESPONSE inside it, MESSAGE_TAG
   * with a tag (POST_PURCHASE_UPDATE, HUMAN_AGENT...) outside it. Not idempotent: never retried.
   */
  async sendMessage(pageId: string, recipientId: string, text: string, type: { messagingType: 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG'; tag?: string | null }) {
    const res = await this.client.post<{ recipient_id: string; message_id: string }>(
      this.path(`${pageId}/messages`),
      { recipient: { id: recipientId }, messaging_type: type.messagingType, ...(type.tag ? { tag: type.tag } : {}), message: { text } },
      { idempotent: false },
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
      return part.map((url, i) => this.subResult<T>(res.body[i], url));
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
