import type { Resolvers } from '../generated/resolvers.ts';
import { Customer } from './customer.ts';

export const resolvers: Resolvers = {
  Customer,
  Order: { __resolveType: () => 'OrderSummary' },
};
