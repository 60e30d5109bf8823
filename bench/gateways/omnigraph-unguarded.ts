import { announceReady, closeOnSignal } from '../../lib/announce.ts';
import { loadGatewayConfig } from '../../gateway/src/config.ts';
import { startGateway } from '../../gateway/src/server.ts';
import { createLogger } from '../../lib/logger.ts';
import { createAuditLog } from '../../lib/authorization/index.ts';

/**
 * (A0) Omnigraph's gateway with its operation limits and authorization off, for the cost of
 * both side by side with A (the gateway as shipped) in the same run. Same configuration,
 * same executor, same signed calls to the subgraphs; only the limits' guard and deadline and
 * the gateway's role checks, masking and audit are left out (server.ts, `unguardedForBenchmark`,
 * refused in the production configuration). One process, as A runs by default.
 */
const config = loadGatewayConfig();
const gateway = await startGateway(config, createLogger('gateway'), createAuditLog({ file: config.AUDIT_LOG_FILE, service: 'gateway' }), { unguardedForBenchmark: true });
announceReady('gateway', gateway.url);
closeOnSignal(() => gateway.close());
