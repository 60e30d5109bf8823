import type { QueryResolvers } from '../generated/resolvers.ts';

export const Query: QueryResolvers = {
  posCustomer: (_root, { id }, { loaders }) => loaders.customerById.load(id),
  posOrder: (_root, { id }, { loaders }) => loaders.orderById.load(id),
  stores: (_root, _args, { loaders }) => loaders.allLocations(),
  store: (_root, { id }, { loaders }) => loaders.locationById.load(id),
};
