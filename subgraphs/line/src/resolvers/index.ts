import type { Resolvers } from '../generated/resolvers.ts';
import { Customer } from './customer.ts';
import { LineMessage } from './line-message.ts';
import { LineUser } from './line-user.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = { Query, Mutation, Customer, LineUser, LineMessage };
