import type { Resolvers } from '../generated/resolvers.ts';
import { Customer } from './customer.ts';
import { CustomerTimeline } from './timeline.ts';
import { OnlineOffer, Product } from './product.ts';
import { Query } from './query.ts';
import { Mutation } from './mutation.ts';
import { ShopCart, ShopCartLine, ShopCartResumeLink } from './shop-cart.ts';
import { ShopAddress, ShopCustomer, ShopMarketingConsent } from './shop-customer.ts';
import { ShopLineItem, ShopOrder } from './shop-order.ts';

export const resolvers: Resolvers = {
  Query,
  Customer: { ...Customer, ...CustomerTimeline },
  ShopCustomer,
  ShopAddress,
  ShopMarketingConsent,
  ShopOrder,
  ShopLineItem,
  Product,
  OnlineOffer,
  Mutation,
  ShopCart,
  ShopCartLine,
  ShopCartResumeLink,
};
