import { createHash } from 'node:crypto';
import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { UpstreamClient, type VendorErrorMapping } from '../../../../lib/upstream.ts';
import type { Config } from '../config.ts';
import type {
  SquareCatalogObject,
  SquareCustomer,
  SquareError,
  SquareInventoryCount,
  SquareLocation,
  SquareLoyaltyAccount,
  SquareMoney,
  SquareOrder,
  SquarePayment,
} from '../mappers.ts';

export const SYSTEM = 'pos';

/**
 * The Square `idempotency_key` of one call kind of one of our writes: a hash of the kind and the
 * caller's key, so a retry of the same write sends the same keys, the calls of one write never
 * share a key (Square refuses a key reused with another body), and every key fits Square's
 * shortest cap (CreatePayment's 45 characters) whatever the caller's key.
 */
export function squareKey(kind: 'order' | 'payment' | 'pay' | 'stock', key: string): string {
  return `${kind}-${createHash('sha256').update(`${kind}\u0000${key}`).digest('base64url').slice(0, 32)}`;
}
export const SQUARE_VERSION = '2025-08-20';

/** Square's documented caps: the connector's callers chunk to these. */
export const LIMITS = {
  bulkCustomers: 100,
  batchOrders: 100,
  orderSearchCustomers: 10,
  orderSearchLocations: 10,
  loyaltyCustomers: 30,
  catalogObjects: 100,
  inventoryObjects: 100,
  listCustomers: 100,
} as const;

/**
 * Square publishes no rate limits and sends no Retry-After. The connector backs off on its
 * own (the upstream client's exponential jitter) and, when it gives up, tells the client
 * to wait this long, as Square's SDKs do with their 1 s base interval.
 */
const SUGGESTED_RETRY_AFTER_SECONDS = 1;

/** Reads Square's `{"errors":[{category, code, detail, field}]}` envelope into our error codes. */
export function mapSquareError(status: number, body: unknown): VendorErrorMapping {
  const first = firstError(body);
  const detail = first?.detail ?? first?.code ?? `HTTP ${status}`;
  if (status === 429 || first?.category === 'RATE_LIMIT_ERROR') {
    return { code: ErrorCode.UPSTREAM_RATE_LIMITED, message: 'rate limited by Square' };
  }
  if (status === 401 || status === 403 || first?.category === 'AUTHENTICATION_ERROR') {
    // Our credential, not the caller's: an operator problem, never UNAUTHENTICATED for the client.
    return { code: ErrorCode.UPSTREAM_ERROR, message: `Square rejected the subgraph's access token (${first?.code ?? status})` };
  }
  if (status === 404) return { code: ErrorCode.NOT_FOUND, message: detail };
  if (status === 400 || status === 422) {
    return { code: ErrorCode.BAD_USER_INPUT, message: `Square refused the request: ${first?.code ?? 'BAD_REQUEST'}${first?.field ? ` (${first.field})` : ''}: ${detail}` };
  }
  if (status >= 500) return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: `Square is unavailable (${first?.code ?? status})` };
  return { code: ErrorCode.UPSTREAM_ERROR, message: `Square answered ${status}: ${detail}` };
}

function firstError(body: unknown): SquareError | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const errors = (body as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors[0] as SquareError | undefined) : undefined;
}

export interface Page<T> {
  items: T[];
  cursor: string | null;
}

/**
 * Follows Square cursors until none comes back. Square may return a cursor with an empty
 * next page, which simply ends the loop one call later. `maxPages` bounds one request's cost.
 */
export async function collectPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>, maxPages = Infinity): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage(cursor);
    out.push(...page.items);
    if (!page.cursor) break;
    cursor = page.cursor;
  }
  return out;
}

export type BulkCustomerResult = { customer: SquareCustomer } | { errors: SquareError[] };

/** The Square API v2, as this subgraph uses it. One instance per GraphQL request. */
export class PosConnector {
  private readonly client: UpstreamClient;

  constructor(
    private readonly config: Pick<Config, 'UPSTREAM_URL' | 'UPSTREAM_TOKEN' | 'UPSTREAM_TIMEOUT_MS' | 'POS_ORDERS_PAGE_LIMIT' | 'POS_ORDERS_MAX_PAGES'>,
    requestId?: string,
  ) {
    this.client = new UpstreamClient({
      system: SYSTEM,
      baseUrl: config.UPSTREAM_URL,
      headers: { authorization: `Bearer ${config.UPSTREAM_TOKEN}`, 'square-version': SQUARE_VERSION },
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      // Square sends no Retry-After: two jittered retries before giving up.
      retries: 2,
      mapError: (status, body) => mapSquareError(status, body),
      ...(requestId ? { requestId } : {}),
    });
  }

