import { badInput } from '../../../../lib/errors.ts';
import type { PosCustomerResolvers, PosLoyaltyAccountResolvers } from '../generated/resolvers.ts';
import { identityRef } from './customer.ts';

const MAX_SALES = 100;

export const PosCustomer: PosCustomerResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.customerById.load(ref.id),
  givenName: (c) => c.given_name ?? null,
  familyName: (c) => c.family_name ?? null,
  email: (c) => c.email_address ?? null,
  phone: (c) => c.phone_number ?? null,
  note: (c) => c.note ?? null,
  referenceId: (c) => c.reference_id ?? null,
  createdAt: (c) => c.created_at ?? null,
  identity: (c) => identityRef(c.id),
  async sales(c, { first }, { loaders }) {
    const count = first ?? 10;
    if (count < 1 || count > MAX_SALES) throw badInput(`first must be between 1 and ${MAX_SALES}`, 'first');
    // One loader for every customer in the response: orders/search in chunks of 10 customers.
    return (await loaders.ordersByCustomerId.load(c.id)).slice(0, count);
  },
  loyalty: (c, _args, { loaders }) => loaders.loyaltyByCustomerId.load(c.id),
};

export const PosLoyaltyAccount: PosLoyaltyAccountResolvers = {
  lifetimePoints: (a) => a.lifetime_points,
  enrolledAt: (a) => a.enrolled_at ?? null,
};
