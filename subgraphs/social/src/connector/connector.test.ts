import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandinApp } from '../../../../systems/social/src/app.ts';
import { listenStandin, type Standin } from '../../../../systems/lib/standin.ts';
import { createLoaders } from '../loaders.ts';
import { SocialEventLog } from '../event-log.ts';
import type { GraphProfile } from '../mappers.ts';
import { mapGraphError, regainAccessSeconds } from './errors.ts';
import { SocialConnector } from './index.ts';

describe('mapGraphError', () => {
  const usage = { 'x-business-use-case-usage': JSON.stringify({ '1029384756': [{ type: 'messenger', estimated_time_to_regain_access: 3 }] }) };

  it.each([4, 17, 32, 613, 80006])('maps throttling code %i, sent as HTTP 400, to UPSTREAM_RATE_LIMITED', (code) => {
    expect(mapGraphError(400, { error: { code, message: 'slow down' } }, usage)).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 180 });
  });

  it('maps throttling sent as HTTP 403 without a usage header to UPSTREAM_RATE_LIMITED without a retry time', () => {
    const mapped = mapGraphError(403, { error: { code: 4, message: 'Application request limit reached' } }, {});
    expect(mapped.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(mapped.retryAfterSeconds).toBeUndefined();
  });

  it('maps 5xx and transient codes to UPSTREAM_UNAVAILABLE', () => {
    expect(mapGraphError(503, { error: { code: 2 } }).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(mapGraphError(500, 'oops').code).toBe('UPSTREAM_UNAVAILABLE');
    expect(mapGraphError(400, { error: { code: 1, is_transient: true } }).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('maps an unknown object to NOT_FOUND and other parameter errors to BAD_USER_INPUT', () => {
    expect(mapGraphError(400, { error: { code: 100, error_subcode: 33, message: 'Unsupported get request' } }).code).toBe('NOT_FOUND');
    expect(mapGraphError(400, { error: { code: 100, message: '(#100) bad field' } }).code).toBe('BAD_USER_INPUT');
  });

  it('maps a rejected token or permission to UPSTREAM_ERROR, not to the caller', () => {
    expect(mapGraphError(400, { error: { code: 190, type: 'OAuthException' } }).code).toBe('UPSTREAM_ERROR');
    expect(mapGraphError(403, { error: { code: 200 } }).code).toBe('UPSTREAM_ERROR');
  });

  it('reads the longest regain time across usage entries and ignores a malformed header', () => {
    const two = JSON.stringify({ a: [{ estimated_time_to_regain_access: 1 }], b: [{ estimated_time_to_regain_access: 5 }] });
    expect(regainAccessSeconds({ 'x-business-use-case-usage': two })).toBe(300);
    expect(regainAccessSeconds({ 'x-business-use-case-usage': '{not json' })).toBeUndefined();
    expect(regainAccessSeconds({ 'x-business-use-case-usage': JSON.stringify({ a: [{ estimated_time_to_regain_access: 0 }] }) })).toBeUndefined();
  });
});

describe('SocialConnector chunking against the stand-in', () => {
  const PAGE = '1029384756';
  const ids = Array.from({ length: 120 }, (_, i) => String(7000000000000000 + i));
  let dir: string;
  let standin: Standin;
  let connector: SocialConnector;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'social-unit-'));
    mkdirSync(join(dir, 'social'));
    const nd = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    writeFileSync(join(dir, 'social/pages.ndjson'), nd([{ id: PAGE, name: 'Omni Store TH', platform: 'messenger' }]));
    writeFileSync(join(dir, 'social/profiles.ndjson'), nd(ids.map((id, i) => ({ id, first_name: `P${i}`, last_name: 'Test', name: `P${i} Test`, page_id: PAGE, platform: 'messenger' }))));
    writeFileSync(
      join(dir, 'social/conversations.ndjson'),
      nd(ids.map((id, i) => ({ id: `t_${id}`, participants: { data: [{ id }, { id: PAGE }] }, updated_time: `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00+0000`, message_count: 0, unread_count: 0, page_id: PAGE, platform: 'messenger' }))),
    );
    standin = await createStandinApp({ dataDir: dir });
    const baseUrl = await listenStandin(standin, 0);
    connector = new SocialConnector({ baseUrl, token: 'dev-token', version: 'v19.0', timeoutMs: 3000 });
  });
  afterAll(async () => {
    await standin?.app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads 120 profiles of one page in three batch calls of at most 50 (after one me/accounts for the Page token), one result per key in key order', async () => {
    standin.resetStats();
    const loaders = createLoaders(connector, new SocialEventLog());
    const keys = [...ids].reverse();
    const profiles = await loaders.profileById.loadMany(keys);
    expect(profiles.map((p) => (p as GraphProfile).id)).toEqual(keys);
    expect((profiles[0] as GraphProfile)).toMatchObject({ page_id: PAGE, platform: 'messenger' });
    expect(standin.stats().byRoute).toEqual({ 'GET /v19.0/:id/accounts': 1, 'POST /v19.0/': 3 });
  });

  it("loads 120 profiles' threads in three batch calls, positionally matched", async () => {
    const loaders = createLoaders(connector, new SocialEventLog());
    const profiles = (await loaders.profileById.loadMany(ids)) as GraphProfile[];
    standin.resetStats();
    const threads = await Promise.all(profiles.map((profile) => loaders.conversationsByProfileId.load({ profile, limit: 5 })));
    expect(threads.map((list) => list.map((t) => t.id))).toEqual(ids.map((id) => [`t_${id}`]));
    expect(standin.stats().byRoute).toEqual({ 'POST /v19.0/': 3 });
  });

  it('answers unknown ids with null per key in a batch, while the others resolve', async () => {
    const [page] = await connector.listPages();
    const token = `access_token=${page!.token}`;
    const results = await connector.batchGet<{ id: string }>([`${ids[0]}?fields=id&${token}`, `404404?fields=id&${token}`, `${ids[1]}/nope?${token}`]);
    expect(results[0]).toEqual({ id: ids[0] });
    expect(results[1]).toBeNull();
    expect(results[2]).toBeInstanceOf(Error);
    expect((results[2] as Error & { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
  });

  it("refuses a person read with the system user's token: Graph wants the Page token", async () => {
    const results = await connector.batchGet<{ id: string }>([`${ids[0]}?fields=id`]);
    expect((results[0] as Error & { extensions: { code: string } }).extensions.code).toBe('UPSTREAM_ERROR');
  });
});
