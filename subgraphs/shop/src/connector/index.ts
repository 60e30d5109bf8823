import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { parseLinkHeader, retryAfterSeconds, UpstreamClient, type UpstreamResponse, type VendorErrorMapping } from '../../../../lib/upstream.ts';
import type { Config } from '../config.ts';
import { keyTag, mergeLineItems, MERGED_INTO, TAGS, tagsOf, toCart, withAttribute, withTags, type CartLineInput } from './carts.ts';
import { quoted, shopifyGraphQL } from './graphql.ts';
import type {
  ShopifyCart,
  ShopifyDraftOrder,
  ShopifyCustomer,
  ShopifyErrorBody,
  ShopifyInventoryLevel,
  ShopifyLocation,
  ShopifyOrder,
  ShopifyProduct,
  ShopifyShop,
  ShopifyVariant,
} from '../mappers.ts';

export const SYSTEM = 'shop';
/**
 * Shopify list and `ids=` caps: `limit` ≤ 250 (the `ids` list cap is undocumented; kept at the page max);
 * inventory levels ≤ 50 item ids; GraphQL search terms per query kept at 50 (`a OR b OR …`, to keep
 * the query string short).
 */
export const LIMITS = { page: 250, ids: 250, skus: 250, inventoryItems: 50, searchTerms: 50 } as const;

type Headers = Record<string, string | string[] | undefined>;

/** Shopify's `errors` is a string, an array or a field → messages map; clients just stringify it. */
export function describeErrors(body: unknown): string {
  const errors = typeof body === 'object' && body !== null ? (body as ShopifyErrorBody).errors : undefined;
  if (errors === undefined) return '';
  if (typeof errors === 'string') return errors;
  if (Array.isArray(errors)) return errors.join('; ');
  return Object.entries(errors)
    .map(([field, messages]) => `${field} ${Array.isArray(messages) ? messages.join(', ') : messages}`)
    .join('; ');
}

/** The one place Shopify's error responses become our error codes. */
export function mapError(status: number, body: unknown, headers: Headers): VendorErrorMapping {
  const detail = describeErrors(body);
  const suffix = detail ? `: ${detail}` : '';
  if (status === 429) {
    // Shopify always sends Retry-After (a float, "2.0"); 2 s is its leak time for one call.
    return { code: ErrorCode.UPSTREAM_RATE_LIMITED, message: `API call limit reached (${String(headers['x-shopify-shop-api-call-limit'] ?? '?')})`, retryAfterSeconds: retryAfterSeconds(headers) ?? 2 };
  }
  if (status === 401 || status === 403) {
    // Our own token is wrong or lacks a scope: an operator problem, not the client's.
    return { code: ErrorCode.UPSTREAM_ERROR, message: `rejected the subgraph's access token (HTTP ${status})` };
  }
  if (status === 402 || status === 423) return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: `shop is frozen or locked (HTTP ${status})${suffix}` };
  if (status === 404) return { code: ErrorCode.NOT_FOUND, message: `not found${suffix}` };
  if (status === 400 || status === 422) return { code: ErrorCode.BAD_USER_INPUT, message: `rejected the request${suffix}` };
  if (status >= 500) return { code: ErrorCode.UPSTREAM_UNAVAILABLE, message: `unavailable (HTTP ${status})` };
  return { code: ErrorCode.UPSTREAM_ERROR, message: `unexpected HTTP ${status}${suffix}` };
}

/** The `page_info` cursor of the `link` header's rel="next" URL; null on the last page (or when everything fit on one). */
export function nextPageInfo(headers: Headers): string | null {
  const next = parseLinkHeader(headers.link ?? headers.Link)['next'];
  if (!next) return null;
  try {
    return new URL(next).searchParams.get('page_info');
  } catch {
    return null;
  }
}

export interface Page<T> {
  items: T[];
  /** Opaque Shopify cursor for the next page; null on the last page. */
  next: string | null;
}

/** Shopify Admin REST and GraphQL, over the shared upstream client. Built per request (it carries the request id). */
export class ShopConnector {
  private readonly http: UpstreamClient;
  /** Variant prices carry no currency; they are in the shop's. */
  readonly currency: string;
  private readonly maxOrderPages: number;

