import type { Logger } from '../../../lib/logger.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { ZaloConnector } from './connector/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface Context {
  requestId: string;
  logger: Logger;
  connector: ZaloConnector;
  loaders: Loaders;
}

export function createConnector(config: Config, requestId?: string): ZaloConnector {
  return new ZaloConnector({ baseUrl: config.UPSTREAM_URL, token: config.UPSTREAM_TOKEN, timeoutMs: config.UPSTREAM_TIMEOUT_MS, ...(requestId ? { requestId } : {}) });
}

export function createContext(config: Config, info: RequestInfo): Context {
  const connector = createConnector(config, info.requestId);
  return { requestId: info.requestId, logger: info.logger, connector, loaders: createLoaders(connector) };
}
