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
  /** Who is asking, for the audit log (`x-omnigraph-actor`, else `anonymous`). */
  actor: string;
  roles: string[];
  backfill: () => Promise<BackfillReport>;
  /** Throws FORBIDDEN unless the caller may run admin operations. */
  requireAdmin: () => void;
}

const header = (info: RequestInfo, name: string): string | undefined => {
  const value = info.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export function createContext(config: Config, store: IdentityStore, backfill: () => Promise<BackfillReport>, info: RequestInfo): Context {
  const actor = (header(info, 'x-omnigraph-actor') ?? '').trim().slice(0, 200) || 'anonymous';
  const roles = (header(info, 'x-omnigraph-roles') ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
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
      if (config.IDENTITY_ADMIN_CHECK === 'off' || roles.includes('admin')) return;
      throw codedError(ErrorCode.FORBIDDEN, 'This operation needs the admin role');
    },
  };
}
