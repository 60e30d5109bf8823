import type { FastifyInstance } from 'fastify';
import type { CrmStore } from '../store.ts';

/** `GET /crm/v3/pipelines/tickets`: which ticket stages count as closed (`metadata.isClosed`). */
export function registerPipelineRoutes(app: FastifyInstance, store: CrmStore): void {
  app.get('/crm/v3/pipelines/tickets', async () => ({ results: store.ticketPipelines }));
}
