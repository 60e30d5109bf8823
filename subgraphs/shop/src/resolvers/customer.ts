import type { CustomerResolvers } from '../generated/resolvers.ts';
import { SYSTEM } from '../connector/index.ts';
import type { ShopifyCustomer } from '../mappers.ts';

/** The identity hub's Customer, extended with the shop accounts its links point at. */
export const Customer: CustomerResolvers = {
  /** Open carts of every linked shop account, one batched call for a page of customers. */
  async shopCarts(customer, _args, { loaders }) {
    const ids = (customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId);
    if (ids.length === 0) return [];
    const results = await loaders.cartsByCustomerId.loadMany(ids);
    const failed = results.find((r): r is Error => r instanceof Error);
    if (failed) throw failed;
    return results
      .flatMap((r) => (r instanceof Error ? [] : r))
      .filter((c) => c.status === 'OPEN')
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  },
  async shopAccounts(customer, _args, { loaders }) {
    const ids = (customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId);
    if (ids.length === 0) return [];
    const results = await loaders.customerById.loadMany(ids);
    const failed = results.find((r): r is Error => r instanceof Error);
    if (failed) throw failed;
    // A link to an account the shop no longer has (deleted, GDPR-redacted) is skipped, not an error.
    return results.filter((r): r is ShopifyCustomer => r !== null && !(r instanceof Error));
  },
};
