import type { Context } from '../context.ts';
import type { CrmTicketResolvers } from '../generated/resolvers.ts';
import type { CrmTicketModel } from '../mappers.ts';
import { text, ticketPriority } from './values.ts';

/**
 * Open/closed is not a ticket property in HubSpot: it is whether the ticket's pipeline stage is
 * marked closed. If the pipelines cannot be read, a closed date is the best remaining evidence.
 */
async function stageOf(ticket: CrmTicketModel, ctx: Context): Promise<{ closed: boolean; label: string | null }> {
  const pipelineId = text(ticket.properties.hs_pipeline);
  const stageId = text(ticket.properties.hs_pipeline_stage);
  const fallback = { closed: text(ticket.properties.closed_date) !== null, label: stageId };
  try {
    const pipelines = await ctx.connector.ticketPipelines();
    const stage = pipelines.find((p) => p.id === pipelineId)?.stages.find((s) => s.id === stageId);
    if (!stage) return fallback;
    return { closed: stage.metadata.isClosed === 'true' || stage.metadata.ticketState === 'CLOSED', label: stage.label };
  } catch (error) {
    ctx.logger.warn({ err: error, ticketId: ticket.id }, 'ticket pipelines unavailable; status from closed_date');
    return fallback;
  }
}

export const CrmTicket: CrmTicketResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.ticketById.load(ref.id),
  subject: (t) => text(t.properties.subject),
  content: (t) => text(t.properties.content),
  status: async (t, _args, ctx) => ((await stageOf(t, ctx)).closed ? 'CLOSED' : 'OPEN'),
  stage: async (t, _args, ctx) => (await stageOf(t, ctx)).label,
  priority: (t) => ticketPriority(t.properties.hs_ticket_priority),
  category: (t) => text(t.properties.hs_ticket_category),
  createdAt: (t) => t.createdAt,
  closedAt: (t) => text(t.properties.closed_date),
};
