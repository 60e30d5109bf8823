import { SYSTEM } from '../connector/index.ts';
import type { CustomerResolvers } from '../generated/resolvers.ts';
import type { GraphProfile } from '../mappers.ts';

export const Customer: CustomerResolvers = {
  /** A page of customers costs one multi-ID read per 50 profiles (the loader batches across customers). */
  socialProfiles: async (customer, _args, { loaders }) => {
    const ids = (customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId);
    if (ids.length === 0) return [];
    const results = await loaders.profileById.loadMany(ids);
    const failed = results.find((result) => result instanceof Error);
    if (failed) throw failed;
    // A link to a profile the page can no longer read (deleted thread, blocked page) is skipped.
    return results.filter((result): result is GraphProfile => result !== null && !(result instanceof Error));
  },
};