  constructor(config: Config, requestId?: string) {
    this.currency = config.SHOP_CURRENCY;
    this.maxOrderPages = config.SHOP_ORDERS_MAX_PAGES;
    this.http = new UpstreamClient({
      system: SYSTEM,
      baseUrl: `${config.UPSTREAM_URL.replace(/\/$/, '')}/admin/api/${config.SHOP_API_VERSION}/`,
      headers: { 'x-shopify-access-token': config.UPSTREAM_TOKEN },
      timeoutMs: config.UPSTREAM_TIMEOUT_MS,
      mapError,
      ...(requestId ? { requestId } : {}),
    });
  }

  /** `GET customers.json?ids=` (≤ 250). `limit` must go along: without it Shopify returns only 50 of the ids. */
  async customersByIds(ids: readonly string[]): Promise<ShopifyCustomer[]> {
    const res = await this.http.get<{ customers: ShopifyCustomer[] }>('customers.json', { ids: ids.join(','), limit: LIMITS.page });
    return res.body.customers;
  }

  /** One page of `GET customers.json`, ascending id. A `page_info` request may carry only `limit`. */
  /**
   * `GET customers.json`, ascending id. `updatedAtMin` (Shopify's `updated_at_min`) goes on the
   * first page only: Shopify refuses filters beside `page_info`, whose cursor carries them.
   */
  async listCustomers(args: { limit: number; pageInfo?: string | null; updatedAtMin?: Date | null }): Promise<Page<ShopifyCustomer>> {
    const res = await this.http.get<{ customers: ShopifyCustomer[] }>('customers.json', {
      limit: Math.min(args.limit, LIMITS.page),
      page_info: args.pageInfo ?? undefined,
      updated_at_min: !args.pageInfo && args.updatedAtMin ? args.updatedAtMin.toISOString() : undefined,
    });
    return { items: res.body.customers, next: nextPageInfo(res.headers) };
  }

  /** `GET orders.json?ids=&status=any`: the default status (`open`) would hide closed and cancelled orders. */
  async ordersByIds(ids: readonly string[]): Promise<ShopifyOrder[]> {
    const res = await this.http.get<{ orders: ShopifyOrder[] }>('orders.json', { ids: ids.join(','), status: 'any', limit: LIMITS.page });
    return res.body.orders;
  }

  /**
   * Every order of these customers, any status: the GraphQL Admin API finds their ids
   * (`orders(query: "customer_id:1 OR customer_id:2")`, Shopify REST has no customer filter), then
   * REST reads them in the shape the mappers know (`orders.json?ids=`, 250 a call).
   */
  async ordersByCustomerIds(customerIds: readonly string[]): Promise<ShopifyOrder[]> {
    const ids: string[] = [];
    for (let start = 0; start < customerIds.length; start += LIMITS.searchTerms) {
      const part = customerIds.slice(start, start + LIMITS.searchTerms);
      ids.push(...(await this.searchIds('orders', part.map((id) => `customer_id:${id}`).join(' OR '), this.maxOrderPages, `${part.length} customers`)));
    }
    const orders: ShopifyOrder[] = [];
    for (let start = 0; start < ids.length; start += LIMITS.ids) orders.push(...(await this.ordersByIds(ids.slice(start, start + LIMITS.ids))));
    return orders;
  }

