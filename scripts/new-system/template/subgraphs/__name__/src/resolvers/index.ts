import type { Resolvers } from '../generated/resolvers.ts';
import { Customer } from './customer.ts';
import { Query, __Name__Activity, __Name__Member } from './member.ts';

export const resolvers: Resolvers = { Query, Customer, __Name__Member, __Name__Activity };
