import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { rootDir } from './registry.ts';
import {
  checkSignedTime,
  DEV_WEBHOOK_SECRET,
  hubspotSignatureV3,
  lineSignature,
  MemoryReplayGuard,
  metaSignature,
  RedisReplayGuard,
  replayKey,
  verifyHubspotV3,
  webhookSecret,
} from './webhooks.ts';

describe('webhook secrets', () => {
  const load = (env: NodeJS.ProcessEnv) => loadConfig({ SHOPIFY_WEBHOOK_SECRET: webhookSecret(env) }, env);

  it('defaults to the dev secret in development so npm start works', () => {
    expect(load({}).SHOPIFY_WEBHOOK_SECRET).toBe(DEV_WEBHOOK_SECRET);
  });

  it('refuses an unset secret, the dev default or a short one in the production configuration, naming the variable', () => {
    expect(() => load({ OMNIGRAPH_ENV: 'production' })).toThrow(/SHOPIFY_WEBHOOK_SECRET: must be set in the production configuration/);
    expect(() => load({ OMNIGRAPH_ENV: 'production', SHOPIFY_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET })).toThrow(/SHOPIFY_WEBHOOK_SECRET: is the public development default/);
    expect(() => load({ OMNIGRAPH_ENV: 'production', SHOPIFY_WEBHOOK_SECRET: 'short' })).toThrow(/SHOPIFY_WEBHOOK_SECRET: is shorter than 16/);
    expect(load({ OMNIGRAPH_ENV: 'production', SHOPIFY_WEBHOOK_SECRET: 'shpss_0123456789abcdef' }).SHOPIFY_WEBHOOK_SECRET).toBe('shpss_0123456789abcdef');
  });

  // The real entry points, as `npm start` or a container would run them: the process exits before listening.
  it.each(['shop', 'flows'])('the %s process refuses to start in production with the dev secret, naming the variable', (name) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', `subgraphs/${name}/src/index.ts`], {
      cwd: rootDir,
      env: { PATH: process.env.PATH, OMNIGRAPH_ENV: 'production', SHOPIFY_WEBHOOK_SECRET: DEV_WEBHOOK_SECRET, PORT: '0', FLOWS_DB_DIR: 'memory://' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/SHOPIFY_WEBHOOK_SECRET: is the public development default/);
  });
});

describe('signed time windows', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  it('accepts a time inside the window and none at all (the vendor signed none); refuses stale and future times', () => {
    expect(checkSignedTime(now - 60_000, 300_000, now)).toEqual({ ok: true });
    expect(checkSignedTime(null, 300_000, now)).toEqual({ ok: true });
    expect(checkSignedTime(now - 301_000, 300_000, now).ok).toBe(false);
    expect(checkSignedTime(now + 3600_000, 300_000, now).ok).toBe(false);
    expect(checkSignedTime(Number.NaN, 300_000, now).ok).toBe(false);
  });

  it('HubSpot v3: a valid signature over a timestamp older than 5 minutes is refused as stale; a fresh one passes; a changed timestamp breaks the signature', () => {
    const secret = 'hubspot-client-secret';
    const request = (timestamp: string) => ({ method: 'POST', uri: 'https://omni.example/webhooks/crm', rawBody: '[{"eventId":1}]', timestamp, signature: hubspotSignatureV3(secret, 'POST', 'https://omni.example/webhooks/crm', '[{"eventId":1}]', timestamp) });
    expect(verifyHubspotV3(secret, request(String(now - 60_000)), now)).toEqual({ ok: true, signedAt: now - 60_000 });
    expect(verifyHubspotV3(secret, request(String(now - 6 * 60_000)), now)).toMatchObject({ ok: false, status: 400, code: 'WEBHOOK_STALE' });
    const moved = { ...request(String(now - 6 * 60_000)), timestamp: String(now) };
    expect(verifyHubspotV3(secret, moved, now)).toMatchObject({ ok: false, status: 401, code: 'WEBHOOK_SIGNATURE_INVALID' });
  });

  it('Meta and LINE signatures follow the vendors\' formats', () => {
    expect(metaSignature('s', '{}')).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(lineSignature('s', '{}')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });
});

describe('replay keys and guards', () => {
  it('keys on the signed bytes with topic and version: same body same key, any change another key', () => {
    const body = '{"id":1,"updated_at":"2026-12-01T10:00:00Z"}';
    const key = replayKey({ vendor: 'shopify', topic: 'orders/create', resource: '1', version: '2026-12-01T10:00:00Z' }, body);
    expect(replayKey({ vendor: 'shopify', topic: 'orders/create', resource: '1', version: '2026-12-01T10:00:00Z' }, body)).toBe(key);
    expect(replayKey({ vendor: 'shopify', topic: 'orders/create', resource: '1', version: '2026-12-01T10:00:00Z' }, body.replace('10:00', '10:01'))).not.toBe(key);
    expect(replayKey({ vendor: 'shopify', topic: 'orders/updated', resource: '1', version: '2026-12-01T10:00:00Z' }, body)).not.toBe(key);
  });

  it('in memory: a key is claimed once; a released key (its action failed) can be claimed again; bounded by count', async () => {
    const guard = new MemoryReplayGuard({ ttlMs: 60_000, maxEntries: 2 });
    expect(await guard.claim('a')).toBe(true);
    expect(await guard.claim('a')).toBe(false);
    await guard.release('a');
    expect(await guard.claim('a')).toBe(true);
    await guard.claim('b');
    await guard.claim('c');
    expect(await guard.claim('a')).toBe(true);
  });

  it('in Redis: shared by two replicas, a key is claimed once between them', async () => {
    const namespace = `test-${randomUUID()}`;
    const a = new RedisReplayGuard('redis://127.0.0.1:6379', { ttlMs: 60_000, namespace });
    const b = new RedisReplayGuard('redis://127.0.0.1:6379', { ttlMs: 60_000, namespace });
    try {
      const results = await Promise.all([a.claim('k'), b.claim('k')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      await a.release('k');
      expect(await b.claim('k')).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
