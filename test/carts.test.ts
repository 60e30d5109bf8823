import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDataset, startTestStack, type TestStack } from './helpers/e2e.ts';

/**
 * C5, start on one channel and finish on another: a web cart resumed on another device, a guest
 * cart merged into the customer's cart on sign-in, carts visible on the customer. Every process real.
 */

interface Cart {
  id: string;
  status: string;
  isGuest: boolean;
  itemCount: number;
  lines: { sku: string; quantity: number; unitPrice: { amount: string; currencyCode: string } }[];
}
const CART = 'id status isGuest itemCount note lines { sku quantity unitPrice { amount currencyCode } }';

let stack: TestStack;
let customerId: string;
let skus: string[];

beforeAll(async () => {
  const dataDir = await e2eDataset();
  const first = JSON.parse(readFileSync(join(dataDir, 'shop/customers.ndjson'), 'utf8').split('\n')[0] ?? '{}') as { id: number };
  customerId = String(first.id);
  skus = [...readFileSync(join(dataDir, 'shop/products.ndjson'), 'utf8').matchAll(/"sku":"([^"]+)"/g)].slice(0, 3).map((m) => m[1] as string);
  stack = await startTestStack();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function createCart(lines: { sku: string; quantity: number }[], key: string, customer?: string): Promise<Cart> {
  const res = await stack.query<{ createCart: Cart }>(
    `mutation($c: ID, $l: [ShopCartLineInput!]!, $k: String!) { createCart(customerId: $c, lines: $l, idempotencyKey: $k) { ${CART} } }`,
    { c: customer ?? null, l: lines, k: key },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createCart;
}

describe('carts across devices and sign-in', () => {
  it('opens a cart on another device through an expiring resume token', async () => {
    const cart = await createCart([{ sku: skus[0]!, quantity: 2 }], 'device-cart');
    const handoff = await stack.query<{ handoffCartToDevice: { token: string; url: string; expiresAt: string; cart: { id: string } } }>(
      `mutation($id: ID!) { handoffCartToDevice(cartId: $id, ttlSeconds: 600, idempotencyKey: "device-1") { token url expiresAt cart { id } } }`,
      { id: cart.id },
    );
    expect(handoff.errors).toBeUndefined();
    const link = handoff.data!.handoffCartToDevice;
    expect(link.cart.id).toBe(cart.id);
    expect(link.url).toContain(encodeURIComponent(link.token));
    expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());

    // The other device knows only the token.
    const other = await stack.query<{ cartByResumeToken: Cart | null }>(`query($t: String!) { cartByResumeToken(token: $t) { ${CART} } }`, { t: link.token });
    expect(other.errors).toBeUndefined();
    expect(other.data!.cartByResumeToken).toMatchObject({ id: cart.id, status: 'OPEN', lines: [{ sku: skus[0], quantity: 2 }] });

    const unknown = await stack.query<{ cartByResumeToken: Cart | null }>(`{ cartByResumeToken(token: "not-a-token") { id } }`);
    expect(unknown.data!.cartByResumeToken).toBeNull();
  });

  it('merges a guest cart into the customer cart on sign-in: quantities summed per SKU, guest cart closed, nothing doubled on retry', async () => {
    const guest = await createCart([{ sku: skus[0]!, quantity: 1 }, { sku: skus[1]!, quantity: 3 }], 'guest-cart');
    expect(guest.isGuest).toBe(true);
    const mine = await createCart([{ sku: skus[0]!, quantity: 2 }, { sku: skus[2]!, quantity: 1 }], 'customer-cart', customerId);
    expect(mine.isGuest).toBe(false);

    const MERGE = `mutation($g: ID!, $c: ID!, $k: String!) { mergeCarts(guestCartId: $g, customerCartId: $c, idempotencyKey: $k) { ${CART} } }`;
    const merged = await stack.query<{ mergeCarts: Cart }>(MERGE, { g: guest.id, c: mine.id, k: 'merge-1' });
    expect(merged.errors).toBeUndefined();
    const quantities = Object.fromEntries(merged.data!.mergeCarts.lines.map((l) => [l.sku, l.quantity]));
    expect(quantities).toEqual({ [skus[0]!]: 3, [skus[1]!]: 3, [skus[2]!]: 1 });
    expect(merged.data!.mergeCarts.itemCount).toBe(7);

    // The same retry, and a retry under a new key: nothing added twice.
    const again = await stack.query<{ mergeCarts: Cart }>(MERGE, { g: guest.id, c: mine.id, k: 'merge-1' });
    expect(again.data!.mergeCarts.itemCount).toBe(7);
    const otherKey = await stack.query<{ mergeCarts: Cart }>(MERGE, { g: guest.id, c: mine.id, k: 'merge-2' });
    expect(otherKey.errors).toBeUndefined();
    expect(otherKey.data!.mergeCarts.itemCount).toBe(7);

    const guestAfter = await stack.query<{ shopCart: Cart & { note: string } }>(`query($id: ID!) { shopCart(id: $id) { ${CART} } }`, { id: guest.id });
    expect(guestAfter.data!.shopCart.status).toBe('ABANDONED');
    expect(guestAfter.data!.shopCart.note).toContain(mine.id);

    // A closed cart takes no more lines: coded error, nothing changed.
    const closed = await stack.query(`mutation($id: ID!, $s: ID!) { addCartLines(cartId: $id, lines: [{ sku: $s, quantity: 1 }], idempotencyKey: "late") { id } }`, { id: guest.id, s: skus[0] });
    expect(closed.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('adds lines once per idempotency key and shows open carts on the shop customer and the Customer', async () => {
    const cart = await createCart([{ sku: skus[1]!, quantity: 1 }], 'visible-cart', customerId);
    const ADD = `mutation($id: ID!, $s: ID!) { addCartLines(cartId: $id, lines: [{ sku: $s, quantity: 2 }], idempotencyKey: "add-1") { itemCount } }`;
    const first = await stack.query<{ addCartLines: { itemCount: number } }>(ADD, { id: cart.id, s: skus[1] });
    const retry = await stack.query<{ addCartLines: { itemCount: number } }>(ADD, { id: cart.id, s: skus[1] });
    expect(first.data!.addCartLines.itemCount).toBe(3);
    expect(retry.data!.addCartLines.itemCount).toBe(3);

    const bad = await stack.query(`mutation($id: ID!) { addCartLines(cartId: $id, lines: [{ sku: "NO-SUCH-SKU", quantity: 1 }], idempotencyKey: "bad") { id } }`, { id: cart.id });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const res = await stack.query<{ shopCustomer: { carts: { id: string }[] }; customerBySourceId: { id: string } | null }>(
      `query($id: ID!) { shopCustomer(id: $id) { carts(status: OPEN) { id } } customerBySourceId(system: "shop", externalId: $id) { id } }`,
      { id: customerId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.shopCustomer.carts.map((c) => c.id)).toContain(cart.id);
    const person = res.data!.customerBySourceId;
    expect(person).not.toBeNull();
    const viaCustomer = await stack.query<{ customer: { shopCarts: { id: string; status: string }[] | null } }>(
      `query($id: ID!) { customer(id: $id) { shopCarts { id status } } }`,
      { id: person!.id },
    );
    expect(viaCustomer.errors).toBeUndefined();
    expect(viaCustomer.data!.customer.shopCarts?.map((c) => c.id)).toContain(cart.id);
    expect(viaCustomer.data!.customer.shopCarts?.every((c) => c.status === 'OPEN')).toBe(true);
  });
});
