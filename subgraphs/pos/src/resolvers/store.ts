import type { StoreResolvers } from '../generated/resolvers.ts';

export const Store: StoreResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.locationById.load(ref.id),
  name: (l) => l.name ?? l.business_name ?? l.id,
  address: (l) => l.address?.address_line_1 ?? null,
  city: (l) => l.address?.locality ?? null,
  country: (l) => l.country ?? l.address?.country ?? null,
  timezone: (l) => l.timezone ?? null,
};
