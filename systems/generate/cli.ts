import { parseArgs } from 'node:util';
import { DEFAULT_PEOPLE, DEFAULT_SEED, generateDataset } from './generate.ts';
import { NOISE_CLASSES, parseNoiseOverrides, PROFILES, type NoiseRates, type ProfileName } from './noise/classes.ts';

/**
 * `npm run data:generate -- --out <dir> --seed 42 --people 3000`
 * Writes a complete data set (see systems/DATA-FORMAT.md) and prints what it wrote.
 */
const usage = `usage: npm run data:generate -- [--out .data/default] [--seed 42] [--people 3000] [--profile default|hard] [--noise class=rate,...]
noise classes (rate of the hard profile):
${NOISE_CLASSES.map((c) => `  ${c.id.padEnd(22)} ${String(c.hard).padEnd(6)} per ${c.unit}: ${c.what}`).join('\n')}`;

let values: { out?: string; seed?: string; people?: string; profile?: string; noise?: string[]; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      people: { type: 'string' },
      profile: { type: 'string' },
      noise: { type: 'string', multiple: true },
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

const integer = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got "${raw}"\n${usage}`);
    process.exit(2);
  }
  return value;
};

const profile = (values.profile ?? 'default') as ProfileName;
if (!PROFILES.includes(profile)) {
  console.error(`--profile must be one of ${PROFILES.join(', ')}, got "${values.profile}"\n${usage}`);
  process.exit(2);
}
let noise: NoiseRates = {};
try {
  for (const spec of values.noise ?? []) noise = { ...noise, ...parseNoiseOverrides(spec) };
} catch (error) {
  console.error(`--noise: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const out = values.out ?? '.data/default';
const seed = integer('seed', values.seed, DEFAULT_SEED);
const people = integer('people', values.people, DEFAULT_PEOPLE);

console.log(`Generating ${people} people with seed ${seed} (profile ${profile}) into ${out} ...`);
const started = performance.now();
try {
  const manifest = await generateDataset({
    out,
    seed,
    people,
    profile,
    noise,
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
