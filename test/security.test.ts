import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_TOKEN_HEADER, loadInternalKey, signInternalToken } from '../lib/authorization/index.ts';
import { rootDir } from '../lib/registry.ts';
import { loadGatewayConfig } from '../gateway/src/config.ts';
import { startGateway, type RunningGateway } from '../gateway/src/server.ts';
import { postGraphQL, signedAs, type GraphQLResponse } from './helpers/component.ts';
import { startTestStack, SYSTEMS, type TestStack } from './helpers/e2e.ts';

/**
 * One test per authorization rule (README "Security: roles"), through the gateway and directly
 * against the subgraphs, every process real. The stack's own gateway runs in dev mode (what
 * `npm start` serves); a second gateway in this process runs in jwt mode over the same subgraphs.
 */
const JWT_SECRET = 'security-test-jwt-secret-of-32-characters';
const token = (sub: string, roles: string[]) =>
  new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('5m').sign(new TextEncoder().encode(JWT_SECRET));

const MERGE = `mutation($k: String!, $s: ID!, $m: ID!) { mergeCustomers(idempotencyKey: $k, survivorId: $s, mergedId: $m, reason: "security test") { mergeId survivor { id } } }`;
const TRAIL = `query($id: ID!) { customer(id: $id) { id links { system externalId } auditTrail(first: 50) { id action actor } } }`;
const PROFILE = `query Profile($id: ID!) { customer(id: $id) { id profile { name { value } primaryEmail { value source { system } } phones { value } } } }`;

interface Trail {
  customer: { id: string; links: { system: string; externalId: string }[]; auditTrail: { id: string; action: string; actor: string }[] } | null;
}
interface Profile {
  customer: { id: string; profile: { name: { value: string } | null; primaryEmail: { value: string; source: { system: string } } | null; phones: { value: string }[] } };
}

