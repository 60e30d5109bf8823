import { SYSTEM } from '../connector/index.ts';
import type { Context } from '../context.ts';
import type { CustomerResolvers, TimelineEvent } from '../generated/resolvers.ts';
import type { CustomerModel, ZaloUserDetail } from '../mappers.ts';

const MAX_EVENTS = Math.max(1, Number.parseInt(process.env.TIMELINE_MAX_EVENTS ?? '', 10) || 200);
/** Messages read per user for the journey (newest first; 10 per Zalo call). */
const MESSAGES_PER_USER = 20;

const oneLine = (value: string | undefined, max = 140) => {
  const flat = (value ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const unwrap = <T>(results: (T | Error)[]): T[] => {
  const failed = results.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return results as T[];
};

async function usersOf(customer: CustomerModel, ctx: Context): Promise<ZaloUserDetail[]> {
  const ids = [...new Set((customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId))];
  if (ids.length === 0) return [];
  // A linked user who unfollowed the OA is left out: Zalo no longer shares the profile.
  return unwrap(await ctx.loaders.userById.loadMany(ids)).filter((u): u is ZaloUserDetail => u !== null);
}

/** Zalo's part of `Customer.journey`: the newest messages of each linked user's chat with the OA. */
export async function zaloTimeline(customer: CustomerModel, ctx: Context): Promise<TimelineEvent[]> {
  const users = await usersOf(customer, ctx);
  const chats = unwrap(await ctx.loaders.messagesByUserId.loadMany(users.map((u) => ({ userId: u.user_id, limit: MESSAGES_PER_USER }))));
  const base = { system: SYSTEM, channel: 'ZALO' as const, kind: 'MESSAGE' as const, amount: null, storeId: null, open: null, fulfillmentState: null };
  const events: TimelineEvent[] = users.flatMap((user, i) =>
    (chats[i] ?? []).map((m) => ({
      ...base,
      id: `${SYSTEM}:message:${m.message_id}`,
      occurredAt: new Date(m.time).toISOString(),
      summary: `${m.src === 1 ? 'Customer' : 'OA'}: ${oneLine(m.message) || '(sticker or media)'}`,
      subject: { typename: 'ZaloUser', id: user.user_id },
    })),
  );
  return events.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1)).slice(0, MAX_EVENTS);
}

export const Customer: CustomerResolvers = {
  zaloUsers: (customer, _args, ctx) => usersOf(customer, ctx),
  zaloTimeline: (customer, _args, ctx) => zaloTimeline(customer, ctx),
};
