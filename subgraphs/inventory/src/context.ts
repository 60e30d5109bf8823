import type { Logger } from 'pino';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';

/** No connector and no cache: every answer is computed from the offers the gateway passes in. */
export interface Context {
  requestId: string;
  logger: Logger;
}

export function createContext(info: RequestInfo): Context {
  return { requestId: info.requestId, logger: info.logger };
}
