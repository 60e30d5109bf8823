import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCatalog, catalogRecords } from './catalog.ts';
import { MARKETS, type Market } from './names.ts';
import { emailDigitsFor, makeHouseholdHead, makeHouseholdMember, makePerson, type Person, type PersonContext } from './people.ts';
import { hashString, Rng } from './prng.ts';
import { buildPagesAndAds, Ids, OUTPUTS, writeCrm, writePos, writeShop, writeSocial, type GenContext, type OutputKey, type PosState } from './records.ts';
import { NdjsonWriter } from './writer.ts';
import { checkRates, NOISE_VERSION, profileRates, type NoiseRates, type ProfileName } from './noise/classes.ts';
import { NoiseLayer } from './noise/layer.ts';
import { loadSystemGenerators } from './plugins.ts';

/**
 * The deterministic data generator: one data set in the format of
 * `systems/DATA-FORMAT.md`, written person by person through streams. The same seed and
 * size give byte-identical files.
 */

/** Bumped whenever the output changes, so `ensureDataset` regenerates stale data sets. */
export const GENERATOR_VERSION = 'omnigraph-generate/2';

export const DEFAULT_SEED = 42;
export const DEFAULT_PEOPLE = 3000;

/** Share of people who share their phone with the next person (a two-person household). */
const HOUSEHOLD_RATE = 0.02;

export interface GenerateOptions {
  out: string;
  seed?: number;
  people?: number;
  /** `default` (the data set the tests and `npm start` use) or `hard` (every noise class of noise/classes.ts). */
  profile?: ProfileName;
  /** Rates per noise class over the profile's (`{"company-email": 0.05}`). */
  noise?: NoiseRates;
  /** Called every 10,000 people with the number done. */
  onProgress?: (done: number) => void;
}

export interface Manifest {
  seed: number;
  people: number;
  markets: Market[];
  /** Lines per file, keyed `system/resource` (and `ground-truth`). */
  counts: Record<string, number>;
  /** How much of each kind of overlap and noise the data set holds. */
  noise: Record<string, number>;
  generator: string;
  /** Only when a noise class is on: the profile and every class's rate (see noise/classes.ts). */
  profile?: ProfileName;
  rates?: NoiseRates;
}

/** The rates a profile and overrides give, every class named. */
/** The generator's version as its manifest records it: noisy data sets add the noise layer's. */
export const generatorVersion = (noisy: boolean) => (noisy ? `${GENERATOR_VERSION}+${NOISE_VERSION}` : GENERATOR_VERSION);

export function resolveRates(profile: ProfileName = 'default', overrides: NoiseRates = {}): NoiseRates {
  const rates = { ...profileRates(profile), ...overrides };
  checkRates(rates);
  return rates;
}

function checkSize(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`generateDataset: ${name} must be an integer in [${min}, ${max}], got ${value}`);
}

