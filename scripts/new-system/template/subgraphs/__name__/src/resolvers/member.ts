import type { QueryResolvers, __Name__ActivityResolvers, __Name__MemberResolvers } from '../generated/resolvers.ts';
import { SYSTEM } from '../connector/index.ts';

export const __Name__Member: __Name__MemberResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.memberById.load(ref.id),
  firstName: (m) => m.first_name,
  lastName: (m) => m.last_name,
  createdAt: (m) => m.created_at,
  updatedAt: (m) => m.updated_at,
  identity: (m) => ({ system: SYSTEM, externalId: m.id }),
  activities: (m, _args, ctx) => ctx.loaders.activitiesByMemberId.load(m.id),
};

export const __Name__Activity: __Name__ActivityResolvers = {
  occurredAt: (a) => a.occurred_at,
};

export const Query: QueryResolvers = {
  __camel__Member: (_root, args, ctx) => ctx.loaders.memberById.load(args.id),
};
