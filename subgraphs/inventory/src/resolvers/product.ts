import { badInput } from '../../../../lib/errors.ts';
import type { ProductResolvers } from '../generated/resolvers.ts';
import type { AvailabilityModel, ChannelPriceModel, MoneyValue, PriceMismatchModel, ProductModel } from '../mappers.ts';

/** "590.00", "590" and "590.0" are the same price (Shopify prints VND with ".00", Square without). */
export function canonicalAmount(amount: string): string {
  const [whole = '0', fraction = ''] = amount.trim().split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const int = whole.replace(/^(-?)0+(?=\d)/, '$1');
  return trimmed ? `${int}.${trimmed}` : int;
}

/** Exact decimal comparison (money never goes through floats). */
export function compareAmounts(a: string, b: string): number {
  const [ai = '0', af = ''] = canonicalAmount(a).split('.');
  const [bi = '0', bf = ''] = canonicalAmount(b).split('.');
  const width = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(width, '0'));
  const y = BigInt(bi + bf.padEnd(width, '0'));
  return x < y ? -1 : x > y ? 1 : 0;
}

export function availabilityOf(product: ProductModel, quantity: number, country: string | null | undefined): AvailabilityModel {
  const online = product.online
    ? {
        // An untracked variant (Shopify inventory_management null) is sold without a stock limit.
        available: product.online.available === null || product.online.available === undefined || product.online.available >= quantity,
        stock: product.online.available ?? null,
        price: product.online.price,
      }
    : null;
  const wantedCountry = country?.trim().toUpperCase() || null;
  const stores = (product.stores ?? [])
    .filter((offer) => (offer.quantity ?? 0) >= quantity)
    .filter((offer) => wantedCountry === null || (offer.store.country ?? '').toUpperCase() === wantedCountry)
    .map((offer) => ({ store: offer.store, stock: offer.quantity ?? 0, price: offer.price ?? null }))
    .sort((a, b) => b.stock - a.stock || a.store.id.localeCompare(b.store.id));
  return { quantity, online, stores };
}

export function priceMismatchOf(product: ProductModel): PriceMismatchModel | null {
  const prices: ChannelPriceModel[] = [];
  if (product.online) prices.push({ channel: 'WEB', store: null, price: product.online.price });
  for (const offer of product.stores ?? []) if (offer.price) prices.push({ channel: 'STORE', store: offer.store, price: offer.price });
  const byCurrency = new Map<string, ChannelPriceModel[]>();
  for (const p of prices) byCurrency.set(p.price.currencyCode, [...(byCurrency.get(p.price.currencyCode) ?? []), p]);
  const disagreeing = [...byCurrency.entries()]
    .filter(([, list]) => new Set(list.map((p) => canonicalAmount(p.price.amount))).size > 1)
    .sort(([a], [b]) => a.localeCompare(b));
  if (disagreeing.length === 0) return null;
  const byPrice = (a: ChannelPriceModel, b: ChannelPriceModel) => compareAmounts(a.price.amount, b.price.amount);
  return {
    currencies: disagreeing.map(([currency]) => currency),
    prices: disagreeing.flatMap(([, list]) => [...list].sort((a, b) => byPrice(a, b) || (a.channel === b.channel ? (a.store?.id ?? '').localeCompare(b.store?.id ?? '') : a.channel === 'WEB' ? -1 : 1))),
    spreads: disagreeing.map(([, list]) => {
      const sorted = [...list].sort(byPrice);
      return { lowest: sorted[0]!.price as MoneyValue, highest: sorted.at(-1)!.price };
    }),
  };
}

export const Product: ProductResolvers = {
  // The representation carries everything this subgraph needs: no upstream call, so nothing to cache or go stale.
  __resolveReference: (ref) => ref as ProductModel,
  availability(product, { quantity, country }) {
    const wanted = quantity ?? 1;
    if (!Number.isInteger(wanted) || wanted < 1) throw badInput('quantity must be at least 1', 'quantity');
    if (country !== null && country !== undefined && !/^[A-Za-z]{2}$/.test(country.trim())) throw badInput('country must be an ISO 3166 alpha-2 code such as TH', 'country');
    return availabilityOf(product, wanted, country);
  },
  priceMismatch: (product) => priceMismatchOf(product),
};
