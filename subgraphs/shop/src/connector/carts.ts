import { createHash } from 'node:crypto';
import type { ShopifyCart, ShopifyDraftOrder } from '../mappers.ts';

/**
 * How a web cart lives in a Shopify draft order. Shopify has no cart object in the Admin API and no
 * idempotency keys, so the product's own state is written on the draft where Shopify keeps it:
 * - status: `completed` → CONVERTED (with `order_id`); the tag `omnigraph-handed-off` → HANDED_OFF,
 *   `omnigraph-abandoned` → ABANDONED (a guest cart merged away, with note attribute
 *   `omnigraph_merged_into`); otherwise OPEN.
 * - idempotency: every create or line change adds the tag `og-<sha256(key), 32 hex>` in the same
 *   write; a retry that finds the tag (GraphQL `draftOrders(query: "tag:…")` for a create, the draft
 *   itself for an update) writes nothing. Tags are at most 40 characters on Shopify.
 */
export const TAGS = { handedOff: 'omnigraph-handed-off', abandoned: 'omnigraph-abandoned' } as const;
export const MERGED_INTO = 'omnigraph_merged_into';

export interface CartLineInput {
  variantId: number;
  quantity: number;
}

export const keyTag = (key: string) => `og-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

export const tagsOf = (draft: ShopifyDraftOrder) => draft.tags.split(',').map((t) => t.trim()).filter(Boolean);

export const withTags = (draft: ShopifyDraftOrder, add: readonly string[]) => [...new Set([...tagsOf(draft), ...add])].join(', ');

export const withAttribute = (draft: ShopifyDraftOrder, name: string, value: string) => [...draft.note_attributes.filter((a) => a.name !== name), { name, value }];

/** The draft's variant lines plus the new ones (same variant: quantities add up), as PUT `line_items`. */
export function mergeLineItems(draft: ShopifyDraftOrder, lines: readonly CartLineInput[]): { variant_id: number; quantity: number }[] {
  const merged = new Map<number, number>();
  for (const item of draft.line_items) if (item.variant_id !== null) merged.set(item.variant_id, (merged.get(item.variant_id) ?? 0) + item.quantity);
  for (const line of lines) merged.set(line.variantId, (merged.get(line.variantId) ?? 0) + line.quantity);
  return [...merged].map(([variant_id, quantity]) => ({ variant_id, quantity }));
}

export function toCart(draft: ShopifyDraftOrder): ShopifyCart {
  const tags = tagsOf(draft);
  const status = draft.status === 'completed' ? 'CONVERTED' : tags.includes(TAGS.handedOff) ? 'HANDED_OFF' : tags.includes(TAGS.abandoned) ? 'ABANDONED' : 'OPEN';
  return {
    id: String(draft.id),
    customer_id: draft.customer?.id ?? null,
    lines: draft.line_items
      .filter((l) => l.variant_id !== null)
      .map((l) => ({ sku: l.sku ?? '', variant_id: l.variant_id!, title: l.title, quantity: l.quantity, price: l.price })),
    status,
    note: draft.note,
    merged_into: draft.note_attributes.find((a) => a.name === MERGED_INTO)?.value ?? null,
    order_id: draft.order_id,
    created_at: draft.created_at,
    updated_at: draft.updated_at,
  };
}
