import type { FastifyInstance } from 'fastify';
import { idList, MAX_LIMIT, page, type Query } from '../paging.ts';
import type { ShopStore, VariantRecord } from '../store.ts';
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

  /**
   * STAND-IN EXTENSION: `variants.json?sku=A,B`. Shopify REST cannot look a variant up by SKU
   * (vendor-apis.md §1.1); a real connector asks the GraphQL Admin API
   * (`productVariants(query: "sku:A OR sku:B")`). Answers like a batch read: up to 250 SKUs,
   * unknown SKUs dropped, order shuffled, every variant that carries a SKU (SKUs are not unique).
   */
  app.get<Req>('/variants.json', async (req, reply) => {
    const skus = (req.query.sku ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (skus.length === 0) return reply.code(400).send({ errors: { sku: ["can't be blank"] } });
    if (skus.length > MAX_LIMIT) return reply.code(400).send({ errors: { sku: [`at most ${MAX_LIMIT} values`] } });
    const variants: VariantRecord[] = skus.flatMap((sku) => store.variantsBySku.get(sku) ?? []);
    return { variants: shuffle([...new Set(variants)]) };
  });

  app.get<Req>('/variants/:id.json', async (req, reply) => {
    const id = Number(req.params.id);
    const variant = store.products.flatMap((p) => p.variants).find((v) => v.id === id);
    if (!variant) return notFound(reply);
    return { variant };
  });
}
