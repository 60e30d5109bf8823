import type { MutationResolvers } from '../generated/resolvers.ts';
import { badInput } from '../../../../lib/errors.ts';

const reasonOf = (reason: string) => {
  const trimmed = reason.trim();
  if (!trimmed) throw badInput('reason must say why', 'reason');
  return trimmed;
};

/** Every mutation runs in one transaction behind its idempotency key (store.ts). */
export const Mutation: MutationResolvers = {
  linkRecord: (_root, args, ctx) => ctx.store.linkRecord(ctx.actor, { ...args, reason: reasonOf(args.reason) }),
  unlinkRecord: (_root, args, ctx) => ctx.store.unlinkRecord(ctx.actor, { ...args, reason: reasonOf(args.reason) }),
  mergeCustomers: (_root, args, ctx) => ctx.store.mergeCustomers(ctx.actor, { ...args, reason: reasonOf(args.reason) }),
  unmergeCustomer: (_root, args, ctx) => ctx.store.unmergeCustomer(ctx.actor, { ...args, reason: reasonOf(args.reason) }),
  decideSuggestion: (_root, args, ctx) => ctx.store.decideSuggestion(ctx.actor, { ...args, reason: args.reason?.trim() || null }),
  runBackfill: async (_root, { idempotencyKey }, ctx) => {
    ctx.requireAdmin();
    // A backfill reads the network for a while: it cannot sit in one transaction, so the key is
    // checked before and stored after (a concurrent duplicate runs twice, which is harmless: idempotent).
    const stored = await ctx.store.storedResult<Awaited<ReturnType<typeof ctx.backfill>>>(idempotencyKey, 'runBackfill', {});
    if (stored.found) return stored.result;
    const report = await ctx.backfill();
    await ctx.store.storeResult(idempotencyKey, 'runBackfill', {}, report);
    return report;
  },
};
