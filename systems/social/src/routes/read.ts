import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GRAPH_VERSION, readGraph } from '../graph.ts';
import type { SocialStore } from '../store.ts';

/**
 * Graph reads. Each edge has its own route so the stand-in's request counter tells
 * conversations from messages from referrals; all of them share the one read engine.
 *   GET /v19.0/?ids=A,B&fields=        multi-ID read (≤50)
 *   GET /v19.0/{id}?fields=            page, profile (PSID/IGSID/LINE/Zalo id), conversation, message
 *   GET /v19.0/{page-id}/conversations?platform=&user_id=&fields=&limit=&after=
 *   GET /v19.0/{conversation-id}/messages?fields=&limit=&after=
 *   GET /v19.0/{page-id}/referrals?user_id=&limit=&after=   stand-in extension (see README)
 *   GET /v19.0/me/accounts                                  the pages this token manages
 */
export function registerReadRoutes(app: FastifyInstance, store: SocialStore): void {
  const handler = (segmentsOf: (req: FastifyRequest) => string[]) => async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, 'http://stand-in.invalid');
    const result = readGraph(store, segmentsOf(req), url.searchParams, `http://${req.headers.host ?? '127.0.0.1'}`);
    return reply.code(result.status).send(result.body);
  };
  type WithId = { Params: { id: string } };
  type WithEdge = { Params: { id: string; edge: string } };
  const root = handler(() => []);
  app.get(`/${GRAPH_VERSION}`, root);
  app.get(`/${GRAPH_VERSION}/`, root);
  app.get<WithId>(`/${GRAPH_VERSION}/:id`, handler((req) => [(req.params as WithId['Params']).id]));
  for (const edge of ['conversations', 'messages', 'referrals', 'accounts']) {
    app.get<WithId>(`/${GRAPH_VERSION}/:id/${edge}`, handler((req) => [(req.params as WithId['Params']).id, edge]));
  }
  app.get<WithEdge>(
    `/${GRAPH_VERSION}/:id/:edge`,
    handler((req) => {
      const params = req.params as WithEdge['Params'];
      return [params.id, params.edge];
    }),
  );
}
