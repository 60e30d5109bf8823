import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { Logger } from '../../../lib/logger.ts';
import { codedError, ErrorCode } from '../../../lib/errors.ts';
import type { BackfillReport } from './backfill.ts';
import type { Config } from './config.ts';
import { createLoaders, type Loaders } from './loaders.ts';
import type { IdentityStore } from './store.ts';

export interface Context {
  requestId: string;
  logger: Logger;
  config: Config;
  store: IdentityStore;
  loaders: Loaders;
  /** Who is asking, for the audit log: the actor of the verified internal token (never a client header). */
  actor: string;
  roles: string[];
  backfill: () => Promise<BackfillReport>;
  /** Throws FORBIDDEN unless the caller may run admin operations. */
  requireAdmin: () => void;
}

export function createContext(config: Config, store: IdentityStore, backfill: () => Promise<BackfillReport>, info: RequestInfo): Context {
  const actor = info.caller.actor.trim().slice(0, 200) || 'anonymous';
  const roles = info.caller.roles;
  return {
    requestId: info.requestId,
    logger: info.logger,
    config,
    store,
    loaders: createLoaders(store),
    actor,
    roles,
    backfill,
    requireAdmin() {
      // The schema's @requiresRole refuses it first (gateway and subgraph server); this holds if a declaration is lost.
      if (roles.includes('admin')) return;
      throw codedError(ErrorCode.FORBIDDEN, 'This operation needs the admin role');
    },
  };
}
