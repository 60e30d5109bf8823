import type { Logger } from 'pino';
import type { EntityCache } from '../../../lib/cache.ts';
import type { RequestInfo } from '../../../lib/subgraph-server.ts';
import type { Config } from './config.ts';
import { ShopConnector } from './connector/index.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface Context {
  requestId: string;
  logger: Logger;
  connector: ShopConnector;
  loaders: Loaders;
  /** Key that signs cart resume tokens (src/resume-token.ts). */
  resumeSecret: string;
  /** The process's entity cache (shared by requests; write-through invalidation on writes). */
  cache: EntityCache | undefined;
}

/** Connector and loaders per request: DataLoader caches must never outlive one request. */
export function createContext(config: Config, info: RequestInfo, cache?: EntityCache): Context {
  const connector = new ShopConnector(config, info.requestId);
  return {
    requestId: info.requestId,
    logger: info.logger,
    connector,
    resumeSecret: config.CART_RESUME_SECRET,
    loaders: createLoaders(connector, { webLocationId: config.SHOP_WEB_LOCATION_ID, cache }),
    cache,
  };
}
