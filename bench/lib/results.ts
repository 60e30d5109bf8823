import type { GatewayId } from '../scenarios/types.ts';

/** One measured round of one operation on one gateway. */
export interface RoundResult {
  round: number;
  requests: number;
  durationSec: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  cpuMs: number;
  peakRssMb: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
}

export interface GatewayOperationResult {
  gateway: GatewayId;
  label: string;
  operation: string;
  status: 'ok' | 'failed';
  /** Why the gateway is reported as failed (wrong answer, did not start, load errors). */
  failure?: string;
  requests: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p95: number; p99: number };
  cpuMsPerRequest: number;
  /** Highest VmRSS sampled while this operation was under load. */
  peakRssMb: number;
  /** VmHWM of the gateway process at the end of the scenario (its lifetime peak). */
  lifetimePeakRssMb: number;
  errors: number;
  non2xx: number;
  mismatches: number;
  /** Upstream requests one operation costs, by upstream system (measured alone, before the load). */
  upstreamCallsPerOperation: Record<string, number>;
  /** Ratios to plain @apollo/gateway (higher is better for rps, lower for the rest). */
  vsApollo?: { requestsPerSec: number; p50: number; p99: number; cpuMsPerRequest: number; peakRssMb: number };
  rounds: RoundResult[];
}

export interface ScenarioResult {
  scenario: string;
  description: string;
  skipped?: string;
  notes?: string[];
  results: GatewayOperationResult[];
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; loadAverageAtStart: number[]; node: string; memoryGb: number };
  config: { full: boolean; rounds: number; durationSec: number; warmupSec: number; connections: number; profile: boolean; gateways: GatewayId[]; omnigraphLogLevel: string };
  notes: string[];
  scenarios: ScenarioResult[];
}

export function percentileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
