import type { Resolvers } from '../generated/resolvers.ts';
import { Customer } from './customer.ts';
import { CustomerTimeline } from './timeline.ts';
import { Mutation } from './mutation.ts';
import { PickupMutation, PosOrderPickup, PosPickup, StorePickupQueue } from './pickup.ts';
import { PosCustomer, PosLoyaltyAccount } from './pos-customer.ts';
import { PosLineItem, PosOrder, PosTender } from './pos-order.ts';
import { Product, StoreOffer } from './product.ts';
import { Query } from './query.ts';
import { Store } from './store.ts';

export const resolvers: Resolvers = { Query, Mutation: { ...Mutation, ...PickupMutation }, Customer: { ...Customer, ...CustomerTimeline }, PosCustomer, PosLoyaltyAccount, PosOrder: { ...PosOrder, ...PosOrderPickup }, PosPickup, PosLineItem, PosTender, Store: { ...Store, ...StorePickupQueue }, Product, StoreOffer };
