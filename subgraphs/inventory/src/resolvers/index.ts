import type { Resolvers } from '../generated/resolvers.ts';
import { Product } from './product.ts';

export const resolvers: Resolvers = {
  Product,
  Availability: { anywhere: (a) => (a.online?.available ?? false) || a.stores.length > 0 },
};
