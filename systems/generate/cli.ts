import { parseArgs } from 'node:util';
import { DEFAULT_PEOPLE, DEFAULT_SEED, generateDataset } from './generate.ts';

/**
 * `npm run data:generate -- --out <dir> --seed 42 --people 3000`
 * Writes a complete data set (see systems/DATA-FORMAT.md) and prints what it wrote.
 */
const usage = 'usage: npm run data:generate -- [--out .data/default] [--seed 42] [--people 3000]';

let values: { out?: string; seed?: string; people?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: { out: { type: 'string' }, seed: { type: 'string' }, people: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
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

const integer = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got "${raw}"\n${usage}`);
    process.exit(2);
  }
  return value;
};

const out = values.out ?? '.data/default';
const seed = integer('seed', values.seed, DEFAULT_SEED);
const people = integer('people', values.people, DEFAULT_PEOPLE);

console.log(`Generating ${people} people with seed ${seed} into ${out} ...`);
const started = performance.now();
try {
  const manifest = await generateDataset({
    out,
    seed,
    people,
    onProgress: (done) => {
      if (done % 100_000 === 0) console.log(`  ${done} people (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const width = Math.max(...Object.keys(manifest.counts).map((k) => k.length));
  console.log('\nRecords per file:');
  for (const [file, n] of Object.entries(manifest.counts)) console.log(`  ${file.padEnd(width)}  ${String(n).padStart(10)}`);
  console.log('\nOverlap and noise:');
  for (const [kind, n] of Object.entries(manifest.noise)) console.log(`  ${kind.padEnd(32)}  ${String(n).padStart(10)}`);
  const lines = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  console.log(`\n${lines} lines in ${seconds.toFixed(1)} s; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`);
} catch (error) {
  console.error(`Generation failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
