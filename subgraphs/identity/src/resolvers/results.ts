import { codedError, ErrorCode } from '../../../../lib/errors.ts';
import type {
  DecideSuggestionResultResolvers,
  LinkRecordResultResolvers,
  MergeResultResolvers,
  UnlinkRecordResultResolvers,
  UnmergeResultResolvers,
} from '../generated/resolvers.ts';
import type { Context } from '../context.ts';
import type { CustomerModel } from '../mappers.ts';

/** Mutation results store ids only; the customers are read fresh (a merged id shows its survivor). */
async function customer(ctx: Context, id: string): Promise<CustomerModel> {
  const found = await ctx.loaders.customerById.load(id);
  if (!found) throw codedError(ErrorCode.CUSTOMER_NOT_FOUND, `No customer ${id}`);
  return found;
}

export const LinkRecordResult: LinkRecordResultResolvers = {
  customer: (r, _a, ctx) => customer(ctx, r.customerId),
};
export const UnlinkRecordResult: UnlinkRecordResultResolvers = {
  customer: (r, _a, ctx) => customer(ctx, r.customerId),
  previousCustomer: (r, _a, ctx) => customer(ctx, r.previousCustomerId),
};
export const MergeResult: MergeResultResolvers = {
  survivor: (r, _a, ctx) => customer(ctx, r.survivorId),
};
export const UnmergeResult: UnmergeResultResolvers = {
  survivor: (r, _a, ctx) => customer(ctx, r.survivorId),
  restored: (r, _a, ctx) => customer(ctx, r.restoredId),
};
export const DecideSuggestionResult: DecideSuggestionResultResolvers = {
  suggestion: async (r, _a, ctx) => {
    const s = await ctx.loaders.suggestionById.load(r.suggestionId);
    if (!s) throw codedError(ErrorCode.NOT_FOUND, `No suggestion ${r.suggestionId}`);
    return s;
  },
  customer: (r, _a, ctx) => (r.customerId ? customer(ctx, r.customerId) : null),
};
