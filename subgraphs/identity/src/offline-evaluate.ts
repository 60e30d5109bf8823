/**
 * `npx tsx subgraphs/identity/src/offline-evaluate.ts <dataset-dir>...`: the identity:evaluate
 * report (evaluation/report.ts) for data sets matched in process through the channel feeds'
 * mappings (offline.ts), with no stack: seconds instead of minutes, for tuning matching. The
 * real path (`npm run identity:evaluate`) stays the measure; "backfill" here is the in-process
 * read + match time.
 */
import { loadSubgraphConfig, matchOptions } from './config.ts';
import { readDatasetFacts } from './evaluation/dataset.ts';
import { buildReport, formatReports, type DatasetReport } from './evaluation/report.ts';
import { datasetRecords, matchOffline } from './offline.ts';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: offline-evaluate.ts <dataset-dir>...');
  process.exit(2);
}
const config = loadSubgraphConfig();
const reports: DatasetReport[] = [];
for (const dir of dirs) {
  const started = performance.now();
  const records = datasetRecords(dir);
  const customerOf = matchOffline(records, config.DEFAULT_PHONE_REGION, config.IDENTITY_PHONE_MARKETS, matchOptions(config));
  const facts = await readDatasetFacts(dir);
  reports.push(buildReport({ profile: dir.replace(/\/$/, '').split('/').pop()!, seed: 0, people: 0, backfillMs: performance.now() - started }, facts, customerOf));
}
console.log(formatReports(reports));
for (const r of reports) console.log(`${r.profile}: precision ${r.withEvidence.precision.toFixed(5)} recall ${r.withEvidence.recall.toFixed(5)} (pairs with usable evidence)`);
