import { codedError, ErrorCode } from '../../../../lib/errors.ts';
import { SYSTEM } from '../connector/index.ts';
import type { Context } from '../context.ts';
import type { ShopCartLineResolvers, ShopCartResolvers, ShopCartResumeLinkResolvers } from '../generated/resolvers.ts';
import type { ShopifyCart, ShopifyVariant } from '../mappers.ts';
import type { CartLineInput } from '../connector/carts.ts';
import { isShopifyId } from '../loaders.ts';
import { money } from './vendor-values.ts';

/** Carts are in the shop's currency (variant prices carry none). */
export const ShopCart: ShopCartResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.cartById.load(id),
  id: (c) => c.id,
  status: (c) => c.status,
  lines: (c, _args, { connector }) => c.lines.map((line) => ({ line, currency: connector.currency })),
  itemCount: (c) => c.lines.reduce((sum, l) => sum + l.quantity, 0),
  isGuest: (c) => c.customer_id === null,
  shopCustomer: (c, _args, { loaders }) => (c.customer_id === null ? null : loaders.customerById.load(String(c.customer_id))),
  identity: (c) => (c.customer_id === null ? null : { system: SYSTEM, externalId: String(c.customer_id) }),
  note: (c) => c.note,
  order: (c, _args, { loaders }) => (c.order_id === null ? null : loaders.orderById.load(String(c.order_id))),
  createdAt: (c) => c.created_at,
  updatedAt: (c) => c.updated_at,
};

export const ShopCartLine: ShopCartLineResolvers = {
  sku: ({ line }) => line.sku,
  variantId: ({ line }) => String(line.variant_id),
  title: ({ line }) => line.title,
  quantity: ({ line }) => line.quantity,
  unitPrice: ({ line, currency }) => money(line.price, currency),
  product: ({ line }) => ({ sku: line.sku }),
};

export const ShopCartResumeLink: ShopCartResumeLinkResolvers = {
  token: (l) => l.token,
  url: (l) => `https://omni-store.example/cart/resume?token=${encodeURIComponent(l.token)}`,
  expiresAt: (l) => l.expires_at,
  cart: (l) => l.cart,
};

/** The cart, or NOT_FOUND; CONFLICT when it must be open and is not. */
export async function cartOrFail(ctx: Context, id: string, field: string, mustBeOpen = true): Promise<ShopifyCart> {
  const cart = await ctx.loaders.cartById.load(id);
  if (!cart) throw codedError(ErrorCode.NOT_FOUND, `No web cart ${id}`, { system: SYSTEM, field });
  if (mustBeOpen && cart.status !== 'OPEN') throw codedError(ErrorCode.CONFLICT, `Cart ${id} is ${cart.status}, not OPEN`, { system: SYSTEM, field });
  return cart;
}

export function validLines(lines: readonly { sku: string; quantity: number }[]): void {
  if (lines.length === 0) throw codedError(ErrorCode.BAD_USER_INPUT, 'lines must not be empty', { field: 'lines' });
  for (const line of lines) {
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 999) throw codedError(ErrorCode.BAD_USER_INPUT, `quantity of ${line.sku} must be 1-999`, { field: 'lines' });
  }
}

/** The lines as draft-order lines (variant ids), or BAD_USER_INPUT naming the SKUs the shop does not sell. */
export async function knownSkus(ctx: Context, lines: readonly { sku: string; quantity: number }[]): Promise<CartLineInput[]> {
  const variants = await ctx.loaders.variantBySku.loadMany(lines.map((l) => l.sku));
  const failed = variants.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  const missing = lines.filter((_l, i) => variants[i] === null).map((l) => l.sku);
  if (missing.length > 0) throw codedError(ErrorCode.BAD_USER_INPUT, `Not sold online: ${missing.join(', ')}`, { system: SYSTEM, field: 'lines' });
  return lines.map((l, i) => ({ variantId: (variants[i] as ShopifyVariant).id, quantity: l.quantity }));
}

export function checkKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length < 1 || trimmed.length > 150) throw codedError(ErrorCode.BAD_USER_INPUT, 'idempotencyKey must be 1-150 characters', { field: 'idempotencyKey' });
  return trimmed;
}

export const assertShopId = (id: string, field: string) => {
  if (!isShopifyId(id)) throw codedError(ErrorCode.BAD_USER_INPUT, `${field} must be a Shopify id (digits only)`, { field });
};
