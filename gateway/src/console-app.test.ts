import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConsole } from './console-app.ts';

describe('serving the console bundle at /console', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'console-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside the bundle');
    server = createServer((req, res) => {
      if (!serveConsole(req.url ?? '/', res, dist)) res.writeHead(404).end('404');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves hashed assets as immutable and answers any other path with the app', async () => {
    const asset = await fetch(`${base}/console/assets/index-abc.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const route = await fetch(`${base}/console/customers/cus_1`);
    expect(await route.text()).toContain('<title>console</title>');
    expect(route.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a missing asset 404 and never reads outside the bundle', async () => {
    expect((await fetch(`${base}/console/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/console/%zz`)).status).toBe(404);
    for (const path of ['/console/../secret.txt', '/console/%2e%2e/secret.txt', '/console/..%2fsecret.txt']) {
      const text = await (await fetch(`${base}${path}`)).text();
      expect(text, path).not.toContain('outside the bundle');
    }
  });
});
