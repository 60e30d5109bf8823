import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { CONSOLE_DIST } from '../../apps/console/build.ts';

/**
 * The Customer 360 console (apps/console), served at /console from its built bundle
 * (apps/console/dist, built by `npm start` when missing or older than its sources: see
 * apps/console/build.ts). Same origin as /graphql, so the console needs no CORS and no network
 * beyond the gateway. Unknown paths under /console answer the app's index.html (client routing).
 */
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

export const consoleBuilt = (dist = CONSOLE_DIST) => existsSync(join(dist, 'index.html'));

/** Answers a /console path from the bundle; false when there is no bundle or no such asset (the caller then answers 404). */
export function serveConsole(path: string, res: ServerResponse, dist = CONSOLE_DIST): boolean {
  const index = join(dist, 'index.html');
  if (!consoleBuilt(dist)) return false;
  let relative: string;
  try {
    relative = decodeURIComponent(path.slice('/console'.length)).replace(/^\/+/, '');
  } catch {
    return false; // a malformed escape (`%zz`) names no file
  }
  const file = normalize(join(dist, relative));
  // Never outside the bundle (`/console/../../package.json`).
  const inside = file === dist || file.startsWith(dist + sep);
  const isFile = inside && relative !== '' && existsSync(file) && statSync(file).isFile();
  if (!isFile && relative.startsWith('assets/')) return false; // a missing asset is a 404, not the app
  const served = isFile ? file : index;
  // Hashed assets never change under their name; index.html is read fresh so a rebuild shows at once.
  const cache = isFile && relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': types[extname(served)] ?? 'application/octet-stream', 'cache-control': cache });
  res.end(readFileSync(served));
  return true;
}
