import { SYSTEM } from '../connector/index.ts';
import type { Context } from '../context.ts';
import type { CustomerResolvers, TimelineEvent } from '../generated/resolvers.ts';
import type { CustomerModel, LineProfile } from '../mappers.ts';

/** At most this many events per person (newest kept); `TIMELINE_MAX_EVENTS`, default 200. */
const MAX_EVENTS = Math.max(1, Number.parseInt(process.env.TIMELINE_MAX_EVENTS ?? '', 10) || 200);

const oneLine = (value: string | null, max = 140) => {
  const flat = (value ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The linked LINE users, loaded together (a page of customers costs one profile call per user, in parallel). */
async function usersOf(customer: CustomerModel, ctx: Context): Promise<LineProfile[]> {
  const ids = [...new Set((customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId))];
  if (ids.length === 0) return [];
  const results = await ctx.loaders.profileByUserId.loadMany(ids);
  const failed = results.find((result) => result instanceof Error);
  if (failed) throw failed;
  // A link to a user who unfollowed (or blocked) the account is skipped: LINE no longer shares the profile.
  return results.filter((r): r is LineProfile => r !== null && !(r instanceof Error));
}

/** LINE's part of `Customer.journey`: the messages in this process's log (webhooks received, our own pushes). */
export async function lineTimeline(customer: CustomerModel, ctx: Context): Promise<TimelineEvent[]> {
  const users = await usersOf(customer, ctx);
  const base = { system: SYSTEM, channel: 'LINE' as const, kind: 'MESSAGE' as const, amount: null, storeId: null, open: null, fulfillmentState: null };
  const events: TimelineEvent[] = users.flatMap((user) =>
    ctx.log.messagesOf(user.userId).map((m) => ({
      ...base,
      id: `${SYSTEM}:message:${m.id}`,
      occurredAt: new Date(m.at).toISOString(),
      summary: `${m.fromCustomer ? 'Customer' : 'Account'}: ${oneLine(m.text) || '(sticker or media)'}`,
      subject: { typename: 'LineUser', id: user.userId },
    })),
  );
  return events.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1)).slice(0, MAX_EVENTS);
}

export const Customer: CustomerResolvers = {
  lineUsers: (customer, _args, ctx) => usersOf(customer, ctx),
  lineTimeline: (customer, _args, ctx) => lineTimeline(customer, ctx),
};
