import type { Channel, ConsentChannel, CustomerResolvers, OrderFulfillmentState, TimelineEvent, TimelineEventKind } from '../generated/resolvers.ts';
import type { CustomerModel, EventData } from '../mappers.ts';
import { CONSENT_CHANNELS, INTERACTION_KINDS, ORDER_KINDS, channelUsage, mergeTimelines, paginate, parseTime, preferredChannel } from '../timeline.ts';
import { badInput } from '../../../../lib/errors.ts';

/** The wire shape of a contributed event is the TimelineEvent type itself (one definition, schema/vocabulary.graphql). */
const asEvent = (e: EventData) => e as unknown as TimelineEvent;

function orderOf(e: EventData) {
  return {
    __typename: 'OrderSummary' as const,
    id: e.id,
    channel: e.channel as Channel,
    placedAt: e.occurredAt,
    total: e.amount ?? null,
    store: e.storeId ? { id: e.storeId } : null,
    fulfillmentState: (e.fulfillmentState ?? 'PENDING') as OrderFulfillmentState,
    subject: e.subject,
    system: e.system,
    summary: e.summary,
    occurredAt: e.occurredAt,
  };
}

export const Customer: CustomerResolvers = {
  journey(customer, { first, after, channels, kinds, since, until }) {
    const from = parseTime(since, 'since');
    const to = parseTime(until, 'until');
    if (from !== null && to !== null && from > to) throw badInput('since must not be after until', 'since');
    const { events, unavailable } = mergeTimelines(customer as CustomerModel);
    const channelSet = channels?.length ? new Set<string>(channels) : null;
    const kindSet = kinds?.length ? new Set<string>(kinds as TimelineEventKind[]) : null;
    const selected = events.filter((e) => {
      const at = Date.parse(e.occurredAt);
      return (!channelSet || channelSet.has(e.channel)) && (!kindSet || kindSet.has(e.kind)) && (from === null || at >= from) && (to === null || at < to);
    });
    const page = paginate(selected, (e) => e, first, after);
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: asEvent(edge.node) })), nodes: page.nodes.map(asEvent), unavailableSystems: unavailable };
  },

  orders(customer, { first, after, channels }) {
    const { events, unavailable } = mergeTimelines(customer as CustomerModel);
    const channelSet = channels?.length ? new Set<string>(channels) : null;
    const orders = events.filter((e) => ORDER_KINDS.has(e.kind) && (!channelSet || channelSet.has(e.channel))).map(orderOf);
    return { ...paginate(orders, (o) => o, first, after), unavailableSystems: unavailable };
  },

  interactions(customer, { first, after, openOnly }) {
    const { events, unavailable } = mergeTimelines(customer as CustomerModel);
    const selected = events.filter((e) => INTERACTION_KINDS.has(e.kind) && (!openOnly || e.open === true));
    const page = paginate(selected, (e) => e, first, after);
    return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: asEvent(edge.node) })), nodes: page.nodes.map(asEvent), unavailableSystems: unavailable };
  },

  channelInsight(customer) {
    const model = customer as CustomerModel;
    const { events, unavailable } = mergeTimelines(model);
    const usage = channelUsage(events);
    const consent = model.profile?.consent ?? [];
    const preferred = preferredChannel(usage, consent);
    return {
      channels: usage.map((u) => ({ ...u, channel: u.channel as Channel })),
      preferredChannel: preferred.channel as Channel | null,
      preferredChannelReason: preferred.reason,
      consent: consent.map((c) => ({
        consentChannel: c.channel as ConsentChannel,
        channels: CONSENT_CHANNELS[c.channel] as Channel[],
        state: c.state,
        capturedIn: c.source?.system ?? null,
        updatedAt: c.updatedAt ?? null,
      })),
      unavailableSystems: unavailable,
    };
  },
};
