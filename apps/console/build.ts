import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the console's bundle (apps/console/dist, not committed) when it is missing or older than
 * anything it is built from: its sources, its Vite config and the generated typed documents.
 * `npm start` and the console's browser test call this; `npx tsx apps/console/build.ts` forces a build.
 */
const appDir = fileURLToPath(new URL('.', import.meta.url));
const rootDir = join(appDir, '../..');
export const CONSOLE_DIST = join(appDir, 'dist');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

export function consoleBundleIsStale(): boolean {
  const built = existsSync(join(CONSOLE_DIST, 'index.html')) ? statSync(join(CONSOLE_DIST, 'index.html')).mtimeMs : 0;
  const sources = Math.max(newest(join(appDir, 'src')), newest(join(appDir, 'index.html')), newest(join(appDir, 'vite.config.ts')), newest(join(rootDir, 'schema/generated')));
  return built < sources;
}

/** Returns whether it built. */
export async function ensureConsoleBuilt(force = false): Promise<boolean> {
  if (!force && !consoleBundleIsStale()) return false;
  // Loaded only when a build is needed: Vite is a development dependency of the repository.
  const { build } = await import('vite');
  await build({ configFile: join(appDir, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  await ensureConsoleBuilt(true);
  console.log(`console built into ${CONSOLE_DIST} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
