import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CatalogObject, InventoryCount, PosStore } from '../store.ts';
import { decodeCursor, idList, limitOf, page, RequestError } from '../square.ts';
import { shuffle } from '../../../lib/shuffle.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** The attribute values Square's exact/set queries can match on an object. */
function attribute(o: CatalogObject, name: string): string | undefined {
  if (name === 'sku') return o.item_variation_data?.sku;
  if (name === 'name') return o.item_data?.name ?? o.item_variation_data?.name;
  return undefined;
}

/** `related_objects`: the parent items of the variations returned. */
function relatedOf(store: PosStore, objects: readonly CatalogObject[]): CatalogObject[] {
  const ids = new Set(objects.map((o) => o.item_variation_data?.item_id).filter((id): id is string => id !== undefined));
  for (const o of objects) ids.delete(o.id);
  return [...ids].map((id) => store.catalogById.get(id)).filter((o): o is CatalogObject => o !== undefined);
}

export function catalogRoutes(app: FastifyInstance, store: PosStore): void {
  app.post<{ Body: Json | undefined }>('/v2/catalog/search', async (req) => {
    const body = obj(req.body);
    const query = obj(body.query);
    const types = idList(body.object_types, 'object_types', { max: 20 });
    const limit = limitOf(body.limit, 'limit', { min: 1, max: 1000, fallback: 100 });
    const exact = obj(query.exact_query);
    const set = obj(query.set_query);
    let match: (o: CatalogObject) => boolean = () => true;
    if (typeof exact.attribute_name === 'string') {
      const name = exact.attribute_name;
      const value = String(exact.attribute_value ?? '');
      match = (o) => attribute(o, name) === value;
    } else if (typeof set.attribute_name === 'string') {
      const name = set.attribute_name;
      const values = new Set(idList(set.attribute_values, 'query.set_query.attribute_values', { min: 1, max: 250, required: true }));
      match = (o) => {
        const value = attribute(o, name);
        return value !== undefined && values.has(value);
      };
    } else if (Object.keys(query).length > 0) {
      throw new RequestError('BAD_REQUEST', 'This stand-in supports exact_query and set_query only.', 'query');
    }
    const matches = store.catalog.filter((o) => (types.length === 0 || types.includes(o.type)) && match(o));
    const fingerprint = `catalog:${JSON.stringify([types, query])}`;
    const { items, cursor } = page(matches, decodeCursor(body.cursor, fingerprint), limit, fingerprint);
    return {
      objects: items,
      ...(body.include_related_objects === true ? { related_objects: relatedOf(store, items) } : {}),
      ...(cursor ? { cursor } : {}),
    };
  });

  app.post<{ Body: Json | undefined }>('/v2/catalog/batch-retrieve', async (req) => {
    const body = obj(req.body);
    const ids = idList(body.object_ids, 'object_ids', { min: 1, max: 1000, required: true });
    const objects = [...new Set(ids)].map((id) => store.catalogById.get(id)).filter((o): o is CatalogObject => o !== undefined);
    return { objects: shuffle(objects), ...(body.include_related_objects === true ? { related_objects: relatedOf(store, objects) } : {}) };
  });

  const batchRetrieveCounts = async (req: FastifyRequest<{ Body: Json | undefined }>) => {
    const body = obj(req.body);
    const objectIds = new Set(idList(body.catalog_object_ids, 'catalog_object_ids', { max: 1000 }));
    const locationIds = new Set(idList(body.location_ids, 'location_ids', { max: 1000 }));
    const states = new Set(idList(body.states, 'states', { max: 10 }));
    const limit = limitOf(body.limit, 'limit', { min: 1, max: 1000, fallback: 1000 });
    const matches = store.counts.filter(
      (c: InventoryCount) =>
        (objectIds.size === 0 || objectIds.has(c.catalog_object_id)) &&
        (locationIds.size === 0 || locationIds.has(c.location_id)) &&
        (states.size === 0 || states.has(c.state)),
    );
    const fingerprint = `counts:${JSON.stringify([[...objectIds], [...locationIds], [...states]])}`;
    const { items, cursor } = page(matches, decodeCursor(body.cursor, fingerprint), limit, fingerprint);
    return { counts: items, ...(cursor ? { cursor } : {}) };
  };
  // BatchRetrieveInventoryCounts at its current path and at the one the spec marks deprecated
  // (`/v2/inventory/batch-retrieve-counts`), which Square still serves and older SDKs call.
  app.post<{ Body: Json | undefined }>('/v2/inventory/counts/batch-retrieve', batchRetrieveCounts);
  app.post<{ Body: Json | undefined }>('/v2/inventory/batch-retrieve-counts', batchRetrieveCounts);

  // RetrieveInventoryCount: one variation's counts, at `location_ids` (comma-separated) or everywhere.
  app.get<{ Params: { catalog_object_id: string }; Querystring: { location_ids?: string; cursor?: string } }>('/v2/inventory/:catalog_object_id', async (req) => {
    const locationIds = new Set((req.query.location_ids ?? '').split(',').map((s) => s.trim()).filter(Boolean));
    const matches = store.counts.filter((c) => c.catalog_object_id === req.params.catalog_object_id && (locationIds.size === 0 || locationIds.has(c.location_id)));
    const fingerprint = `count:${req.params.catalog_object_id}:${[...locationIds].join(',')}`;
    const { items, cursor } = page(matches, decodeCursor(req.query.cursor, fingerprint), 1000, fingerprint);
    return { ...(items.length > 0 ? { counts: items } : {}), ...(cursor ? { cursor } : {}) };
  });
}
