/**
 * `npx tsx subgraphs/identity/src/evaluate-cli.ts <dataset>/ground-truth.ndjson`
 * Prints pairwise precision/recall of the hub's links (DATABASE_URL or IDENTITY_DB_DIR) as JSON.
 * With PGlite, stop the running hub first: an embedded database has one user at a time.
 */
import { loadSubgraphConfig } from './config.ts';
import { openDb } from './db/index.ts';
import { evaluate } from './evaluate.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: evaluate-cli.ts <ground-truth.ndjson>');
  process.exit(2);
}
const config = loadSubgraphConfig();
const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.IDENTITY_DB_DIR });
try {
  console.log(JSON.stringify(await evaluate(db, file), null, 2));
} finally {
  await db.close();
}
