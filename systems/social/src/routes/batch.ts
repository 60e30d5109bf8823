import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GRAPH_VERSION, MAX_BATCH, graphError, parseRelativeUrl, readGraph } from '../graph.ts';
import type { SocialStore } from '../store.ts';

interface BatchItem {
  method?: string;
  relative_url?: string;
}

/**
 * Graph batch: `POST /` with `batch=[{method, relative_url}]` (a JSON string in a form body,
 * or an array in a JSON body). One HTTP call, up to 50 sub-requests, answered as an array
 * in request order (positional, as on Meta: sub-responses carry no id), each
 * `{code, headers, body}` with `body` a JSON string. A failing sub-request does not fail
 * the others. Only GET sub-requests are supported by the stand-in.
 */
export function registerBatchRoutes(app: FastifyInstance, store: SocialStore): void {
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    let batch: unknown = body.batch;
    if (typeof batch === 'string') {
      try {
        batch = JSON.parse(batch);
      } catch {
        batch = undefined;
      }
    }
    if (!Array.isArray(batch)) {
      const failure = graphError(400, 100, '(#100) The parameter batch is required and must be a JSON array');
      return reply.code(failure.status).send(failure.body);
    }
    if (batch.length > MAX_BATCH) {
      const failure = graphError(400, 1, `(#1) Too many requests in batch message. Maximum batch size is ${MAX_BATCH}`);
      return reply.code(failure.status).send(failure.body);
    }
    const includeHeaders = body.include_headers !== false && body.include_headers !== 'false';
    const baseUrl = `http://${req.headers.host ?? '127.0.0.1'}`;
    const results = (batch as BatchItem[]).map((item) => {
      const method = (item.method ?? 'GET').toUpperCase();
      let result;
      if (method !== 'GET' || typeof item.relative_url !== 'string') {
        const failure = graphError(400, 100, '(#100) The stand-in batch supports GET sub-requests with a relative_url only');
        result = { status: failure.status, body: failure.body };
      } else {
        const { segments, query } = parseRelativeUrl(item.relative_url);
        result = readGraph(store, segments, query, baseUrl);
      }
      return {
        code: result.status,
        ...(includeHeaders ? { headers: [{ name: 'Content-Type', value: 'text/javascript; charset=UTF-8' }] } : {}),
        body: JSON.stringify(result.body),
      };
    });
    return reply.code(200).send(results);
  };
  app.post(`/${GRAPH_VERSION}`, handler);
  app.post(`/${GRAPH_VERSION}/`, handler);
}