  private async call<T>(send: () => Promise<{ body: T }>): Promise<T> {
    try {
      return (await send()).body;
    } catch (error) {
      if (error instanceof UpstreamError && error.extensions.code === ErrorCode.UPSTREAM_RATE_LIMITED && error.extensions.retryAfterSeconds === undefined) {
        throw new UpstreamError(ErrorCode.UPSTREAM_RATE_LIMITED, error.message, {
          system: SYSTEM,
          ...(error.status !== undefined ? { status: error.status } : {}),
          ...(error.url !== undefined ? { url: error.url } : {}),
          retryAfterSeconds: SUGGESTED_RETRY_AFTER_SECONDS,
        });
      }
      throw error;
    }
  }

  private get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    return this.call(() => this.client.get<T>(path, query));
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.call(() => this.client.post<T>(path, body));
  }

  /** `GET /v2/customers`, one page (the identity feed follows Square's cursor). */
  async listCustomers(args: { cursor?: string | null; limit: number }): Promise<Page<SquareCustomer>> {
    const body = await this.get<{ customers?: SquareCustomer[]; cursor?: string }>('/v2/customers', {
      limit: Math.min(Math.max(args.limit, 1), LIMITS.listCustomers),
      sort_field: 'CREATED_AT',
      sort_order: 'ASC',
      ...(args.cursor ? { cursor: args.cursor } : {}),
    });
    return { items: body.customers ?? [], cursor: body.cursor ?? null };
  }

  /**
   * `POST /v2/customers/search` with Square's `updated_at` time range: customers changed at or
   * after `since`, oldest created first, following Square's cursor (the list endpoint has no
   * updated-at filter).
   */
  async searchCustomersUpdatedSince(args: { since: Date; cursor?: string | null; limit: number }): Promise<Page<SquareCustomer>> {
    const body = await this.post<{ customers?: SquareCustomer[]; cursor?: string }>('/v2/customers/search', {
      query: { filter: { updated_at: { start_at: args.since.toISOString() } }, sort: { field: 'CREATED_AT', order: 'ASC' } },
      limit: Math.min(Math.max(args.limit, 1), LIMITS.listCustomers),
      ...(args.cursor ? { cursor: args.cursor } : {}),
    });
    return { items: body.customers ?? [], cursor: body.cursor ?? null };
  }

  /** `POST /v2/customers/bulk-retrieve` (1-100 ids): a map keyed by id, NOT_FOUND per missing id. */
  async bulkRetrieveCustomers(ids: readonly string[]): Promise<Record<string, BulkCustomerResult>> {
    const body = await this.post<{ responses?: Record<string, BulkCustomerResult> }>('/v2/customers/bulk-retrieve', { customer_ids: ids });
    return body.responses ?? {};
  }

  /** `POST /v2/orders/search` for ≤10 customers at ≤10 locations, newest first, following cursors. */
  async searchOrdersByCustomers(customerIds: readonly string[], locationIds: readonly string[]): Promise<SquareOrder[]> {
    const query = {
      location_ids: locationIds,
      query: { filter: { customer_filter: { customer_ids: customerIds } }, sort: { sort_field: 'CREATED_AT', sort_order: 'DESC' } },
      limit: this.config.POS_ORDERS_PAGE_LIMIT,
    };
    return collectPages(async (cursor) => {
      const body = await this.post<{ orders?: SquareOrder[]; cursor?: string }>('/v2/orders/search', { ...query, ...(cursor ? { cursor } : {}) });
      return { items: body.orders ?? [], cursor: body.cursor ?? null };
    }, this.config.POS_ORDERS_MAX_PAGES);
  }

  /** `POST /v2/orders/batch-retrieve` (≤100): unknown ids are silently omitted. */
  async batchRetrieveOrders(ids: readonly string[]): Promise<SquareOrder[]> {
    const body = await this.post<{ orders?: SquareOrder[] }>('/v2/orders/batch-retrieve', { order_ids: ids });
    return body.orders ?? [];
  }

  /** `GET /v2/locations`: every location, no paging. */
  async listLocations(): Promise<SquareLocation[]> {
    const body = await this.get<{ locations?: SquareLocation[] }>('/v2/locations');
    return body.locations ?? [];
  }

  /**
   * `POST /v2/catalog/search` for variations by SKU. A `set_query` matches many SKUs in one
   * call, where the `exact_query` Square's docs show for SKU lookups takes one value.
   */
  async searchVariationsBySku(skus: readonly string[]): Promise<{ objects: SquareCatalogObject[]; related: SquareCatalogObject[] }> {
    const objects: SquareCatalogObject[] = [];
    const related: SquareCatalogObject[] = [];
    await collectPages(async (cursor) => {
      const body = await this.post<{ objects?: SquareCatalogObject[]; related_objects?: SquareCatalogObject[]; cursor?: string }>('/v2/catalog/search', {
        object_types: ['ITEM_VARIATION'],
        query: { set_query: { attribute_name: 'sku', attribute_values: skus } },
        include_related_objects: true,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      objects.push(...(body.objects ?? []));
      related.push(...(body.related_objects ?? []));
      return { items: body.objects ?? [], cursor: body.cursor ?? null };
    });
    return { objects, related };
  }

  /** `POST /v2/catalog/batch-retrieve` with parent items as related objects; unknown ids omitted. */
  async batchRetrieveCatalog(ids: readonly string[]): Promise<{ objects: SquareCatalogObject[]; related: SquareCatalogObject[] }> {
    const body = await this.post<{ objects?: SquareCatalogObject[]; related_objects?: SquareCatalogObject[] }>('/v2/catalog/batch-retrieve', {
      object_ids: ids,
      include_related_objects: true,
    });
    return { objects: body.objects ?? [], related: body.related_objects ?? [] };
  }

  /** `POST /v2/inventory/counts/batch-retrieve` for variations at every location, following cursors. */
  async inventoryCounts(variationIds: readonly string[]): Promise<SquareInventoryCount[]> {
    return collectPages(async (cursor) => {
      const body = await this.post<{ counts?: SquareInventoryCount[]; cursor?: string }>('/v2/inventory/counts/batch-retrieve', {
        catalog_object_ids: variationIds,
        states: ['IN_STOCK'],
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      return { items: body.counts ?? [], cursor: body.cursor ?? null };
    });
  }

  /** `POST /v2/loyalty/accounts/search` for ≤30 customers, following cursors. */
  async searchLoyaltyAccounts(customerIds: readonly string[]): Promise<SquareLoyaltyAccount[]> {
    return collectPages(async (cursor) => {
      const body = await this.post<{ loyalty_accounts?: SquareLoyaltyAccount[]; cursor?: string }>('/v2/loyalty/accounts/search', {
        query: { customer_ids: customerIds },
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      return { items: body.loyalty_accounts ?? [], cursor: body.cursor ?? null };
    });
  }

  /**
   * Square writes carry Square's own `idempotency_key`: the same key answers the first result, so
   * the client may retry them like reads.
   */
  private write<T>(path: string, body: unknown): Promise<T> {
    return this.call(() => this.client.post<T>(path, body, { idempotent: true }));
  }

  /** `POST /v2/orders` (CreateOrder): an OPEN order priced by the catalog at the location. */
  async createOrder(input: {
    idempotencyKey: string;
    locationId: string;
    customerId: string | null;
    referenceId: string;
    lines: readonly { variationId: string; quantity: number }[];
  }): Promise<SquareOrder> {
    const body = await this.write<{ order: SquareOrder }>('/v2/orders', {
      idempotency_key: input.idempotencyKey,
      order: {
        location_id: input.locationId,
        reference_id: input.referenceId,
        source: { name: 'Point of Sale' },
        ...(input.customerId ? { customer_id: input.customerId } : {}),
        line_items: input.lines.map((l) => ({ catalog_object_id: l.variationId, quantity: String(l.quantity) })),
      },
    });
    return body.order;
  }

  /**
   * `POST /v2/payments` (CreatePayment) for an order, outside Square's card rails: `CASH` with the
   * cash handed over, or `EXTERNAL` (a third-party terminal, a bank transfer...). `autocomplete:
   * false` leaves it APPROVED, which is what PayOrder takes. Square caps this key at 45 characters.
   */
  async createPayment(input: {
    idempotencyKey: string;
    order: Pick<SquareOrder, 'id' | 'location_id' | 'customer_id' | 'total_money'>;
    source: { kind: 'CASH'; tendered: SquareMoney } | { kind: 'EXTERNAL'; type: string; source: string };
  }): Promise<SquarePayment> {
    const amount = input.order.total_money;
    if (!amount) throw new UpstreamError(ErrorCode.UPSTREAM_ERROR, `Square order ${input.order.id} has no total_money`, { system: SYSTEM });
    const body = await this.write<{ payment: SquarePayment }>('/v2/payments', {
      idempotency_key: input.idempotencyKey,
      source_id: input.source.kind,
      amount_money: amount,
      order_id: input.order.id,
      location_id: input.order.location_id,
      ...(input.order.customer_id ? { customer_id: input.order.customer_id } : {}),
      autocomplete: false,
      ...(input.source.kind === 'CASH'
        ? { cash_details: { buyer_supplied_money: input.source.tendered } }
        : { external_details: { type: input.source.type, source: input.source.source } }),
    });
    return body.payment;
  }

  /** `POST /v2/orders/{id}/pay` (PayOrder) with the order's approved payments: the order becomes COMPLETED with their tenders. */
  async payOrder(orderId: string, idempotencyKey: string, paymentIds: readonly string[]): Promise<SquareOrder> {
    const body = await this.write<{ order: SquareOrder }>(`/v2/orders/${encodeURIComponent(orderId)}/pay`, { idempotency_key: idempotencyKey, payment_ids: paymentIds });
    return body.order;
  }

  /** `POST /v2/inventory/changes/batch-create` with IN_STOCK → SOLD adjustments (≤100 changes). */
  async recordSold(input: { idempotencyKey: string; locationId: string; occurredAt: string; lines: readonly { variationId: string; quantity: number }[] }): Promise<SquareInventoryCount[]> {
    const body = await this.write<{ counts?: SquareInventoryCount[] }>('/v2/inventory/changes/batch-create', {
      idempotency_key: input.idempotencyKey,
      ignore_unchanged_counts: true,
      changes: input.lines.map((l) => ({
        type: 'ADJUSTMENT',
        adjustment: {
          catalog_object_id: l.variationId,
          location_id: input.locationId,
          from_state: 'IN_STOCK',
          to_state: 'SOLD',
          quantity: String(l.quantity),
          occurred_at: input.occurredAt,
        },
      })),
    });
    return body.counts ?? [];
  }

  /**
   * `POST /v2/orders` (CreateOrder) for web orders: an OPEN order with a PICKUP fulfilment
   * (PROPOSED) for buy-online-pick-up-in-store, or a DRAFT for a cart handed to a store.
   */
  async createStoreOrder(input: {
    kind: 'PICKUP' | 'DRAFT';
    idempotencyKey: string;
    locationId: string;
    referenceId: string;
    recipientName: string | null;
    lines: readonly { variationId: string; quantity: number }[];
  }): Promise<SquareOrder> {
    const body = await this.write<{ order: SquareOrder }>('/v2/orders', {
      idempotency_key: input.idempotencyKey,
      order: {
        location_id: input.locationId,
        reference_id: input.referenceId,
        source: { name: 'Omnigraph' },
        state: input.kind === 'DRAFT' ? 'DRAFT' : 'OPEN',
        line_items: input.lines.map((l) => ({ catalog_object_id: l.variationId, quantity: String(l.quantity) })),
        ...(input.kind === 'PICKUP'
          ? { fulfillments: [{ type: 'PICKUP', state: 'PROPOSED', pickup_details: { schedule_type: 'ASAP', recipient: { display_name: input.recipientName ?? 'Web customer' } } }] }
          : {}),
      },
    });
    return body.order;
  }

  /** `PUT /v2/orders/{id}` (UpdateOrder) at the order's current `version`: fulfilment states and the order state. */
  async updateOrder(orderId: string, input: { idempotencyKey: string; version: number | undefined; state?: string; fulfillments?: readonly { uid: string; state: string }[] }): Promise<SquareOrder> {
    const body = await this.call(() =>
      this.client.request<{ order: SquareOrder }>({
        method: 'PUT',
        path: `/v2/orders/${encodeURIComponent(orderId)}`,
        body: {
          idempotency_key: input.idempotencyKey,
          order: { ...(input.version !== undefined ? { version: input.version } : {}), ...(input.state ? { state: input.state } : {}), ...(input.fulfillments ? { fulfillments: input.fulfillments } : {}) },
        },
        idempotent: true,
      }),
    );
    return body.order;
  }

  /** `POST /v2/orders/search` at one location for PICKUP fulfilments in the given states, oldest first. */
  async pickupOrdersAt(locationId: string, states: readonly string[], limit: number): Promise<SquareOrder[]> {
    const body = await this.post<{ orders?: SquareOrder[] }>('/v2/orders/search', {
      location_ids: [locationId],
      query: { filter: { fulfillment_filter: { fulfillment_types: ['PICKUP'], fulfillment_states: states } }, sort: { sort_field: 'CREATED_AT', sort_order: 'ASC' } },
      limit,
    });
    return body.orders ?? [];
  }

  /** `POST /v2/orders/search` at one location, newest first: one page of recent orders. */
  async recentOrdersAt(locationId: string, limit: number): Promise<SquareOrder[]> {
    const body = await this.post<{ orders?: SquareOrder[] }>('/v2/orders/search', {
      location_ids: [locationId],
      query: { sort: { sort_field: 'CREATED_AT', sort_order: 'DESC' } },
      limit,
    });
    return body.orders ?? [];
  }
}
