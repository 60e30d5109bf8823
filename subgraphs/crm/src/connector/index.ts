import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { inChunks } from '../../../../lib/batch.ts';
import { retryAfterSeconds, UpstreamClient, type VendorErrorMapping } from '../../../../lib/upstream.ts';
import {
  CALL_PROPERTIES,
  CONTACT_PROPERTIES,
  EMAIL_PROPERTIES,
  NOTE_PROPERTIES,
  TICKET_PROPERTIES,
  type CrmCallModel,
  type CrmContactModel,
  type CrmNoteModel,
  type EngagementModels,
  type EngagementType,
  type HubSpotAssociationBatchResponse,
  type HubSpotBatchResponse,
  type HubSpotErrorBody,
  type HubSpotPage,
  type HubSpotPipeline,
} from '../mappers.ts';

export const SYSTEM = 'crm';
/** HubSpot caps: batch/read 100 inputs, list 100 per page, v4 association batch 1,000 inputs. */
export const BATCH_READ_MAX = 100;
export const LIST_MAX = 100;
/** HubSpot's search: at most 200 per page and 10,000 results per query. */
export const SEARCH_MAX = 200;
export const SEARCH_CEILING = 10_000;
export const ASSOCIATION_BATCH_MAX = 1000;
/** HUBSPOT_DEFINED note → contact association type. */
const NOTE_TO_CONTACT = 202;
/** HUBSPOT_DEFINED call → contact association type. */
const CALL_TO_CONTACT = 194;
/** Custom note and call property holding the client's idempotency key (HubSpot has no idempotency header). */
export const IDEMPOTENCY_PROPERTY = 'omnigraph_idempotency_key';

const ENGAGEMENT_PROPERTIES: Record<EngagementType, readonly string[]> = {
  notes: NOTE_PROPERTIES,
  calls: CALL_PROPERTIES,
  emails: EMAIL_PROPERTIES,
  tickets: TICKET_PROPERTIES,
};

type Headers = Record<string, string | string[] | undefined>;

/**
 * HubSpot sends no Retry-After on 429 (undocumented); the policy says which window was hit.
 * The burst windows roll, so a short wait usually frees capacity; the daily one resets at midnight
 * (HubSpot resets at midnight in the portal's time zone; UTC is our conservative stand-in for it).
 */
export function hubspotRetryAfterSeconds(body: HubSpotErrorBody | null, headers: Headers, now = new Date()): number {
  const given = retryAfterSeconds(headers);
  if (given !== undefined) return given;
  if (body?.policyName === 'DAILY') {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    return Math.ceil((midnight - now.getTime()) / 1000);
  }
  return 1;
}

/** The one place HubSpot's error responses become our error codes. */
export function mapError(status: number, rawBody: unknown, headers: Headers): VendorErrorMapping {
  const body = typeof rawBody === 'object' && rawBody !== null ? (rawBody as HubSpotErrorBody) : null;
  const detail = body?.message ? `: ${body.message}` : '';
  if (status === 429 || body?.errorType === 'RATE_LIMIT') {
    return { code: ErrorCode.UPSTREAM_RATE_LIMITED, message: `rate limit reached (${body?.policyName ?? 'unknown policy'})`, retryAfterSeconds: hubspotRetryAfterSeconds(body, headers) };
  }
  if (status === 401 || status === 403) {
    // Our own token is wrong or lacks scopes: an operator problem, not the client's.
    return { code: ErrorCode.UPSTREAM_ERROR, message: `rejected the subgraph's credentials (${body?.category ?? status})` };
  }
  if (status === 404) return { code: ErrorCode.NOT_FOUND, message: `object not found${detail}` };
  if (status === 400 || status === 409 || status === 422) return { code: ErrorCode.BAD_USER_INPUT, message: `rejected the request${detail}` };
  if (status >= 500) return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: `unavailable (HTTP ${status})` };
  return { code: ErrorCode.UPSTREAM_ERROR, message: `unexpected HTTP ${status}${detail}` };
}

export interface CrmConnectorOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
  requestId?: string;
}

/** HubSpot CRM v3 objects and v4 associations, over the shared upstream client. Built per request. */
export class CrmConnector {
  private readonly http: UpstreamClient;
  private pipelines: Promise<HubSpotPipeline[]> | undefined;