  /**
   * Ids (`legacyResourceId`) of one GraphQL connection's search, following pages up to `maxPages`;
   * past that it fails loudly rather than answer with some records missing.
   */
  private async searchIds(connection: 'orders' | 'draftOrders', search: string, maxPages: number, what: string): Promise<string[]> {
    const query = `query Search($q: String!, $after: String) { ${connection}(first: ${LIMITS.page}, query: $q, after: $after, sortKey: ID) { pageInfo { hasNextPage endCursor } nodes { legacyResourceId } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages++) {
      const data: Record<string, { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: { legacyResourceId: string }[] }> = await shopifyGraphQL(this.http, SYSTEM, query, { q: search, after });
      const conn = data[connection]!;
      ids.push(...conn.nodes.map((n) => String(n.legacyResourceId)));
      if (!conn.pageInfo.hasNextPage) return ids;
      if (pages >= maxPages) throw new UpstreamError(ErrorCode.UPSTREAM_ERROR, `${SYSTEM}: more than ${pages * LIMITS.page} ${connection} for ${what}`, { system: SYSTEM });
      after = conn.pageInfo.endCursor;
    }
  }

  async productsByIds(ids: readonly string[]): Promise<ShopifyProduct[]> {
    const res = await this.http.get<{ products: ShopifyProduct[] }>('products.json', { ids: ids.join(','), limit: LIMITS.page });
    return res.body.products;
  }

  async listProducts(args: { limit: number; pageInfo?: string | null }): Promise<Page<ShopifyProduct>> {
    const res = await this.http.get<{ products: ShopifyProduct[] }>('products.json', { limit: Math.min(args.limit, LIMITS.page), page_info: args.pageInfo ?? undefined });
    return { items: res.body.products, next: nextPageInfo(res.headers) };
  }

  /**
   * Variants by SKU through the GraphQL Admin API (`productVariants(query: "sku:A OR sku:B")`; REST
   * has no SKU lookup), mapped to the REST variant shape. SKUs are not unique: every match comes back.
   */
  async variantsBySkus(skus: readonly string[]): Promise<ShopifyVariant[]> {
    const query = `query VariantsBySku($q: String!, $after: String) { productVariants(first: ${LIMITS.page}, query: $q, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { legacyResourceId sku title price compareAtPrice product { legacyResourceId } inventoryItem { legacyResourceId tracked } }
    } }`;
    type Node = { legacyResourceId: string; sku: string | null; title: string; price: string; compareAtPrice: string | null; product: { legacyResourceId: string }; inventoryItem: { legacyResourceId: string; tracked: boolean } };
    const variants: ShopifyVariant[] = [];
    for (let start = 0; start < skus.length; start += LIMITS.searchTerms) {
      const q = skus.slice(start, start + LIMITS.searchTerms).map((sku) => `sku:${quoted(sku)}`).join(' OR ');
      let after: string | null = null;
      do {
        const data: { productVariants: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Node[] } } = await shopifyGraphQL(this.http, SYSTEM, query, { q, after });
        for (const n of data.productVariants.nodes) {
          variants.push({
            id: Number(n.legacyResourceId),
            product_id: Number(n.product.legacyResourceId),
            title: n.title,
            sku: n.sku,
            price: n.price,
            compare_at_price: n.compareAtPrice,
            inventory_item_id: Number(n.inventoryItem.legacyResourceId),
            inventory_management: n.inventoryItem.tracked ? 'shopify' : null,
          });
        }
        after = data.productVariants.pageInfo.hasNextPage ? data.productVariants.pageInfo.endCursor : null;
      } while (after);
    }
    return variants;
  }

  /** `GET inventory_levels.json?inventory_item_ids=` (≤ 50 ids): every location's level of these items. */
  async inventoryLevels(itemIds: readonly string[]): Promise<ShopifyInventoryLevel[]> {
    const res = await this.http.get<{ inventory_levels: ShopifyInventoryLevel[] }>('inventory_levels.json', { inventory_item_ids: itemIds.join(','), limit: LIMITS.page });
    return res.body.inventory_levels;
  }

  // Carts are draft orders (connector/carts.ts says how a cart maps onto one). Shopify has no
  // idempotency keys: each write is made safe by the product itself, see `afterLostAnswer` and the
  // key tags in carts.ts.

  /** `GET draft_orders.json?ids=` (numeric ids only; anything else is no cart). */
  async cartsByIds(ids: readonly string[]): Promise<ShopifyCart[]> {
    const numeric = ids.filter((id) => /^\d+$/.test(id));
    if (numeric.length === 0) return [];
    const res = await this.http.get<{ draft_orders: ShopifyDraftOrder[] }>('draft_orders.json', { ids: numeric.join(','), limit: LIMITS.page });
    return res.body.draft_orders.map(toCart);
  }

  /** These customers' carts: their draft orders' ids through GraphQL (`draftOrders(query: "customer_id:…")`), then REST. */
  async cartsByCustomerIds(customerIds: readonly string[]): Promise<ShopifyCart[]> {
    const ids: string[] = [];
    for (let start = 0; start < customerIds.length; start += LIMITS.searchTerms) {
      const part = customerIds.slice(start, start + LIMITS.searchTerms);
      ids.push(...(await this.searchIds('draftOrders', part.map((id) => `customer_id:${id}`).join(' OR '), this.maxOrderPages, `${part.length} customers`)));
    }
    const carts: ShopifyCart[] = [];
    for (let start = 0; start < ids.length; start += LIMITS.ids) carts.push(...(await this.cartsByIds(ids.slice(start, start + LIMITS.ids))));
    return carts;
  }

  private async draft(id: string): Promise<ShopifyDraftOrder> {
    return (await this.http.get<{ draft_order: ShopifyDraftOrder }>(`draft_orders/${encodeURIComponent(id)}.json`)).body.draft_order;
  }

  private async updateDraft(id: string, fields: Record<string, unknown>): Promise<ShopifyDraftOrder> {
    const res = await this.http.request<{ draft_order: ShopifyDraftOrder }>({ method: 'PUT', path: `draft_orders/${encodeURIComponent(id)}.json`, body: { draft_order: fields }, idempotent: false });
    return res.body.draft_order;
  }

  /**
   * A write whose answer may be lost after Shopify carried it out (a timeout, a dropped
   * connection): `check` reads whether it happened and gives the result if so; only if not is
   * the write made again, once.
   */
  private async afterLostAnswer<T>(write: () => Promise<T>, check: () => Promise<T | null>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof UpstreamError) || (error.extensions.code !== ErrorCode.UPSTREAM_TIMEOUT && error.extensions.code !== ErrorCode.UPSTREAM_UNAVAILABLE)) throw error;
      return (await check()) ?? write();
    }
  }

  /** The draft order already made under this key (its key tag), found through GraphQL's tag search. */
  private async cartByKey(key: string): Promise<ShopifyCart | null> {
    const ids = await this.searchIds('draftOrders', `tag:${quoted(keyTag(key))}`, 1, 'one key');
    return ids[0] ? ((await this.cartsByIds([ids[0]]))[0] ?? null) : null;
  }

  /** `POST draft_orders.json`, at most once per key: the draft carries the key's tag, searched before writing and after a lost answer. */
  async createCart(input: { customerId: string | null; lines: readonly CartLineInput[] }, key: string): Promise<ShopifyCart> {
    const existing = await this.cartByKey(key);
    if (existing) return existing;
    const body = {
      draft_order: {
        line_items: input.lines.map((l) => ({ variant_id: l.variantId, quantity: l.quantity })),
        ...(input.customerId !== null ? { customer: { id: Number(input.customerId) } } : {}),
        tags: keyTag(key),
      },
    };
    return this.afterLostAnswer(
      async () => toCart((await this.http.post<{ draft_order: ShopifyDraftOrder }>('draft_orders.json', body, { idempotent: false })).body.draft_order),
      () => this.cartByKey(key),
    );
  }

  /**
   * Adds lines (PUT replaces the draft's line items, so the current ones are read first) and the
   * key's tag in the same update: a retry that finds the tag has nothing left to do.
   */
  async addCartLines(cartId: string, lines: readonly CartLineInput[], key: string): Promise<ShopifyCart> {
    const tag = keyTag(key);
    const apply = async (): Promise<ShopifyCart> => {
      const draft = await this.draft(cartId);
      if (tagsOf(draft).includes(tag)) return toCart(draft);
      return toCart(await this.updateDraft(cartId, { line_items: mergeLineItems(draft, lines), tags: withTags(draft, [tag]) }));
    };
    return this.afterLostAnswer(apply, async () => {
      const draft = await this.draft(cartId);
      return tagsOf(draft).includes(tag) ? toCart(draft) : null;
    });
  }

  /** The guest cart's lines go into the customer's (under the key's tag), then the guest cart is closed as merged. */
  async mergeCarts(targetId: string, sourceId: string, key: string): Promise<ShopifyCart> {
    const source = await this.draft(sourceId);
    const lines = source.line_items.filter((l) => l.variant_id !== null).map((l) => ({ variantId: l.variant_id!, quantity: l.quantity }));
    const target = await this.addCartLines(targetId, lines, key);
    const close = () => this.updateDraft(sourceId, { tags: withTags(source, [TAGS.abandoned]), note: `merged into ${targetId}`, note_attributes: withAttribute(source, MERGED_INTO, targetId) });
    await this.afterLostAnswer(close, async () => (toCart(await this.draft(sourceId)).merged_into === targetId ? source : null));
    return target;
  }

  /** HANDED_OFF or ABANDONED as the product's tag on the draft, with the note: setting it twice is the same as once. */
  async setCartStatus(cartId: string, status: 'HANDED_OFF' | 'ABANDONED', note: string): Promise<ShopifyCart> {
    const draft = await this.draft(cartId);
    const write = async () => toCart(await this.updateDraft(cartId, { tags: withTags(draft, [status === 'HANDED_OFF' ? TAGS.handedOff : TAGS.abandoned]), note }));
    return this.afterLostAnswer(write, async () => {
      const cart = toCart(await this.draft(cartId));
      return cart.status === status && cart.note === note ? cart : null;
    });
  }

  /**
   * Completes the cart's draft order into an order (`PUT draft_orders/{id}/complete.json`). A pickup
   * order first gets a "Pickup in store" shipping line and the store as note attribute
   * `pickup_store_id`. Completion happens once: a draft found completed (a retry, or a completion
   * whose answer was lost) answers with the order it became.
   */
  async createOrderFromCart(cartId: string, pickupStoreId: string | null): Promise<ShopifyOrder> {
    const orderOf = async (draft: ShopifyDraftOrder) => {
      const order = draft.order_id !== null ? (await this.ordersByIds([String(draft.order_id)]))[0] : undefined;
      if (!order) throw new UpstreamError(ErrorCode.UPSTREAM_ERROR, `${SYSTEM}: draft order ${draft.id} is completed without an order`, { system: SYSTEM });
      return order;
    };
    let draft = await this.draft(cartId);
    if (draft.status === 'completed') return orderOf(draft);
    let attributes = withAttribute(draft, 'cart_id', cartId);
    if (pickupStoreId) attributes = [...attributes.filter((a) => a.name !== 'pickup_store_id'), { name: 'pickup_store_id', value: pickupStoreId }];
    const fields = { note_attributes: attributes, ...(pickupStoreId ? { shipping_line: { title: 'Pickup in store', price: '0.00' } } : {}) };
    const isSet = (d: ShopifyDraftOrder) => attributes.every((a) => d.note_attributes.some((b) => b.name === a.name && b.value === a.value));
    draft = await this.afterLostAnswer(
      () => this.updateDraft(cartId, fields),
      async () => {
        const now = await this.draft(cartId);
        return isSet(now) ? now : null;
      },
    );
    const complete = async () => {
      const res = await this.http.request<{ draft_order: ShopifyDraftOrder }>({ method: 'PUT', path: `draft_orders/${encodeURIComponent(cartId)}/complete.json`, idempotent: false });
      return orderOf(res.body.draft_order);
    };
    return this.afterLostAnswer(complete, async () => {
      const now = await this.draft(cartId);
      return now.status === 'completed' ? orderOf(now) : null;
    });
  }

  /**
   * Fulfils an order through its fulfillment orders (`GET orders/{id}/fulfillment_orders.json`,
   * `POST fulfillments.json`): only open ones are fulfilled, so a retry finds nothing left to do.
   */
  async fulfilOrder(orderId: string): Promise<void> {
    type FulfillmentOrder = { id: number; status: string; supported_actions: string[] };
    const openOnes = async () =>
      (await this.http.get<{ fulfillment_orders: FulfillmentOrder[] }>(`orders/${encodeURIComponent(orderId)}/fulfillment_orders.json`)).body.fulfillment_orders.filter((f) =>
        f.supported_actions.includes('create_fulfillment'),
      );
    const open = await openOnes();
    if (open.length === 0) return;
    const body = { fulfillment: { line_items_by_fulfillment_order: open.map((f) => ({ fulfillment_order_id: f.id })), notify_customer: false } };
    await this.afterLostAnswer(
      async () => {
        await this.http.post('fulfillments.json', body, { idempotent: false });
        return true;
      },
      async () => ((await openOnes()).length === 0 ? true : null),
    );
  }

  /** `GET shop.json`: the shop's own record; null where the system serves none. */
  async shop(): Promise<ShopifyShop | null> {
    try {
      const res = await this.http.get<{ shop: ShopifyShop }>('shop.json');
      return res.body.shop;
    } catch (error) {
      if (error instanceof UpstreamError && error.extensions.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  /** `GET locations.json` (Shopify does not page it). */
  async locations(): Promise<ShopifyLocation[]> {
    const res = await this.http.get<{ locations: ShopifyLocation[] }>('locations.json');
    return res.body.locations;
  }
}
