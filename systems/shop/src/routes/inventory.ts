import type { FastifyInstance } from 'fastify';
import { idList, type Query } from '../paging.ts';
import type { ShopStore } from '../store.ts';
import { notFound } from './shared.ts';
import { shuffle } from '../../../lib/shuffle.ts';

type Req = { Querystring: Query; Params: { id: string } };

/** Shopify caps both id lists of `inventory_levels.json` at 50. */
const MAX_IDS = 50;

export function inventoryRoutes(app: FastifyInstance, store: ShopStore): void {
  app.get<Req>('/inventory_levels.json', async (req, reply) => {
    const itemIds = idList(req.query.inventory_item_ids);
    const locationIds = idList(req.query.location_ids);
    if (!itemIds && !locationIds) {
      return reply.code(422).send({ errors: 'inventory_item_ids or location_ids is required' });
    }
    if ((itemIds?.length ?? 0) > MAX_IDS || (locationIds?.length ?? 0) > MAX_IDS) {
      return reply.code(422).send({ errors: `inventory_item_ids and location_ids accept at most ${MAX_IDS} ids each` });
    }
    const wantedLocations = locationIds ? new Set(locationIds) : null;
    const levels = (itemIds ?? [...store.levelsByItemId.keys()])
      .flatMap((id) => store.levelsByItemId.get(id) ?? [])
      .filter((level) => !wantedLocations || wantedLocations.has(level.location_id));
    return { inventory_levels: shuffle(levels) };
  });

  app.get('/locations.json', async () => ({ locations: store.locations }));

  // The shop's own contact values (Shopify `shop.json`): what staff type when a customer has none.
  app.get('/shop.json', async (_req, reply) => (store.shop ? { shop: store.shop } : notFound(reply)));

  app.get<Req>('/locations/:id.json', async (req, reply) => {
    const location = store.locations.find((l) => l.id === Number(req.params.id));
    if (!location) return notFound(reply);
    return { location };
  });
}
