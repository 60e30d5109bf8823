import type { Context } from '../context.ts';
import type { CustomerResolvers, TimelineEvent } from '../generated/resolvers.ts';
import { INTERACTION_CHANNELS, type CrmTicketModel, type CustomerModel, type InteractionChannel } from '../mappers.ts';
import { text } from './values.ts';

const SYSTEM = 'crm';
/** At most this many events per person (newest kept); `TIMELINE_MAX_EVENTS`, default 200. */
const MAX_EVENTS = Math.max(1, Number.parseInt(process.env.TIMELINE_MAX_EVENTS ?? '', 10) || 200);

const oneLine = (value: string | null, fallback: string, max = 140) => {
  const flat = (value ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (!flat) return fallback;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Whether a ticket is still open: its pipeline stage is not closed (one pipelines read per request), else no closed date. */
async function openTickets(tickets: CrmTicketModel[], ctx: Context): Promise<Map<string, boolean>> {
  const pipelines = tickets.length > 0 ? await ctx.connector.ticketPipelines().catch(() => []) : [];
  return new Map(
    tickets.map((t) => {
      const stage = pipelines.find((p) => p.id === text(t.properties.hs_pipeline))?.stages.find((s) => s.id === text(t.properties.hs_pipeline_stage));
      const closed = stage ? stage.metadata.isClosed === 'true' || stage.metadata.ticketState === 'CLOSED' : text(t.properties.closed_date) !== null;
      return [t.id, !closed];
    }),
  );
}

const noteChannel = (value: string | null | undefined): InteractionChannel => {
  const channel = text(value);
  return channel && (INTERACTION_CHANNELS as readonly string[]).includes(channel) ? (channel as InteractionChannel) : 'SUPPORT';
};

/**
 * The CRM's part of `Customer.journey`: notes (SUPPORT), calls (PHONE), logged emails (EMAIL)
 * and tickets (SUPPORT) of every linked contact. A page of customers costs one associations
 * call and one batch read per engagement type, whatever the number of customers.
 */
export async function crmTimeline(customer: CustomerModel, ctx: Context): Promise<TimelineEvent[]> {
  const ids = [...new Set((customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId))];
  if (ids.length === 0) return [];
  const load = async <T>(loader: { loadMany(keys: readonly string[]): Promise<(T[] | Error)[]> }) => {
    const lists = await loader.loadMany(ids);
    const failed = lists.find((l): l is Error => l instanceof Error);
    if (failed) throw failed;
    return (lists as T[][]).flat();
  };
  const [notes, calls, emails, tickets] = await Promise.all([
    load(ctx.loaders.notesByContactId),
    load(ctx.loaders.callsByContactId),
    load(ctx.loaders.emailsByContactId),
    load(ctx.loaders.ticketsByContactId),
  ]);
  const open = await openTickets(tickets, ctx);
  const base = { system: SYSTEM, amount: null, storeId: null, open: null, fulfillmentState: null };
  const events: TimelineEvent[] = [
    ...notes.map((n) => ({
      ...base,
      id: `${SYSTEM}:note:${n.id}`,
      // A note recordInteraction wrote carries the channel it happened on (omnigraph_channel).
      channel: noteChannel(n.properties.omnigraph_channel),
      kind: 'NOTE' as const,
      occurredAt: text(n.properties.hs_timestamp) ?? n.createdAt,
      summary: oneLine(text(n.properties.hs_note_body), 'Note'),
      subject: { typename: 'CrmNote', id: n.id },
    })),
    ...calls.map((c) => ({
      ...base,
      id: `${SYSTEM}:call:${c.id}`,
      channel: 'PHONE' as const,
      kind: 'CALL' as const,
      occurredAt: text(c.properties.hs_timestamp) ?? c.createdAt,
      summary: oneLine(text(c.properties.hs_call_title) ?? text(c.properties.hs_call_body), 'Call'),
      subject: { typename: 'CrmCall', id: c.id },
    })),
    ...emails.map((e) => ({
      ...base,
      id: `${SYSTEM}:email:${e.id}`,
      channel: 'EMAIL' as const,
      kind: 'EMAIL' as const,
      occurredAt: text(e.properties.hs_timestamp) ?? e.createdAt,
      summary: oneLine(text(e.properties.hs_email_subject) ?? text(e.properties.hs_email_text), 'Email'),
      subject: { typename: 'CrmEmail', id: e.id },
    })),
    ...tickets.map((t) => ({
      ...base,
      id: `${SYSTEM}:ticket:${t.id}`,
      channel: 'SUPPORT' as const,
      kind: 'TICKET' as const,
      occurredAt: text(t.properties.createdate) ?? t.createdAt,
      summary: oneLine(text(t.properties.subject), 'Support ticket'),
      subject: { typename: 'CrmTicket', id: t.id },
      open: open.get(t.id) ?? null,
    })),
  ];
  // Duplicate contacts of one person can share an engagement: one event each.
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  return unique.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1)).slice(0, MAX_EVENTS);
}

export const CustomerTimeline: Pick<CustomerResolvers, 'crmTimeline'> = {
  crmTimeline: (customer, _args, ctx) => crmTimeline(customer, ctx),
};
