import { badInput } from '../../../../lib/errors.ts';
import { SYSTEM } from '../connector/index.ts';
import type { ShopAddressResolvers, ShopCustomerResolvers, ShopMarketingConsentResolvers } from '../generated/resolvers.ts';
import { consentState, customerState, money } from './vendor-values.ts';

export const MAX_ORDERS = 250;

export const ShopCustomer: ShopCustomerResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.customerById.load(id),
  id: (c) => String(c.id),
  firstName: (c) => c.first_name,
  lastName: (c) => c.last_name,
  displayName: (c) => [c.first_name, c.last_name].filter((part) => part && part.trim() !== '').join(' ') || null,
  async carts(c, { status }, { loaders }) {
    const carts = await loaders.cartsByCustomerId.load(String(c.id));
    return status ? carts.filter((cart) => cart.status === status) : carts;
  },
  email: (c) => c.email,
  phone: (c) => c.phone,
  state: (c) => customerState(c.state),
  ordersCount: (c) => c.orders_count,
  totalSpent: (c) => money(c.total_spent, c.currency),
  tags: (c) =>
    (c.tags ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
  defaultAddress: (c) => c.default_address,
  addresses: (c) => c.addresses ?? [],
  consent: (c) => ({ email: c.email_marketing_consent, sms: c.sms_marketing_consent }),
  createdAt: (c) => c.created_at,
  updatedAt: (c) => c.updated_at,
  identity: (c) => ({ system: SYSTEM, externalId: String(c.id) }),
  async orders(c, { first }, { loaders }) {
    if (first < 0 || first > MAX_ORDERS) throw badInput(`first must be between 0 and ${MAX_ORDERS}`, 'first');
    if (first === 0) return [];
    return (await loaders.ordersByCustomerId.load(String(c.id))).slice(0, first);
  },
};

export const ShopAddress: ShopAddressResolvers = {
  id: (a) => String(a.id),
  address2: (a) => a.address2 ?? null,
  province: (a) => a.province ?? null,
  countryCode: (a) => a.country_code,
  isDefault: (a) => a.default === true,
};

export const ShopMarketingConsent: ShopMarketingConsentResolvers = {
  state: (c) => consentState(c.state),
  optInLevel: (c) => c.opt_in_level,
  updatedAt: (c) => c.consent_updated_at,
};
