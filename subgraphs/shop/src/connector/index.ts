import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import { parseLinkHeader, retryAfterSeconds, UpstreamClient, type UpstreamResponse, type VendorErrorMapping } from '../../../../lib/upstream.ts';
import type { Config } from '../config.ts';
import type {
  ShopifyCart,
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
/** Shopify list and `ids=` caps: `limit` ≤ 250 (the `ids` list cap is undocumented; kept at the page max); inventory levels ≤ 50 item ids. */
export const LIMITS = { page: 250, ids: 250, skus: 250, inventoryItems: 50 } as const;

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

/** Shopify Admin REST, over the shared upstream client. Built per request (it carries the request id). */
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
   * Every order of these customers, any status, following `page_info` pages. `customer_ids=` is
   * the stand-in's extension for what a real connector asks the GraphQL Admin API
   * (`orders(query: "customer_id:…")`); see systems/shop/README.md.
   */
  async ordersByCustomerIds(customerIds: readonly string[]): Promise<ShopifyOrder[]> {
    const orders: ShopifyOrder[] = [];
    let res: UpstreamResponse<{ orders: ShopifyOrder[] }> = await this.http.get('orders.json', {
      customer_ids: customerIds.join(','),
      status: 'any',
      limit: LIMITS.page,
    });
    for (let pages = 1; ; pages++) {
      orders.push(...res.body.orders);
      const next = nextPageInfo(res.headers);
      if (!next) return orders;
      if (pages >= this.maxOrderPages) {
        // Pages run oldest first: stopping early would drop the newest orders, so fail loudly instead.
        throw new UpstreamError(ErrorCode.UPSTREAM_ERROR, `${SYSTEM}: more than ${pages * LIMITS.page} orders for ${customerIds.length} customers`, { system: SYSTEM });
      }
      res = await this.http.get('orders.json', { limit: LIMITS.page, page_info: next });
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

  /** Stand-in extension `GET variants.json?sku=` (Shopify REST has no SKU lookup; a real connector uses GraphQL `productVariants(query: "sku:…")`). */
  async variantsBySkus(skus: readonly string[]): Promise<ShopifyVariant[]> {
    const res = await this.http.get<{ variants: ShopifyVariant[] }>('variants.json', { sku: skus.join(',') });
    return res.body.variants;
  }

  /** `GET inventory_levels.json?inventory_item_ids=` (≤ 50 ids): every location's level of these items. */
  async inventoryLevels(itemIds: readonly string[]): Promise<ShopifyInventoryLevel[]> {
    const res = await this.http.get<{ inventory_levels: ShopifyInventoryLevel[] }>('inventory_levels.json', { inventory_item_ids: itemIds.join(','), limit: LIMITS.page });
    return res.body.inventory_levels;
  }

  // Carts and checkout: the stand-in's REST rendering of the Storefront cart API (systems/shop/src/routes/carts.ts).
  // Writes carry the caller's idempotency key as `Idempotency-Key`, so a retried call returns the first answer.
  private write<T>(path: string, body: unknown, idempotencyKey: string): Promise<UpstreamResponse<T>> {
    return this.http.post<T>(path, body, { idempotent: true, headers: { 'idempotency-key': idempotencyKey } });
  }

  /** `GET carts.json?ids=` */
  async cartsByIds(ids: readonly string[]): Promise<ShopifyCart[]> {
    const res = await this.http.get<{ carts: ShopifyCart[] }>('carts.json', { ids: ids.join(',') });
    return res.body.carts;
  }

  /** `GET carts.json?customer_ids=&status=`: these customers' carts. */
  async cartsByCustomerIds(customerIds: readonly string[], status?: string): Promise<ShopifyCart[]> {
    const res = await this.http.get<{ carts: ShopifyCart[] }>('carts.json', { customer_ids: customerIds.join(','), status: status ?? 'any' });
    return res.body.carts;
  }

  async cartByResumeToken(token: string): Promise<ShopifyCart | null> {
    try {
      const res = await this.http.get<{ cart: ShopifyCart }>(`carts/by_resume_token/${encodeURIComponent(token)}.json`);
      return res.body.cart;
    } catch (error) {
      if (error instanceof UpstreamError && error.extensions.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  async createCart(input: { customerId: string | null; lines: readonly { sku: string; quantity: number }[] }, key: string): Promise<ShopifyCart> {
    const res = await this.write<{ cart: ShopifyCart }>('carts.json', { cart: { customer_id: input.customerId === null ? null : Number(input.customerId), lines: input.lines } }, key);
    return res.body.cart;
  }

  async addCartLines(cartId: string, lines: readonly { sku: string; quantity: number }[], key: string): Promise<ShopifyCart> {
    const res = await this.write<{ cart: ShopifyCart }>(`carts/${encodeURIComponent(cartId)}/lines.json`, { lines }, key);
    return res.body.cart;
  }

  async mergeCarts(targetId: string, sourceId: string, key: string): Promise<ShopifyCart> {
    const res = await this.write<{ cart: ShopifyCart }>(`carts/${encodeURIComponent(targetId)}/merge.json`, { source_cart_id: sourceId }, key);
    return res.body.cart;
  }

  async createResumeToken(cartId: string, ttlSeconds: number, key: string): Promise<{ token: string; cart_id: string; expires_at: string }> {
    const res = await this.write<{ resume_token: { token: string; cart_id: string; expires_at: string } }>(`carts/${encodeURIComponent(cartId)}/resume_tokens.json`, { ttl_seconds: ttlSeconds }, key);
    return res.body.resume_token;
  }

  async setCartStatus(cartId: string, status: 'HANDED_OFF' | 'ABANDONED', note: string, key: string): Promise<ShopifyCart> {
    const res = await this.write<{ cart: ShopifyCart }>(`carts/${encodeURIComponent(cartId)}/status.json`, { status, note }, key);
    return res.body.cart;
  }

  /** `POST orders.json` from a cart; a pickup order names the store (Square location id) it is collected from. */
  async createOrderFromCart(cartId: string, pickupStoreId: string | null, key: string): Promise<ShopifyOrder> {
    const res = await this.write<{ order: ShopifyOrder }>('orders.json', { order: { cart_id: cartId, pickup_location_id: pickupStoreId } }, key);
    return res.body.order;
  }

  /** `POST orders/{id}/fulfillments.json` */
  async fulfilOrder(orderId: string, key: string): Promise<void> {
    await this.write(`orders/${encodeURIComponent(orderId)}/fulfillments.json`, { fulfillment: { notify_customer: false } }, key);
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
