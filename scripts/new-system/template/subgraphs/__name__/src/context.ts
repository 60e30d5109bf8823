import type { Logger } from '../../../lib/logger.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { __Name__Connector } from './connector/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface Context {
  requestId: string;
  logger: Logger;
  connector: __Name__Connector;
  loaders: Loaders;
}

export function createConnector(config: Config, requestId?: string): __Name__Connector {
  return new __Name__Connector({
    baseUrl: config.UPSTREAM_URL,
    token: config.UPSTREAM_TOKEN,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    ...(requestId ? { requestId } : {}),
  });
}

/** Connector and loaders per request, so DataLoader caches and the request id never leak across operations. */
export function createContext(config: Config, info: RequestInfo): Context {
  const connector = createConnector(config, info.requestId);
  return { requestId: info.requestId, logger: info.logger, connector, loaders: createLoaders(connector) };
}
