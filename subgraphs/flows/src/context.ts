import type { Logger } from '../../../lib/logger.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { SubgraphCall } from './clients.ts';
import type { Config } from './config.ts';
import type { FlowEngine } from './engine.ts';
import type { FlowStore } from './store.ts';

export interface Context {
  requestId: string;
  logger: Logger;
  config: Config;
  store: FlowStore;
  engine: FlowEngine;
  call: SubgraphCall;
}

export interface Services {
  config: Config;
  store: FlowStore;
  engine: FlowEngine;
  call: SubgraphCall;
}

export function createContext(services: Services, info: RequestInfo): Context {
  return { requestId: info.requestId, logger: info.logger, ...services };
}
