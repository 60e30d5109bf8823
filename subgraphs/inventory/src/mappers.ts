/**
 * What this subgraph computes from: the offers the gateway passes in a Product representation
 * (`@requires`), and the models behind its own types (`<Type>Model` maps GraphQL type `<Type>`).
 */

export interface MoneyValue {
  amount: string;
  currencyCode: string;
}

export interface OnlineOfferModel {
  price: MoneyValue;
  available?: number | null;
}

export interface StoreRef {
  id: string;
  country?: string | null;
}

export interface StoreOfferModel {
  store: StoreRef;
  price?: MoneyValue | null;
  quantity?: number | null;
}

/** A Product representation: the SKU, plus the owners' offers when a field requires them. */
export interface ProductModel {
  sku: string;
  online?: OnlineOfferModel | null;
  stores?: StoreOfferModel[] | null;
}

export type StoreModel = StoreRef;

export interface AvailabilityModel {
  quantity: number;
  online: { available: boolean; stock: number | null; price: MoneyValue } | null;
  stores: { store: StoreRef; stock: number; price: MoneyValue | null }[];
}

export interface ChannelPriceModel {
  channel: 'WEB' | 'STORE';
  store: StoreRef | null;
  price: MoneyValue;
}

export interface PriceMismatchModel {
  currencies: string[];
  prices: ChannelPriceModel[];
  spreads: { lowest: MoneyValue; highest: MoneyValue }[];
}
