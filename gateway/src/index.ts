import cluster from 'node:cluster';
import { announceReady, closeOnSignal } from '../../lib/announce.ts';
import { createLogger } from '../../lib/logger.ts';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';

const config = loadGatewayConfig();

if (config.GATEWAY_WORKERS > 1 && cluster.isPrimary) {
  // Multi-process mode: one gateway per core behind one port (the primary only supervises).
  // The gateway holds no state, so any worker can answer any request.
  const logger = createLogger('gateway-primary');
  let stopping = false;
  let ready = 0;
  const startWorker = () => {
    const worker = cluster.fork();
    worker.on('message', (message: { type?: string; url?: string }) => {
      if (message?.type !== 'ready' || !message.url) return;
      ready += 1;
      if (ready === config.GATEWAY_WORKERS) {
        logger.info({ url: message.url, workers: config.GATEWAY_WORKERS }, 'gateway workers ready');
        announceReady('gateway', message.url);
      }
    });
  };
  for (let i = 0; i < config.GATEWAY_WORKERS; i++) startWorker();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; starting another');
    startWorker();
  });
  closeOnSignal(async () => {
    stopping = true;
    await Promise.all(
      Object.values(cluster.workers ?? {}).map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (!worker || worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.kill('SIGTERM');
          }),
      ),
    );
  });
} else {
  const gateway = await startGateway(config);
  announceReady('gateway', gateway.url);
  closeOnSignal(() => gateway.close());
}
