import type { Logger } from '../../../lib/logger.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';

/** The journey subgraph calls no system: everything it merges arrives in the representations (@requires). */
export interface Context {
  requestId: string;
  logger: Logger;
}

export function createContext(info: RequestInfo): Context {
  return { requestId: info.requestId, logger: info.logger };
}
