import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { rootDir } from '../../../../lib/registry.ts';
import { ensureDataset } from '../../../../systems/generate/ensure.ts';
import type { NoiseRates, ProfileName } from '../../../../systems/generate/noise/classes.ts';
import { readDatasetFacts } from './dataset.ts';
import { buildReport, type DatasetReport } from './report.ts';
import { explainMissed } from './explain-missed.ts';
import { runIdentityPath } from './run.ts';

export { formatReports, type DatasetReport } from './report.ts';

export interface EvaluateOptions {
  profile: ProfileName;
  seed: number;
  people: number;
  noise?: NoiseRates;
  /** Postgres server for the hub (a fresh database per run); unset = in-memory PGlite. */
  databaseUrl?: string;
  hubEnv?: Record<string, string>;
  log?: (line: string) => void;
  onOutput?: (name: string, line: string) => void;
  /** Print up to this many examples per cause of the missed pairs with usable evidence (evaluation/explain-missed.ts). */
  explainMissed?: number;
}

/** Where a data set of these parameters is cached (generated once, reused while the generator and rates are the same). */
export function datasetDir(o: Pick<EvaluateOptions, 'profile' | 'seed' | 'people' | 'noise'>): string {
  const overrides = o.noise && Object.keys(o.noise).length > 0 ? `-${createHash('sha256').update(JSON.stringify(Object.entries(o.noise).sort())).digest('hex').slice(0, 8)}` : '';
  return join(rootDir, '.data', 'eval', `${o.profile}-s${o.seed}-n${o.people}${overrides}`);
}

/**
 * Generates (or reuses) the data set, runs the real path (stand-ins, channel subgraphs, the
 * hub's start-up backfill) and scores the hub's links against the generator's ground truth.
 */
export async function evaluateProfile(o: EvaluateOptions): Promise<DatasetReport> {
  const log = o.log ?? (() => {});
  const dir = await ensureDataset(datasetDir(o), { seed: o.seed, people: o.people, profile: o.profile, noise: o.noise, log });
  log(`Linking ${dir} through the stand-ins, the channel subgraphs and the identity hub ...`);
  const run = await runIdentityPath({ dataDir: dir, databaseUrl: o.databaseUrl, hubEnv: o.hubEnv, onOutput: o.onOutput, readRecords: o.explainMissed !== undefined });
  const facts = await readDatasetFacts(dir);
  if (o.explainMissed !== undefined && run.records) log(explainMissed(run.records, facts, run.customerOf, o.explainMissed));
  return buildReport({ profile: o.profile, seed: o.seed, people: o.people, backfillMs: run.backfillMs }, facts, run.customerOf);
}
