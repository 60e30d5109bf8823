import type { Context } from '../context.ts';
import type { ProductResolvers, StoreOfferResolvers } from '../generated/resolvers.ts';
import type { ProductModel, SquareCatalogObject, SquareLocation, StoreOfferModel } from '../mappers.ts';
import { toMoney } from '../money.ts';

/** Square catalog presence: everywhere unless excluded, or only at the listed locations. */
export function presentAt(o: SquareCatalogObject, locationId: string): boolean {
  if (o.present_at_all_locations !== false) return !(o.absent_at_location_ids ?? []).includes(locationId);
  return (o.present_at_location_ids ?? []).includes(locationId);
}

function offerAt(product: ProductModel, location: SquareLocation, quantities: Map<string, number>): StoreOfferModel {
  const data = product.catalog?.variation.item_variation_data;
  const override = data?.location_overrides?.find((o) => o.location_id === location.id)?.price_money;
  const price = override ?? data?.price_money ?? null;
  return {
    location,
    // A price in another currency is the catalog's default, not this store's shelf price.
    price: price && price.currency === location.currency ? price : null,
    quantity: quantities.get(location.id) ?? null,
  };
}

/** Every trading store that sells the product, with its local price and IN_STOCK count. */
async function offersOf(product: ProductModel, { loaders }: Context): Promise<StoreOfferModel[]> {
  if (!product.catalog) return [];
  const { variation, item } = product.catalog;
  const [locations, counts] = await Promise.all([loaders.allLocations(), loaders.countsByVariationId.load(variation.id)]);
  const quantities = new Map<string, number>();
  for (const count of counts) {
    if (count.state !== 'IN_STOCK') continue;
    // Square quantities are decimal strings; stock of whole units is what a shopper asks about.
    quantities.set(count.location_id, (quantities.get(count.location_id) ?? 0) + Math.floor(Number(count.quantity) || 0));
  }
  return locations
    .filter((l) => l.status === 'ACTIVE' && presentAt(variation, l.id) && (!item || presentAt(item, l.id)))
    .map((l) => offerAt(product, l, quantities));
}

/** Named as the web shop names it (item title, plus the variation's when there are several), since `name` is shared. */
function productName({ catalog }: ProductModel): string | null {
  if (!catalog) return null;
  const itemName = catalog.item?.item_data?.name;
  const variationName = catalog.variation.item_variation_data?.name;
  if (!itemName) return variationName ?? null;
  const several = (catalog.item?.item_data?.variations?.length ?? 1) > 1;
  return several && variationName ? `${itemName} - ${variationName}` : itemName;
}

export const Product: ProductResolvers = {
  // A SKU the stores do not sell still resolves (the web shop may sell it): its offers are empty.
  __resolveReference: async (ref, { loaders }) => ({ sku: ref.sku, catalog: await loaders.variationBySku.load(ref.sku) }),
  name: (p) => productName(p),
  stores: (p, _args, ctx) => offersOf(p, ctx),
  async storeOffer(p, { storeId }, ctx) {
    return (await offersOf(p, ctx)).find((offer) => offer.location.id === storeId) ?? null;
  },
};

export const StoreOffer: StoreOfferResolvers = {
  store: (offer) => offer.location,
  price: (offer) => (offer.price ? toMoney(offer.price) : null),
  inStock: (offer) => (offer.quantity ?? 0) > 0,
};
