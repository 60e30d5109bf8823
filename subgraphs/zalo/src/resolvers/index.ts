import type { Resolvers } from '../generated/resolvers.ts';
import { Customer } from './customer.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { ZaloMessage, ZaloUser } from './zalo-user.ts';

export const resolvers: Resolvers = { Query, Mutation, Customer, ZaloUser, ZaloMessage };
