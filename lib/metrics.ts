import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; /metrics serves it in the Prometheus text format. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const upstreamRequests = new Counter({
  name: 'omnigraph_upstream_requests_total',
  help: 'Calls from a subgraph connector to its vendor system, by outcome',
  labelNames: ['system', 'method', 'outcome'] as const,
  registers: [registry],
});

export const upstreamDuration = new Histogram({
  name: 'omnigraph_upstream_request_duration_seconds',
  help: 'Latency of calls to vendor systems',
  labelNames: ['system'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
