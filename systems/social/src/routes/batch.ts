import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_BATCH, VERSION_PREFIXES, graphError, parseRelativeUrl, readGraph } from '../graph.ts';
import type { SocialStore } from '../store.ts';
import { requestToken, type PageTokens } from '../tokens.ts';

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
 * The call's token may come in the body (`access_token=` beside `batch=`, as Graph's docs show);
 * a sub-request may carry its own (`access_token` in its relative_url), Graph's way of reading
 * several pages' objects in one batch.
 */
export function registerBatchRoutes(app: FastifyInstance, store: SocialStore, tokens: PageTokens): void {
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const outer = tokens.scopeOf(requestToken(req.headers, req.url, body));
    if (!outer) {
      const failure = graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
      return reply.code(failure.status).send(failure.body);
    }
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
        const { segments, query, version } = parseRelativeUrl(item.relative_url);
        const own = query.get('access_token');
        const scope = own ? tokens.scopeOf(own) : outer;
        if (!scope) {
          const failure = graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');
          result = { status: failure.status, body: failure.body };
        } else {
          query.delete('access_token');
          result = readGraph(store, { segments, query, baseUrl, version, scope, tokens });
        }
      }
      return {
        code: result.status,
        ...(includeHeaders ? { headers: [{ name: 'Content-Type', value: 'text/javascript; charset=UTF-8' }] } : {}),
        body: JSON.stringify(result.body),
      };
    });
    return reply.code(200).send(results);
  };
  for (const prefix of VERSION_PREFIXES) {
    if (prefix !== '') app.post(prefix, handler);
    app.post(`${prefix}/`, handler);
  }
}
