import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readGraph, VERSION_PREFIXES } from '../graph.ts';
import type { SocialStore } from '../store.ts';
import { requestToken, type PageTokens } from '../tokens.ts';

/**
 * Graph reads, at every supported version (`/v19.0` … `/v23.0`) and unversioned. Each edge has
 * its own route so the stand-in's request counter tells conversations from messages; all of
 * them share the one read engine.
 *   GET /{v}/?ids=A,B&fields=        multi-ID read (≤50)
 *   GET /{v}/{id}?fields=            page, profile (PSID/IGSID/LINE/Zalo id), conversation, message
 *   GET /{v}/{page-id}/conversations?platform=&user_id=&fields=&limit=&after=
 *   GET /{v}/{conversation-id}/messages?fields=&limit=&after=
 *   GET /{v}/me/accounts?fields=id,name,access_token       the pages this token manages, with their Page tokens
 * People, threads and messages need their page's token (tokens.ts).
 */
export function registerReadRoutes(app: FastifyInstance, store: SocialStore, tokens: PageTokens): void {
  const handler = (version: string, segmentsOf: (req: FastifyRequest) => string[]) => async (req: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(req.url, 'http://stand-in.invalid');
    const scope = tokens.scopeOf(requestToken(req.headers, req.url)) ?? { kind: 'system' as const };
    const result = readGraph(store, { segments: segmentsOf(req), query: url.searchParams, baseUrl: `http://${req.headers.host ?? '127.0.0.1'}`, version, scope, tokens });
    return reply.code(result.status).send(result.body);
  };
  type WithId = { Params: { id: string } };
  type WithEdge = { Params: { id: string; edge: string } };
  for (const prefix of VERSION_PREFIXES) {
    const root = handler(prefix, () => []);
    if (prefix !== '') app.get(prefix, root);
    app.get(`${prefix}/`, root);
    app.get<WithId>(`${prefix}/:id`, handler(prefix, (req) => [(req.params as WithId['Params']).id]));
    for (const edge of ['conversations', 'messages', 'accounts']) {
      app.get<WithId>(`${prefix}/:id/${edge}`, handler(prefix, (req) => [(req.params as WithId['Params']).id, edge]));
    }
    app.get<WithEdge>(
      `${prefix}/:id/:edge`,
      handler(prefix, (req) => {
        const params = req.params as WithEdge['Params'];
        return [params.id, params.edge];
      }),
    );
  }
}