/** Polls a file until a line matches (the audit log is written asynchronously); bounded. */
async function lineIn(file: string, match: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | undefined> {
  for (let i = 0; i < 100; i++) {
    if (existsSync(file)) {
      const found = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find(match);
      if (found) return found;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return undefined;
}

/** Starts one process of the product with `env` and resolves with its exit code and output, or 'ready'. */
function startAlone(entry: string, env: Record<string, string | undefined>): Promise<{ code: number | null | 'ready'; output: string }> {
  return new Promise((resolve) => {
    const proc = fork(`${rootDir}${entry}`, [], { execArgv: ['--import', 'tsx'], env: { PATH: process.env.PATH, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], cwd: rootDir });
    let output = '';
    proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    proc.on('message', (m: { type?: string }) => {
      if (m?.type !== 'ready') return;
      proc.kill('SIGTERM');
      resolve({ code: 'ready', output });
    });
    proc.once('exit', (code) => resolve({ code, output }));
  });
}

describe('security: who may see and do what', () => {
  let stack: TestStack;
  let jwtGateway: RunningGateway;
  const scratch = mkdtempSync(join(tmpdir(), 'omnigraph-security-'));
  const devAudit = join(scratch, 'dev-audit.ndjson');
  const jwtAudit = join(scratch, 'jwt-audit.ndjson');
  let people: string[] = [];
  const asJwt = async <T>(query: string, variables: Record<string, unknown>, roles: string[], sub = 'someone@retail.example', headers: Record<string, string> = {}) =>
    postGraphQL<T>(jwtGateway.url, query, variables, { authorization: `Bearer ${await token(sub, roles)}`, ...headers });
  const asDev = <T>(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => postGraphQL<T>(stack.gatewayUrl, query, variables, headers);
  const steward = { 'x-omnigraph-actor': 'steward@retail.example', 'x-omnigraph-roles': 'steward' };

  beforeAll(async () => {
    stack = await startTestStack({ env: { gateway: { AUDIT_LOG_FILE: devAudit } } });
    const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`, url]));
    jwtGateway = await startGateway(loadGatewayConfig({ ...process.env, ...urls, PORT: '0', AUTH_MODE: 'jwt', AUTH_JWT_SECRET: JWT_SECRET, AUDIT_LOG_FILE: jwtAudit, INTERNAL_SIGNING_KEY: stack.internalKey }));
    const page = await asDev<{ customers: { edges: { node: { id: string; profile: { primaryEmail: unknown; phones: unknown[] } } }[] } }>(
      `{ customers(first: 60) { edges { node { id profile { primaryEmail { value } phones { value } } } } } }`,
      {},
    );
    // People with an email and a phone, so masking has something to show.
    people = page.data!.customers.edges.filter((e) => e.node.profile.primaryEmail && e.node.profile.phones.length > 0).map((e) => e.node.id);
    expect(people.length).toBeGreaterThanOrEqual(6);
  });
  afterAll(async () => {
    await jwtGateway?.close();
    await stack?.stop();
  });

  it('refuses an anonymous merge with FORBIDDEN naming the field, and changes nothing', async () => {
    const [a, b] = [people[0]!, people[1]!];
    const before = await Promise.all([a, b].map((id) => asDev<Trail>(TRAIL, { id }, steward)));
    for (const headers of [{}, { 'x-omnigraph-roles': 'steward' }, { 'x-omnigraph-roles': 'admin' }] as Record<string, string>[]) {
      const res = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: MERGE, variables: { k: `anon-${JSON.stringify(headers)}`, s: a, m: b } }) });
      const body = (await res.json()) as GraphQLResponse;
      expect(res.status).toBe(403);
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', field: 'Mutation.mergeCustomers' } });
      expect(body.errors?.[0]?.message).toMatch(/Mutation.mergeCustomers needs the role steward/);
    }
    const after = await Promise.all([a, b].map((id) => asDev<Trail>(TRAIL, { id }, steward)));
    expect(after.map((r) => r.data)).toEqual(before.map((r) => r.data));
    expect(after[1]!.data!.customer!.id).toBe(b);
  });

  it('refuses every mutation to a token with no roles, before any subgraph is called', async () => {
    const mutations = [
      [MERGE, { k: 'no-role-1', s: people[0], m: people[1] }, 'Mutation.mergeCustomers'],
      ['mutation { runBackfill(idempotencyKey: "no-role-2") { recordsRead } }', {}, 'Mutation.runBackfill'],
      ['mutation { recordInteraction(input: { customerId: "cus_x", channel: LINE, summary: "hi", idempotencyKey: "no-role-3" }) { contactCreated } }', {}, 'Mutation.recordInteraction'],
      ['mutation { markPickupReady(posOrderId: "o1", idempotencyKey: "no-role-4") { id } }', {}, 'Mutation.markPickupReady'],
      ['mutation { createCart(lines: [], idempotencyKey: "no-role-5") { id } }', {}, 'Mutation.createCart'],
    ] as const;
    await stack.resetUpstreamCalls();
    for (const [query, variables, field] of mutations) {
      const res = await asJwt(query, variables, []);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field });
    }
    for (const system of ['crm', 'shop', 'pos']) expect(await stack.upstreamCalls(system)).toEqual({});
  });

  it('lets a steward merge, and the hub’s audit trail names the verified caller', async () => {
    const [a, b] = [people[2]!, people[3]!];
    const merged = await asJwt<{ mergeCustomers: { survivor: { id: string } } }>(MERGE, { k: 'steward-merge', s: a, m: b }, ['steward'], 'stella@retail.example', { 'x-omnigraph-actor': 'mallory' });
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeCustomers.survivor.id).toBe(a);
    const trail = await asJwt<Trail>(TRAIL, { id: a }, ['steward']);
    expect(trail.data!.customer!.auditTrail[0]).toMatchObject({ action: 'MERGE', actor: 'stella@retail.example' });
  });

  it('shows an analyst personal data masked by the stated rule, and an agent the raw values', async () => {
    const id = people[4]!;
    const raw = await asJwt<Profile>(PROFILE, { id }, ['agent']);
    const masked = await asJwt<Profile>(PROFILE, { id }, ['analyst']);
    const noRole = await asJwt<Profile>(PROFILE, { id }, []);
    expect(masked.errors).toBeUndefined();
    const rawProfile = raw.data!.customer.profile;
    const email = rawProfile.primaryEmail!.value;
    expect(email).toMatch(/^[^•]+@/);
    for (const res of [masked, noRole]) {
      const profile = res.data!.customer.profile;
      expect(profile.primaryEmail!.value).toBe(`${email[0]}•••${email.slice(email.lastIndexOf('@'))}`);
      expect(profile.primaryEmail!.source.system).toBe(rawProfile.primaryEmail!.source.system);
      expect(profile.phones.map((p) => p.value)).toEqual(rawProfile.phones.map((p) => `•••${p.value.replace(/\D/g, '').slice(-3)}`));
      if (rawProfile.name) expect(profile.name!.value).toBe(rawProfile.name.value.split(/\s+/).map((w) => `${Array.from(w)[0]}•••`).join(' '));
      expect(res.data!.customer.id).toBe(id);
    }
  });

  it('refuses an analyst what the schema keeps from analysts (audit trail, match evidence)', async () => {
    for (const [query, field] of [
      [TRAIL, 'Customer.auditTrail'],
      ['{ matchSuggestions { edges { node { id } } } }', 'Query.matchSuggestions'],
      ['query($id: ID!) { customer(id: $id) { links { evidence } } }', 'SourceLink.evidence'],
    ] as const) {
      const res = await asJwt(query, { id: people[4] }, ['analyst']);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field });
    }
  });

  it('ignores a forged x-omnigraph-roles header, at the gateway and at a subgraph', async () => {
    const backfill = 'mutation { runBackfill(idempotencyKey: "forged") { recordsRead } }';
    const viaGateway = await asJwt(backfill, {}, ['agent'], 'agent@retail.example', { 'x-omnigraph-roles': 'admin' });
    expect(viaGateway.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.runBackfill' });
    const direct = await postGraphQL(stack.subgraphs.identity!, backfill, {}, { ...signedAs('identity', { roles: ['agent'] }, stack.internalKey), 'x-omnigraph-roles': 'admin', 'x-omnigraph-actor': 'admin' });
    expect(direct.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.runBackfill' });
  });

  it('enforces the same rules directly at a subgraph for a signed caller: roles for writes, masking for analysts', async () => {
    const [a, b] = [people[0]!, people[1]!];
    const identity = stack.subgraphs.identity!;
    const before = await asDev<Trail>(TRAIL, { id: b }, steward);
    for (const roles of [[], ['agent'], ['analyst']] as const) {
      const res = await postGraphQL(identity, MERGE, { k: `direct-${roles.join()}`, s: a, m: b }, signedAs('identity', { roles: [...roles] }, stack.internalKey));
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Mutation.mergeCustomers' });
    }
    expect((await asDev<Trail>(TRAIL, { id: b }, steward)).data).toEqual(before.data);
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id profile { primaryEmail { value } } } } }`;
    const read = (roles: ('agent' | 'analyst')[]) =>
      postGraphQL<{ _entities: { id: string; profile: { primaryEmail: { value: string } } }[] }>(identity, entities, { r: [{ __typename: 'Customer', id: people[4] }] }, signedAs('identity', { roles }, stack.internalKey));
    const raw = (await read(['agent'])).data!._entities[0]!.profile.primaryEmail.value;
    const masked = (await read(['analyst'])).data!._entities[0]!.profile.primaryEmail.value;
    expect(masked).toBe(`${raw[0]}•••${raw.slice(raw.lastIndexOf('@'))}`);
    const trail = await postGraphQL(identity, TRAIL, { id: a }, signedAs('identity', { roles: ['analyst'] }, stack.internalKey));
    expect(trail.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Customer.auditTrail' });
  });

  it('has every subgraph refuse an unsigned, forged, expired or misaddressed call; /health stays open', async () => {
    const key = loadInternalKey({ INTERNAL_SIGNING_KEY: stack.internalKey });
    const forgedKey = loadInternalKey({ INTERNAL_SIGNING_KEY: 'dev-an-attacker-key-0123456789abcdef012' });
    const caller = { actor: 'attacker', roles: ['admin'], requestId: 'sec-1', issuer: 'gateway' };
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id } } }`;
    for (const [name, url] of Object.entries(stack.subgraphs)) {
      const attempts: Record<string, string>[] = [
        {},
        { 'x-omnigraph-roles': 'admin', 'x-omnigraph-actor': 'admin' },
        { [INTERNAL_TOKEN_HEADER]: signInternalToken(forgedKey, name, caller) },
        { [INTERNAL_TOKEN_HEADER]: signInternalToken(key, name, caller, Math.floor(Date.now() / 1000) - 300) },
        { [INTERNAL_TOKEN_HEADER]: signInternalToken(key, name === 'identity' ? 'crm' : 'identity', caller) },
      ];
      for (const headers of attempts) {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: entities, variables: { r: [{ __typename: 'Customer', id: people[0] }] } }) });
        expect(res.status, `${name} ${Object.keys(headers).join(',')}`).toBe(401);
        expect(((await res.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      expect((await fetch(new URL('/health', url))).status).toBe(200);
    }
    for (const system of SYSTEMS) {
      const feed = new URL('/_identity/records?limit=1', stack.subgraphs[system]);
      expect((await fetch(feed)).status).toBe(401);
      expect((await fetch(feed, { headers: signedAs(system, { roles: [] }, stack.internalKey) })).status).toBe(200);
    }
  });

  it('writes who read whose personal data to the audit log, masked or not', async () => {
    const id = people[5]!;
    await postGraphQL(jwtGateway.url, PROFILE, { id }, { authorization: `Bearer ${await token('ana@retail.example', ['analyst'])}`, 'x-request-id': 'audit-analyst-1' });
    await asDev(PROFILE, { id }, { 'x-request-id': 'audit-dev-1' });
    const analyst = await lineIn(jwtAudit, (e) => e.requestId === 'audit-analyst-1');
    expect(analyst).toMatchObject({ event: 'pii_read', actor: 'ana@retail.example', roles: ['analyst'], operation: 'Profile', masked: true, subjects: [`Customer:${id}`] });
    expect(analyst!.fields).toEqual(expect.arrayContaining(['ProfileValue.value']));
    expect(await lineIn(devAudit, (e) => e.requestId === 'audit-dev-1')).toMatchObject({ actor: 'dev', roles: ['agent', 'associate'], masked: false, subjects: [`Customer:${id}`] });
    const none = await asDev('{ channelStatistics { customers } }', {}, { 'x-request-id': 'audit-none-1' });
    expect(none.errors).toBeUndefined();
    await asDev(PROFILE, { id }, { 'x-request-id': 'audit-dev-2' });
    await lineIn(devAudit, (e) => e.requestId === 'audit-dev-2');
    expect(readFileSync(devAudit, 'utf8')).not.toContain('audit-none-1');
  });

  it('refuses a search by email or phone to an analyst (it would tell that the person exists), at the gateway and at the hub; paging stays open', async () => {
    const SEARCH = 'query Search($q: String) { customers(search: $q, first: 5) { edges { node { id } } } }';
    const raw = (await asJwt<Profile>(PROFILE, { id: people[4] }, ['agent'])).data!.customer.profile;
    const probes = [raw.primaryEmail!.value, raw.phones[0]!.value];
    for (const roles of [['analyst'], []]) {
      for (const q of probes) {
        const res = await fetch(jwtGateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('ana@retail.example', roles)}` },
          body: JSON.stringify({ query: SEARCH, variables: { q } }),
        });
        const body = (await res.json()) as GraphQLResponse;
        expect(res.status).toBe(403);
        expect(body.data ?? null).toBeNull();
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.customers(search:)' });
        expect(body.errors?.[0]?.message).not.toContain(q);
      }
      const page = await asJwt<{ customers: { edges: unknown[] } }>(SEARCH, { q: null }, roles);
      expect(page.errors).toBeUndefined();
      expect(page.data!.customers.edges.length).toBe(5);
    }
    // The hub holds the same rule for any signed caller, not only behind the gateway.
    const direct = await postGraphQL(stack.subgraphs.identity!, SEARCH, { q: probes[0] }, signedAs('identity', { roles: ['analyst'] }, stack.internalKey));
    expect(direct.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'Query.customers(search:)' });
    for (const q of probes) {
      const found = await asJwt<{ customers: { edges: { node: { id: string } }[] } }>(SEARCH, { q }, ['agent']);
      expect(found.data!.customers.edges.map((e) => e.node.id)).toContain(people[4]);
    }
  });

  it('answers who changed links from the audit log: every identity mutation through the gateway, with the verified caller, also when refused', async () => {
    const stewardSub = 'sam.steward@retail.example';
    const customer = people[6] ?? people[5]!;
    const other = people[7] ?? people[4]!;
    const links = (await asJwt<Trail>(TRAIL, { id: customer }, ['steward'])).data!.customer!.links;
    const record = links[0]!;
    const run = async <T>(requestId: string, query: string, variables: Record<string, unknown>, roles = ['steward'], sub = stewardSub) =>
      postGraphQL<T>(jwtGateway.url, query, variables, { authorization: `Bearer ${await token(sub, roles)}`, 'x-request-id': requestId });
    const unlinked = await run<{ unlinkRecord: { customer: { id: string } } }>('links-unlink', `mutation($s: String!, $e: ID!) { unlinkRecord(idempotencyKey: "sec-unlink", system: $s, externalId: $e, reason: "test") { customer { id } } }`, { s: record.system, e: record.externalId });
    expect(unlinked.errors).toBeUndefined();
    const relinked = await run('links-link', `mutation($c: ID!, $s: String!, $e: ID!) { linkRecord(idempotencyKey: "sec-link", customerId: $c, system: $s, externalId: $e, reason: "test") { auditId } }`, { c: customer, s: record.system, e: record.externalId });
    expect(relinked.errors).toBeUndefined();
    const merged = await run<{ mergeCustomers: { mergeId: string } }>('links-merge', MERGE, { k: 'sec-merge-audit', s: customer, m: other });
    expect(merged.errors).toBeUndefined();
    const mergeId = merged.data!.mergeCustomers.mergeId;
    expect((await run('links-unmerge', `mutation($m: ID!) { unmergeCustomer(idempotencyKey: "sec-unmerge", mergeId: $m, reason: "test") { auditId } }`, { m: mergeId })).errors).toBeUndefined();
    const decided = await run('links-decide', `mutation { decideSuggestion(idempotencyKey: "sec-decide", id: "987654321", accept: false) { auditId } }`, {});
    expect(decided.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const refused = await run('links-refused', MERGE, { k: 'sec-merge-refused', s: customer, m: other }, ['analyst'], 'ana@retail.example');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const expectLine = async (requestId: string, field: string, ids: Record<string, string>, outcome: string, actor = stewardSub) =>
      expect(await lineIn(jwtAudit, (e) => e.requestId === requestId && e.event === 'mutation')).toMatchObject({ actor, mutations: [{ field, ids }], outcome });
    await expectLine('links-unlink', 'Mutation.unlinkRecord', { externalId: record.externalId }, 'ok');
    await expectLine('links-link', 'Mutation.linkRecord', { customerId: customer, externalId: record.externalId }, 'ok');
    await expectLine('links-merge', 'Mutation.mergeCustomers', { survivorId: customer, mergedId: other }, 'ok');
    await expectLine('links-unmerge', 'Mutation.unmergeCustomer', { mergeId }, 'ok');
    await expectLine('links-decide', 'Mutation.decideSuggestion', { id: '987654321' }, 'BAD_USER_INPUT');
    await expectLine('links-refused', 'Mutation.mergeCustomers', { survivorId: customer, mergedId: other }, 'FORBIDDEN', 'ana@retail.example');
    // The hub's own record of each change names the same verified caller (from the signed token, not a header).
    const trail = (await asJwt<Trail>(TRAIL, { id: customer }, ['steward'])).data!.customer!.auditTrail;
    for (const action of ['UNLINK', 'LINK', 'MERGE', 'UNMERGE']) expect(trail.find((e) => e.action === action), action).toMatchObject({ actor: stewardSub });
  });

  it('refuses to start in the production configuration without a key or with a development key', async () => {
    const prod = { OMNIGRAPH_ENV: 'production', PORT: '0', LOG_LEVEL: 'silent' };
    const gatewayEnv = { ...prod, AUTH_MODE: 'jwt', AUTH_JWT_SECRET: JWT_SECRET };
    for (const [entry, env] of [
      ['subgraphs/inventory/src/index.ts', prod],
      ['gateway/src/index.ts', gatewayEnv],
    ] as const) {
      const missing = await startAlone(entry, env);
      expect(missing.code).not.toBe('ready');
      expect(missing.output).toMatch(/INTERNAL_SIGNING_KEY is required/);
      const dev = await startAlone(entry, { ...env, INTERNAL_SIGNING_KEY: stack.internalKey });
      expect(dev.code).not.toBe('ready');
      expect(dev.output).toMatch(/INTERNAL_SIGNING_KEY is a development key/);
    }
    // The gateway in production also refuses dev auth, whatever the key.
    const devAuth = await startAlone('gateway/src/index.ts', { ...prod, INTERNAL_SIGNING_KEY: 'a-production-secret-of-enough-length-42' });
    expect(devAuth.output).toMatch(/AUTH_MODE=dev is refused/);
  });
});
