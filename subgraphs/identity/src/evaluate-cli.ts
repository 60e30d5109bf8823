/**
 * `npm run identity:evaluate -- [--people 3000] [--seeds 42,7] [--profiles default,hard] [--noise class=rate,...] [--json] [--explain-missed N]`
 *
 * For every profile and seed: generates the data set (cached under .data/eval/), runs the real
 * path (stand-in systems, channel subgraphs, the identity hub on an in-memory PGlite, or a fresh
 * database on the Postgres server of DATABASE_URL, linking in its start-up backfill), reads the
 * links through the hub's GraphQL API and prints precision, recall and F1 over all pairs,
 * cross-system pairs, pairs with usable evidence and per noise class, and the wrong merges per
 * hard-negative class. `--json` prints the reports as JSON instead of the table. `--explain-missed N`
 * also reads the feeds and prints, per data set, the missed pairs with usable evidence by what
 * their records share and how their names compare, with N examples per cause.
 *
 * The older form `evaluate-cli.ts <dataset>/ground-truth.ndjson [--explain]` still
 * scores a running hub's database (see evaluate-legacy.ts).
 */
import { parseArgs } from 'node:util';
import { parseNoiseOverrides, PROFILES, type NoiseRates, type ProfileName } from '../../../systems/generate/noise/classes.ts';
import { evaluateProfile, formatReports, type DatasetReport } from './evaluation/index.ts';

const usage = 'usage: npm run identity:evaluate -- [--people 3000] [--seeds 42,7] [--profiles default,hard] [--noise class=rate,...] [--json] [--verbose] [--explain-missed N]';

const argv = process.argv.slice(2);
if (argv[0] !== undefined && !argv[0].startsWith('--')) {
  await import('./evaluate-legacy.ts');
} else {
  let values: { people?: string; seeds?: string; profiles?: string; noise?: string[]; json?: boolean; verbose?: boolean; help?: boolean; 'explain-missed'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        people: { type: 'string' },
        seeds: { type: 'string' },
        profiles: { type: 'string' },
        noise: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
        'explain-missed': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const fail = (message: string): never => {
    console.error(`${message}\n${usage}`);
    process.exit(2);
  };
  const people = Number((values.people ?? '3000').replace(/_/g, ''));
  if (!Number.isSafeInteger(people) || people < 1 || people > 1_000_000) fail(`--people must be an integer in [1, 1000000], got "${values.people}"`);
  const seeds = (values.seeds ?? '42,7').split(',').map((s) => Number(s.trim()));
  if (seeds.length === 0 || seeds.some((s) => !Number.isSafeInteger(s) || s < 0 || s > 2 ** 32 - 1)) fail(`--seeds must be integers in [0, 2^32), got "${values.seeds}"`);
  const profiles = (values.profiles ?? 'default,hard').split(',').map((s) => s.trim()) as ProfileName[];
  for (const p of profiles) if (!PROFILES.includes(p)) fail(`--profiles: unknown profile "${p}" (known: ${PROFILES.join(', ')})`);
  const explain = values['explain-missed'] === undefined ? undefined : Number(values['explain-missed']);
  if (explain !== undefined && (!Number.isSafeInteger(explain) || explain < 0 || explain > 1000)) fail(`--explain-missed must be an integer in [0, 1000], got "${values['explain-missed']}"`);
  let noise: NoiseRates = {};
  try {
    for (const spec of values.noise ?? []) noise = { ...noise, ...parseNoiseOverrides(spec) };
  } catch (error) {
    fail(`--noise: ${error instanceof Error ? error.message : String(error)}`);
  }

  const log = values.json ? (line: string) => console.error(line) : (line: string) => console.log(line);
  const reports: DatasetReport[] = [];
  try {
    for (const profile of profiles) {
      for (const seed of seeds) {
        log(`== ${profile}, seed ${seed}, ${people} people`);
        reports.push(
          await evaluateProfile({
            profile,
            seed,
            people,
            noise,
            databaseUrl: process.env.DATABASE_URL || undefined,
            log,
            ...(explain !== undefined ? { explainMissed: explain } : {}),
            onOutput: values.verbose ? (name, line) => console.error(`[${name}] ${line}`) : undefined,
          }),
        );
      }
    }
  } catch (error) {
    console.error(`Evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  else console.log(`\n${formatReports(reports)}`);
}