  constructor(opts: CrmConnectorOptions) {
    this.http = new UpstreamClient({
      system: SYSTEM,
      baseUrl: opts.baseUrl,
      headers: { authorization: `Bearer ${opts.token}` },
      timeoutMs: opts.timeoutMs,
      mapError,
      // Batch reads answer 207 when some ids are missing: that is data, not a failure.
      okStatuses: [207],
      ...(opts.requestId ? { requestId: opts.requestId } : {}),
    });
  }

  /** One page of contacts in id order; `next` is HubSpot's `paging.next.after`, null on the last page. */
  async listContacts(args: { after: string | null; limit: number }): Promise<{ results: CrmContactModel[]; next: string | null }> {
    const res = await this.http.get<HubSpotPage<CrmContactModel>>('/crm/v3/objects/contacts', {
      limit: Math.min(Math.max(args.limit, 1), LIST_MAX),
      after: args.after,
      properties: CONTACT_PROPERTIES.join(','),
      archived: false,
    });
    return { results: res.body.results, next: res.body.paging?.next?.after ?? null };
  }

  /**
   * `POST /crm/v3/objects/contacts/search`: contacts whose `lastmodifieddate` is at or after
   * `since`, oldest change first. HubSpot's search pages by offset (`after`) and stops at 10,000
   * results: `next` is null at that ceiling and the caller asks again from the latest change it saw.
   */
  async searchContactsModifiedSince(args: { since: Date; after: string | null; limit: number }): Promise<{ results: CrmContactModel[]; next: string | null }> {
    const limit = Math.min(Math.max(args.limit, 1), SEARCH_MAX);
    const res = await this.http.post<HubSpotPage<CrmContactModel>>('/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: String(args.since.getTime()) }] }],
      sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
      properties: CONTACT_PROPERTIES,
      limit,
      ...(args.after ? { after: args.after } : {}),
    });
    const next = res.body.paging?.next?.after ?? null;
    return { results: res.body.results, next: next !== null && Number(next) + limit <= SEARCH_CEILING ? next : null };
  }

  /** Contacts by id; missing ids are simply absent from the result (HubSpot reports them on the side). */
  readContacts(ids: readonly string[]): Promise<CrmContactModel[]> {
    return this.batchRead<CrmContactModel>('contacts', ids, CONTACT_PROPERTIES);
  }

  /** Contacts by email (HubSpot matches case-insensitively); results carry the id, the email is in properties. */
  readContactsByEmail(emails: readonly string[]): Promise<CrmContactModel[]> {
    return this.batchRead<CrmContactModel>('contacts', emails, CONTACT_PROPERTIES, 'email');
  }

  readEngagements<T extends EngagementType>(type: T, ids: readonly string[]): Promise<EngagementModels[T][]> {
    return this.batchRead<EngagementModels[T]>(type, ids, ENGAGEMENT_PROPERTIES[type]);
  }

  private async batchRead<T>(type: string, keys: readonly string[], properties: readonly string[], idProperty?: 'email'): Promise<T[]> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return [];
    return inChunks(unique, BATCH_READ_MAX, async (part) => {
      const res = await this.http.post<HubSpotBatchResponse<T>>(`/crm/v3/objects/${type}/batch/read`, {
        inputs: part.map((id) => ({ id })),
        properties,
        propertiesWithHistory: [],
        ...(idProperty ? { idProperty } : {}),
      });
      return res.body.results;
    });
  }

  /**
   * contact id → ids of its associated objects of one type, for many contacts in one call per
   * 1,000 contacts. A contact with more than a page of associations is asked again with its own cursor.
   */
  async associatedIds(to: EngagementType, contactIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    let pending: { id: string; after?: string }[] = [...new Set(contactIds)].map((id) => ({ id }));
    while (pending.length > 0) {
      const pages = await inChunks(pending, ASSOCIATION_BATCH_MAX, async (inputs) => {
        const res = await this.http.post<HubSpotAssociationBatchResponse>(`/crm/v4/associations/contacts/${to}/batch/read`, { inputs });
        return res.body.results;
      });
      pending = [];
      for (const result of pages) {
        const fromId = String(result.from.id);
        const list = out.get(fromId) ?? [];
        for (const target of result.to) list.push(String(target.toObjectId));
        out.set(fromId, list);
        const after = result.paging?.next?.after;
        if (after) pending.push({ id: fromId, after });
      }
    }
    return out;
  }

  /** Ticket pipelines (which stages are closed); read once per request at most. */
  ticketPipelines(): Promise<HubSpotPipeline[]> {
    this.pipelines ??= this.http.get<{ results: HubSpotPipeline[] }>('/crm/v3/pipelines/tickets').then((res) => res.body.results);
    return this.pipelines;
  }

  /**
   * Creates a note associated to one contact. HubSpot has no idempotency keys, so with a key the
   * note carries it as `omnigraph_idempotency_key` and is written at most once (`createOnce`).
   */
  async createNote(input: { contactId: string; body: string; occurredAt: string; idempotencyKey: string | null; channel?: string | null }): Promise<CrmNoteModel> {
    const properties = { hs_timestamp: input.occurredAt, hs_note_body: input.body, ...(input.channel ? { omnigraph_channel: input.channel } : {}) };
    const associations = [{ to: { id: input.contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: NOTE_TO_CONTACT }] }];
    if (!input.idempotencyKey) return (await this.http.post<CrmNoteModel>('/crm/v3/objects/notes', { properties, associations }, { idempotent: false })).body;
    return this.createOnce<CrmNoteModel>('notes', { name: IDEMPOTENCY_PROPERTY, value: input.idempotencyKey }, NOTE_PROPERTIES, { properties, associations });
  }

  /** Logs a call associated to one contact, at most once per key (`createOnce`). */
  async createCall(input: { contactId: string; title: string; body: string; occurredAt: string; idempotencyKey: string }): Promise<CrmCallModel> {
    return this.createOnce<CrmCallModel>('calls', { name: IDEMPOTENCY_PROPERTY, value: input.idempotencyKey }, CALL_PROPERTIES, {
      properties: { hs_timestamp: input.occurredAt, hs_call_title: input.title, hs_call_body: input.body, hs_call_status: 'COMPLETED' },
      associations: [{ to: { id: input.contactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: CALL_TO_CONTACT }] }],
    });
  }

  /**
   * A create that a retry cannot duplicate, without vendor idempotency: the record carries a key
   * property; before writing, and again after a write whose answer was lost (a timeout or a
   * dropped connection: HubSpot may have written), the key is searched and a record found is the
   * answer. Limit: HubSpot's search index trails writes by a few seconds, so two attempts closer
   * together than that can still both write (subgraphs/crm/README.md, "Retry safety").
   */
  private async createOnce<T extends { id: string }>(
    type: 'notes' | 'calls' | 'contacts',
    key: { name: string; value: string },
    readProperties: readonly string[],
    body: { properties: Record<string, string>; associations?: unknown[] },
  ): Promise<T> {
    const find = async () => {
      const res = await this.http.post<{ results: T[] }>(`/crm/v3/objects/${type}/search`, {
        filterGroups: [{ filters: [{ propertyName: key.name, operator: 'EQ', value: key.value }] }],
        properties: readProperties,
        sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }],
        limit: 1,
      });
      return res.body.results[0] ?? null;
    };
    const write = async () => (await this.http.post<T>(`/crm/v3/objects/${type}`, { ...body, properties: { ...body.properties, [key.name]: key.value } }, { idempotent: false })).body;
    const existing = await find();
    if (existing) return existing;
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof UpstreamError) || (error.extensions.code !== ErrorCode.UPSTREAM_TIMEOUT && error.extensions.code !== ErrorCode.UPSTREAM_UNAVAILABLE)) throw error;
      // The answer was lost: the write may have happened. Read before writing again.
      const written = await find();
      if (written) return written;
      return write();
    }
  }

  /**
   * The contact of a hub customer, created when there is none, carrying `omnigraph_customer_id` so
   * the identity feed can link it back. That property is the natural key: one contact per hub
   * customer (`createOnce` searches it first).
   */
  createContactForCustomer(input: { customerId: string }): Promise<CrmContactModel> {
    return this.createOnce<CrmContactModel>('contacts', { name: 'omnigraph_customer_id', value: input.customerId }, CONTACT_PROPERTIES, { properties: {} });
  }
}
