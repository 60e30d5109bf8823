import type { EntityCache } from '../../../lib/cache.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { SocialConnector } from './connector/index.ts';
import type { SocialEventLog } from './event-log.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface Context {
  requestId: string;
  logger: Logger;
  connector: SocialConnector;
  loaders: Loaders;
  /** The process's entity cache (shared by requests; write-through invalidation on writes). */
  cache: EntityCache | undefined;
}

export function createConnector(config: Config, requestId?: string): SocialConnector {
  return new SocialConnector({
    baseUrl: config.UPSTREAM_URL,
    token: config.UPSTREAM_TOKEN,
    version: config.GRAPH_API_VERSION,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    ...(requestId ? { requestId } : {}),
  });
}

export function createContext(config: Config, info: RequestInfo, log: SocialEventLog, cache?: EntityCache): Context {
  const connector = createConnector(config, info.requestId);
  return { requestId: info.requestId, logger: info.logger, connector, loaders: createLoaders(connector, log, cache), cache };
}
