import type { Logger } from '../../../lib/logger.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { LineConnector } from './connector/index.ts';
import type { LineEventLog } from './event-log.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface Context {
  requestId: string;
  logger: Logger;
  connector: LineConnector;
  loaders: Loaders;
  /** The process's record of LINE chats (webhooks received, messages sent): event-log.ts. */
  log: LineEventLog;
}

export function createConnector(config: Config, requestId?: string): LineConnector {
  return new LineConnector({ baseUrl: config.UPSTREAM_URL, token: config.UPSTREAM_TOKEN, timeoutMs: config.UPSTREAM_TIMEOUT_MS, ...(requestId ? { requestId } : {}) });
}

export function createContext(config: Config, info: RequestInfo, log: LineEventLog): Context {
  const connector = createConnector(config, info.requestId);
  return { requestId: info.requestId, logger: info.logger, connector, loaders: createLoaders(connector), log };
}
