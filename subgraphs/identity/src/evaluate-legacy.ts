/**
 * The older evaluation, kept for those who score a running hub's database directly (imported by
 * evaluate-cli.ts when its first argument is a ground-truth file; `npm run identity:evaluate` is the new one).
 * `npx tsx subgraphs/identity/src/evaluate-cli.ts <dataset>/ground-truth.ndjson [--explain]`
 * Prints pairwise precision/recall of the hub's links (DATABASE_URL or IDENTITY_DB_DIR) as JSON:
 * over every pair, over pairs whose records both carry an email or a phone (`withContact`), and
 * over pairs with any evidence at all (`withEvidence`: contact values or an explicit reference).
 * With PGlite, stop the running hub first: an embedded database has one user at a time.
 *
 * `--explain`: also lists every missed pair with both records' normalised values and the cause
 * (see explain.ts), and counts them by system pair and cause.
 */
import type { SourceRecord } from '../../../lib/identity-feed.ts';
import { loadSubgraphConfig } from './config.ts';
import { openDb } from './db/index.ts';
import { evaluateWithEvidence, loadLinks, loadRecords, readGroundTruth, recordEvidence } from './evaluate.ts';
import { explainMisses } from './explain.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: evaluate-cli.ts <ground-truth.ndjson> [--explain]');
  process.exit(2);
}
const config = loadSubgraphConfig();
const markets = config.IDENTITY_PHONE_MARKETS;
let records: SourceRecord[];
let links: Map<string, string>;
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.IDENTITY_DB_DIR });
try {
  records = await loadRecords(db);
  links = await loadLinks(db);
} finally {
  await db.close();
}
const truth = readGroundTruth(file);
const { all, ...restricted } = evaluateWithEvidence(truth, links, recordEvidence(records, config.DEFAULT_PHONE_REGION));
const out: Record<string, unknown> = { ...all, ...restricted };
if (args.includes('--explain')) out.missed = explainMisses(truth, records, links, config.DEFAULT_PHONE_REGION, markets);
console.log(JSON.stringify(out, null, 2));
