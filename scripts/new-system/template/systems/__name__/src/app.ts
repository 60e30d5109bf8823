import { createStandin, faultsFromEnv, type Faults, type Standin } from '../../lib/standin.ts';
import { registerMemberRoutes } from './routes/members.ts';
import { loadStore } from './store.ts';

const error = (code: string, message: string) => ({ error: { code, message } });

/**
 * The stand-in of __name__'s API over a data set (`<DATA_DIR>/__name__/*.ndjson`).
 * Auth: `Authorization: Bearer <STANDIN_TOKEN>` (default "dev-token").
 */
export async function createStandinApp(opts: { dataDir: string; faults?: Partial<Faults>; token?: string }): Promise<Standin> {
  const token = opts.token ?? process.env.STANDIN_TOKEN ?? 'dev-token';
  const faults: Faults = { ...faultsFromEnv(), ...opts.faults };
  const standin = createStandin(
    '__name__',
    {
      authorized: (req) => req.headers.authorization === `Bearer ${token}`,
      unauthorized: (reply) => reply.code(401).send(error('unauthorized', 'invalid or missing access token')),
      throttled: (reply, retryAfterSeconds) => reply.code(429).header('retry-after', String(retryAfterSeconds)).send(error('rate_limited', 'too many requests')),
      failure: (reply, status) => reply.code(status).send(error('internal_error', status === 503 ? 'service unavailable' : 'internal error')),
      notFound: (reply) => reply.code(404).send(error('not_found', 'resource not found')),
    },
    faults,
  );
  registerMemberRoutes(standin.app, await loadStore(opts.dataDir));
  return standin;
}
