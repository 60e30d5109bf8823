import { announceReady, closeOnSignal } from '../../lib/announce.ts';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

const gateway = await startGateway(loadGatewayConfig());
announceReady('gateway', gateway.url);
closeOnSignal(() => gateway.close());