export async function generateDataset(options: GenerateOptions): Promise<Manifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const people = options.people ?? DEFAULT_PEOPLE;
  checkSize('seed', seed, 0, 2 ** 32 - 1);
  checkSize('people', people, 1, 9_000_000);
  const out = options.out;
  const profile = options.profile ?? 'default';
  if (profile !== 'default' && profile !== 'hard') throw new Error(`generateDataset: profile must be default or hard, got ${String(profile)}`);
  const rates = resolveRates(profile, options.noise);
  // The noise layer is installed only when a class is on: the default data set stays byte-identical.
  const noisy = Object.values(rates).some((r) => r > 0);

  for (const system of ['crm', 'shop', 'pos', 'social']) await mkdir(join(out, system), { recursive: true });
  // Systems added with `npm run new:system` bring their own generator module (plugins.ts).
  const plugins = await loadSystemGenerators();
  const pluginWriters = new Map<string, NdjsonWriter>();
  for (const { system, generator } of plugins) {
    await mkdir(join(out, system), { recursive: true });
    for (const resource of generator.resources) pluginWriters.set(`${system}/${resource}`, new NdjsonWriter(join(out, system, `${resource}.ndjson`)));
  }
  // Per plugin, once (not per person): its stream's salt and the sink its records are emitted to.
  const pluginRuns = plugins.map(({ system, generator }) => ({
    system,
    generator,
    salt: hashString(system),
    emit: (resource: string, record: unknown) => {
      const writer = pluginWriters.get(`${system}/${resource}`);
      if (!writer) throw new Error(`systems/${system}/src/generate.ts: resource "${resource}" is not in its resources`);
      writer.write(record);
    },
  }));
  const writers = Object.fromEntries(OUTPUTS.map((key) => [key, new NdjsonWriter(join(out, `${key}.ndjson`))])) as Record<OutputKey, NdjsonWriter>;
  const truthWriter = new NdjsonWriter(join(out, 'ground-truth.ndjson'));
  const noiseWriter = noisy ? new NdjsonWriter(join(out, 'noise.ndjson')) : null;
  const shopWriter = noisy ? new NdjsonWriter(join(out, 'shop', 'shop.ndjson')) : null;
  const all = [...Object.values(writers), ...pluginWriters.values(), truthWriter, ...(noiseWriter && shopWriter ? [noiseWriter, shopWriter] : [])];

  try {
    // The catalogue and the pages: fixed size, from the seed alone.
    const catalog = buildCatalog(seed);
    const catalogFiles = catalogRecords(seed, catalog);
    for (const r of catalogFiles.shopProducts) writers['shop/products'].write(r);
    for (const r of catalogFiles.shopLocations) writers['shop/locations'].write(r);
    for (const r of catalogFiles.inventoryLevels) writers['shop/inventory_levels'].write(r);
    for (const r of catalogFiles.posLocations) writers['pos/locations'].write(r);
    for (const r of catalogFiles.posCatalog) writers['pos/catalog'].write(r);
    for (const r of catalogFiles.inventoryCounts) writers['pos/inventory_counts'].write(r);
    const { pages, ads } = buildPagesAndAds(new Rng(seed, hashString('pages')));
    for (const market of MARKETS) for (const page of pages[market]) writers['social/pages'].write({ id: page.id, name: page.name, platform: page.platform });

    const ctx: GenContext = {
      seed,
      catalog,
      out: writers,
      truth: truthWriter,
      ids: new Ids(),
      pages,
      ads,
      crmJunkEmailsUsed: new Set(),
      noise: {},
    };
    let layer: NoiseLayer | null = null;
    if (noiseWriter && shopWriter) {
      layer = new NoiseLayer(seed, people, rates, ctx, noiseWriter);
      layer.install(writers, truthWriter);
      shopWriter.write(NoiseLayer.shopObject(seed));
    }
    const personCtx: PersonContext = { seed, emailDigits: emailDigitsFor(people) };
    const personSeed = (seed ^ 0x5bd1e995) >>> 0;
    const bump = (key: string) => {
      ctx.noise[key] = (ctx.noise[key] ?? 0) + 1;
    };

    let head: Person | null = null;
    let householdState: PosState = { loyaltyPhones: new Set() };
    for (let i = 0; i < people; i++) {
      const rng = new Rng(personSeed, i);
      let person: Person;
      let posState: PosState;
      if (head) {
        person = makeHouseholdMember(rng, i, head, personCtx);
        posState = householdState;
        head = null;
      } else {
        person = makePerson(rng, i, personCtx);
        posState = { loyaltyPhones: new Set() };
        if (i + 1 < people && rng.chance(HOUSEHOLD_RATE)) {
          makeHouseholdHead(rng, person);
          head = person;
          householdState = posState;
          bump('familyPhonePairs');
        }
      }
      layer?.begin(person);
      if (person.allFour) bump('peopleInAllFourSystems');
      bump(`peopleIn${person.market}`);

      const crmIds = person.systems.has('crm') ? writeCrm(rng, ctx, person) : [];
      const shopId = person.systems.has('shop') ? writeShop(rng, ctx, person) : null;
      if (person.systems.has('pos')) writePos(rng, ctx, person, crmIds, posState);
      if (person.systems.has('social')) writeSocial(rng, ctx, person, shopId);
      layer?.finish();
      for (const { system, generator, salt, emit } of pluginRuns) {
        for (const externalId of generator.person(new Rng(personSeed ^ salt, i), person, emit)) truthWriter.write({ personId: person.id, system, externalId });
      }

      if (all.some((w) => w.needsDrain)) await Promise.all(all.map((w) => w.ready()));
      if (options.onProgress && (i + 1) % 10_000 === 0) options.onProgress(i + 1);
    }

    await Promise.all(all.map((w) => w.close()));
    const counts: Record<string, number> = {};
    for (const key of OUTPUTS) counts[key] = writers[key].count;
    for (const [key, writer] of pluginWriters) counts[key] = writer.count;
    counts['ground-truth'] = truthWriter.count;
    if (noiseWriter && shopWriter && layer) {
      counts['noise'] = noiseWriter.count;
      counts['shop/shop'] = shopWriter.count;
      for (const [cls, n] of Object.entries(layer.stats)) ctx.noise[`class:${cls}`] = n;
    }
    const noise = Object.fromEntries(Object.entries(ctx.noise).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const manifest: Manifest = { seed, people, markets: [...MARKETS], counts, noise, generator: generatorVersion(noisy), ...(noisy ? { profile, rates } : {}) };
    // Written last: a data set without a manifest is incomplete.
    await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (error) {
    await Promise.allSettled(all.map((w) => w.close()));
    throw error;
  }
}
