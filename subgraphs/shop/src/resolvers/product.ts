import type { Context } from '../context.ts';
import type { OnlineOfferResolvers, ProductResolvers } from '../generated/resolvers.ts';
import type { ProductModel, ShopifyVariant } from '../mappers.ts';
import { money } from './vendor-values.ts';

/** The variant behind a Product: already known when the product came from a list, else through the loader. */
async function variantOf(product: ProductModel, { loaders }: Context): Promise<ShopifyVariant | null> {
  if (product.variant !== undefined) return product.variant;
  return loaders.variantBySku.load(product.sku);
}

export const Product: ProductResolvers = {
  // Always a Product, even for a SKU the shop does not sell: the POS may sell it, and its fields must not be nulled by ours.
  __resolveReference: async ({ sku }, context) => ({ sku, variant: await context.loaders.variantBySku.load(sku) }),
  sku: (p) => p.sku,
  async name(p, _args, context) {
    const variant = await variantOf(p, context);
    if (!variant) return null;
    const product = p.product ?? (await context.loaders.productById.load(String(variant.product_id)));
    if (!product) return null;
    // Shopify's own convention (line item `name`): "Title - Variant", or just the title for a single-variant product.
    const single = variant.title === 'Default Title' || product.variants.length <= 1;
    return single ? product.title : `${product.title} - ${variant.title}`;
  },
  async online(p, _args, context) {
    const variant = await variantOf(p, context);
    return variant ? { variant } : null;
  },
};

export const OnlineOffer: OnlineOfferResolvers = {
  price: ({ variant }, _args, { connector }) => money(variant.price, connector.currency),
  compareAtPrice: ({ variant }, _args, { connector }) => (variant.compare_at_price ? money(variant.compare_at_price, connector.currency) : null),
  variantId: ({ variant }) => String(variant.id),
  productId: ({ variant }) => String(variant.product_id),
  async available({ variant }, _args, { loaders }) {
    if (variant.inventory_management !== 'shopify') return null;
    const [levels, locationId] = await Promise.all([loaders.inventoryByItemId.load(String(variant.inventory_item_id)), loaders.webLocationId()]);
    if (locationId === null) return null;
    // Tracked but never stocked at the web warehouse: nothing to sell online.
    return levels.find((level) => String(level.location_id) === locationId)?.available ?? 0;
  },
};
