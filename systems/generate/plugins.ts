import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadRegistry, rootDir } from '../../lib/registry.ts';
import type { Person } from './people.ts';
import type { Rng } from './prng.ts';

/**
 * Data for systems the generator has no code of its own for: a registered system whose
 * stand-in has `systems/<name>/src/generate.ts` (`npm run new:system` writes one) exporting
 * `generator: SystemGenerator`. The generator and `ensureDataset` find it through the
 * registry, so a new system needs no edit here. Each system draws from its own random
 * stream, so adding one leaves every other system's files byte-identical.
 */
export interface SystemGenerator {
  /** The resource files it writes: `<system>/<resource>.ndjson`. */
  resources: readonly string[];
  /** Writes this person's records in the system, if they have any; returns the ids of their customer-like records (ground truth). */
  person(rng: Rng, person: Person, emit: (resource: string, record: unknown) => void): string[];
}

interface LoadedGenerator {
  system: string;
  generator: SystemGenerator;
}

const generatorModule = (system: string) => `${rootDir}systems/${system}/src/generate.ts`;

/** The registered systems' generator modules, in registry order. */
export function pluginSystems(): string[] {
  return loadRegistry()
    .filter((e) => e.system !== null && existsSync(generatorModule(e.name)))
    .map((e) => e.name);
}

export async function loadSystemGenerators(): Promise<LoadedGenerator[]> {
  return Promise.all(
    pluginSystems().map(async (system) => {
      const mod = (await import(pathToFileURL(generatorModule(system)).href)) as { generator?: SystemGenerator };
      if (!mod.generator) throw new Error(`${generatorModule(system)}: exports no \`generator\``);
      return { system, generator: mod.generator };
    }),
  );
}
