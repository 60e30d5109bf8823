import { badInput } from '../../../../lib/errors.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import type { ProductModel } from '../mappers.ts';
import { LIMITS } from '../connector/index.ts';
import { isShopifyId } from '../loaders.ts';
import { verifyResumeToken } from '../resume-token.ts';

export const Query: QueryResolvers = {
  shopCustomer(_root, { id }, { loaders }) {
    if (!isShopifyId(id)) throw badInput('id must be a Shopify customer id (digits only)', 'id');
    return loaders.customerById.load(id);
  },
  shopOrder(_root, { id }, { loaders }) {
    if (!isShopifyId(id)) throw badInput('id must be a Shopify order id (digits only)', 'id');
    return loaders.orderById.load(id);
  },
  async product(_root, { sku }, { loaders }) {
    const variant = await loaders.variantBySku.load(sku);
    return variant ? { sku, variant } : null;
  },
  shopCart(_root, { id }, { loaders }) {
    return loaders.cartById.load(id);
  },
  cartByResumeToken(_root, { token }, { loaders, resumeSecret }) {
    const cartId = verifyResumeToken(resumeSecret, token);
    return cartId === null ? null : loaders.cartById.load(cartId);
  },
  async products(_root, { first, after }, { connector, loaders }) {
    if (first < 1 || first > LIMITS.page) throw badInput(`first must be between 1 and ${LIMITS.page}`, 'first');
    const page = await connector.listProducts({ limit: first, pageInfo: after ?? null });
    const nodes: ProductModel[] = [];
    for (const product of page.items) {
      loaders.productById.prime(String(product.id), product);
      for (const variant of product.variants) {
        if (!variant.sku) continue;
        loaders.variantBySku.prime(variant.sku, variant);
        nodes.push({ sku: variant.sku, variant, product });
      }
    }
    return { nodes, pageInfo: { hasNextPage: page.next !== null, endCursor: page.next } };
  },
};
