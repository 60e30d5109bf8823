import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DEFAULT_PEOPLE, DEFAULT_SEED, generateDataset, generatorVersion, resolveRates, type Manifest } from './generate.ts';
import type { NoiseRates, ProfileName } from './noise/classes.ts';
import { pluginSystems } from './plugins.ts';

export interface EnsureOptions {
  /** Wanted seed and size. Left out: any complete generated data set already in `dir` will do. */
  seed?: number;
  people?: number;
  /** Profile and noise overrides (see generate.ts); a data set made with other rates is regenerated. */
  profile?: ProfileName;
  noise?: NoiseRates;
  /** Progress lines (default: console.log). Pass `() => {}` for silence. */
  log?: (line: string) => void;
}

function readManifest(dir: string): Partial<Manifest> | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Partial<Manifest>;
  } catch {
    return null;
  }
}

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/**
 * Makes sure `dir` holds a data set and returns `dir`. Generates one when there is none,
 * or when the generated one has another seed or size than asked for (or came from an
 * older generator). A folder of the user's own exports (no manifest, or a manifest without
 * `generator`) is never touched.
 *
 * Generation goes to a temporary sibling folder that is renamed into place when complete,
 * under a lock folder, so concurrent callers (test workers, a second `npm start`) neither
 * see half a data set nor generate it twice.
 */
export async function ensureDataset(dir = '.data/default', opts: EnsureOptions = {}): Promise<string> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const rates = resolveRates(opts.profile, opts.noise);
  const noisy = Object.values(rates).some((r) => r > 0);
  // A default data set's manifest has no rates; a noisy one must have exactly these.
  const sameRates = (m: Partial<Manifest>) => (noisy ? m.rates !== undefined && JSON.stringify(resolveRates(m.profile, m.rates)) === JSON.stringify(rates) : m.rates === undefined);
  // A generated data set must also hold every registered system that has a generator module
  // (systems/generate/plugins.ts): registering a new system regenerates it once.
  const systems = pluginSystems();
  const hasSystems = (m: Partial<Manifest>) => systems.every((system) => Object.keys(m.counts ?? {}).some((key) => key.startsWith(`${system}/`)));
  const wanted = (m: Partial<Manifest> | null): boolean =>
    m !== null &&
    (m.generator === undefined ||
      (m.generator === generatorVersion(noisy) && (opts.seed === undefined || m.seed === opts.seed) && (opts.people === undefined || m.people === opts.people) && sameRates(m) && hasSystems(m)));

  if (wanted(readManifest(dir))) return dir;
  if (!existsSync(join(dir, 'manifest.json')) && !isEmptyDir(dir)) {
    // Someone's own exports: use them as they are.
    log(`Data set ${dir} has no manifest.json; using its files as they are.`);
    return dir;
  }

  await mkdir(dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  await acquire(lock);
  try {
    const existing = readManifest(dir);
    if (wanted(existing)) return dir;
    const seed = opts.seed ?? (existing?.generator ? existing.seed : undefined) ?? DEFAULT_SEED;
    const people = opts.people ?? (existing?.generator ? existing.people : undefined) ?? DEFAULT_PEOPLE;
    const tmp = join(dirname(dir), `.${basename(dir)}.tmp-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    log(`Generating data set ${dir} (seed ${seed}, ${people} people${noisy ? `, profile ${opts.profile ?? 'default'}` : ''}) ...`);
    const started = performance.now();
    const manifest = await generateDataset({ out: tmp, seed, people, profile: opts.profile, noise: opts.noise });
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
    log(`Generated ${manifest.counts['ground-truth']} customer records in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A lock folder holding the owner's pid; a lock whose owner died is taken over. */
async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now());
    if ((owner > 0 && !alive(owner)) || (owner === 0 && age > 10_000)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
