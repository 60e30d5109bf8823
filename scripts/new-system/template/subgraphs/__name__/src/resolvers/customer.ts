import type { Context } from '../context.ts';
import type { CustomerResolvers, TimelineEvent } from '../generated/resolvers.ts';
import { SYSTEM } from '../connector/index.ts';
import type { CustomerModel, __Name__MemberModel } from '../mappers.ts';

/** At most this many events per person (newest kept); `TIMELINE_MAX_EVENTS`, default 200. */
const MAX_EVENTS = Math.max(1, Number.parseInt(process.env.TIMELINE_MAX_EVENTS ?? '', 10) || 200);

const memberIds = (customer: CustomerModel) => [...new Set((customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId))];

/** Loads through the loaders: a page of 50 customers costs one batch call, not 50. A per-key failure fails only this person's field. */
async function membersOf(customer: CustomerModel, ctx: Context): Promise<__Name__MemberModel[]> {
  const ids = memberIds(customer);
  if (ids.length === 0) return [];
  const members: __Name__MemberModel[] = [];
  for (const item of await ctx.loaders.memberById.loadMany(ids)) {
    if (item instanceof Error) throw item;
    if (item) members.push(item);
  }
  return members;
}

/**
 * The system's part of `Customer.journey`. Channel and kind come from the timeline
 * vocabulary (schema/vocabulary.graphql): pick the ones that fit, or add this system's own
 * there (one edit) and use it here.
 */
async function timelineOf(customer: CustomerModel, ctx: Context): Promise<TimelineEvent[]> {
  const ids = memberIds(customer);
  if (ids.length === 0) return [];
  const events: TimelineEvent[] = [];
  for (const list of await ctx.loaders.activitiesByMemberId.loadMany(ids)) {
    if (list instanceof Error) throw list;
    for (const a of list) {
      events.push({
        id: `${SYSTEM}:note:${a.id}`,
        channel: 'WEB',
        kind: 'NOTE',
        occurredAt: a.occurred_at,
        summary: a.summary,
        system: SYSTEM,
        subject: { typename: '__Name__Activity', id: a.id },
        amount: null,
        storeId: null,
        open: null,
        fulfillmentState: null,
      });
    }
  }
  return events.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt)).slice(0, MAX_EVENTS);
}

export const Customer: CustomerResolvers = {
  __camel__Members: (customer, _args, ctx) => membersOf(customer, ctx),
  __camel__Timeline: (customer, _args, ctx) => timelineOf(customer, ctx),
};
