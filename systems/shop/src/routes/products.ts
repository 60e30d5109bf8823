import type { FastifyInstance } from 'fastify';
import { idList, page, type Query } from '../paging.ts';
import type { ShopStore } from '../store.ts';
import { notFound } from './shared.ts';
import { shuffle } from '../../../lib/shuffle.ts';

type Req = { Querystring: Query; Params: { id: string } };

export function productRoutes(app: FastifyInstance, store: ShopStore): void {
  app.get<Req>('/products.json', async (req, reply) => {
    const batch = req.query.ids !== undefined;
    const items = page(req, reply, 'products', (filters) => {
      const ids = idList(filters.ids);
      if (!ids) return store.products;
      const wanted = new Set(ids);
      return store.products.filter((p) => wanted.has(p.id));
    });
    if (!items) return reply;
    return { products: batch ? shuffle(items) : items };
  });

  app.get<Req>('/products/:id.json', async (req, reply) => {
    const product = store.productById.get(Number(req.params.id));
    if (!product) return notFound(reply);
    return { product };
  });

  /** `products/{id}/variants.json`: a product's variants (Shopify REST has no SKU lookup; see graphql.ts). */
  app.get<Req>('/products/:id/variants.json', async (req, reply) => {
    const product = store.productById.get(Number(req.params.id));
    if (!product) return notFound(reply);
    return { variants: product.variants };
  });

  /** `inventory_items.json?ids=` (≤ 100 ids): the variants' inventory items (sku, tracked, cost). */
  app.get<Req>('/inventory_items.json', async (req, reply) => {
    const ids = idList(req.query.ids);
    if (!ids || ids.length === 0) return reply.code(422).send({ errors: { ids: ["can't be blank"] } });
    if (ids.length > 100) return reply.code(422).send({ errors: { ids: ['at most 100 ids'] } });
    const wanted = new Set(ids);
    const items = store.products
      .flatMap((p) => p.variants)
      .filter((v) => wanted.has(v.inventory_item_id))
      .map((v) => ({
        id: v.inventory_item_id,
        sku: v.sku,
        tracked: v.inventory_management === 'shopify',
        requires_shipping: true,
        cost: null,
        country_code_of_origin: null,
        created_at: v.created_at ?? null,
        updated_at: v.updated_at ?? null,
        admin_graphql_api_id: `gid://shopify/InventoryItem/${v.inventory_item_id}`,
      }));
    return { inventory_items: items };
  });

  app.get<Req>('/variants/:id.json', async (req, reply) => {
    const id = Number(req.params.id);
    const variant = store.products.flatMap((p) => p.variants).find((v) => v.id === id);
    if (!variant) return notFound(reply);
    return { variant };
  });
}
