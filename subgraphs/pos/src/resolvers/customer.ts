import type { CustomerResolvers } from '../generated/resolvers.ts';
import type { SquareCustomer } from '../mappers.ts';
import { SYSTEM } from '../connector/index.ts';

/** How a POS record points at its person: the identity hub resolves `pos:<id>`. */
export const identityRef = (squareCustomerId: string) => ({ system: SYSTEM, externalId: squareCustomerId });

export const Customer: CustomerResolvers = {
  async posCustomers(customer, _args, { loaders }) {
    const ids = (customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId);
    if (ids.length === 0) return [];
    const records = await loaders.customerById.loadMany(ids);
    const failed = records.find((r): r is Error => r instanceof Error);
    if (failed) throw failed;
    // A link to a record Square no longer has (deleted or merged at the till) is skipped.
    return records.filter((r): r is SquareCustomer => r !== null && !(r instanceof Error));
  },
};
