import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { rootDir } from '../registry.ts';
import { parse } from './graphql.ts';
import { createRequire } from 'node:module';
import {
  AuthorizationAnalyzer,
  applyMask,
  INTERNAL_TOKEN_HEADER,
  loadInternalKey,
  maskValue,
  mutationTargets,
  policyOf,
  refusedArguments,
  signInternalToken,
  verifyInternalToken,
} from './index.ts';

const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const supergraph = readFileSync(`${rootDir}schema/supergraph.graphql`, 'utf8');
const apiSchema = buildSchema(readFileSync(`${rootDir}schema/supergraph-api.graphql`, 'utf8'));
const policy = policyOf(parse(supergraph));
const analyzer = new AuthorizationAnalyzer(apiSchema, policy);
const decide = (query: string, roles: string[], operationName?: string) => analyzer.decide(parse(query), operationName, roles);

describe('the authorization spec in the composed supergraph', () => {
  it('carries every subgraph’s @pii and @requiresRole declarations through composition', () => {
    expect(policy.get('Mutation')?.get('mergeCustomers')).toEqual({ roles: [['steward']] });
    expect(policy.get('Mutation')?.get('runBackfill')).toEqual({ roles: [['admin']] });
    expect(policy.get('Mutation')?.get('recordInteraction')).toEqual({ roles: [['agent']] });
    expect(policy.get('Mutation')?.get('recordStoreSale')).toEqual({ roles: [['associate']] });
    expect(policy.get('GoldenProfile')?.get('primaryEmail')).toEqual({ pii: 'email' });
    expect(policy.get('CrmContact')?.get('phones')).toEqual({ pii: 'phone' });
    expect(policy.get('SocialMessage')?.get('text')).toEqual({ pii: 'text' });
  });

  it('refuses an unknown kind or role when the schema is loaded', () => {
    const sdl = (directive: string) => `extend schema @link(url: "https://omnigraph.dev/authorization/v1.0", import: ["@pii", "@requiresRole"])
      type Query { a: String ${directive} }`;
    expect(() => policyOf(parse(sdl('@pii(kind: "shoe-size")')))).toThrow(/Query.a: kind "shoe-size"/);
    expect(() => policyOf(parse(sdl('@requiresRole(roles: ["root"])')))).toThrow(/Query.a: unknown or missing roles \["root"\]/);
    expect(policyOf(parse(sdl('@pii(kind: "email")'))).get('Query')?.get('a')).toEqual({ pii: 'email' });
  });
});

describe('operation analysis', () => {
  const MERGE = 'mutation { mergeCustomers(idempotencyKey: "k", survivorId: "a", mergedId: "b", reason: "r") { mergeId } }';

  it('refuses identity decisions to everyone but stewards and admins, naming the field', () => {
    for (const roles of [[], ['agent'], ['associate'], ['analyst']]) {
      expect(decide(MERGE, roles).refused.map((r) => r.coordinate)).toEqual(['Mutation.mergeCustomers']);
    }
    expect(decide(MERGE, ['steward']).refused).toEqual([]);
    expect(decide(MERGE, ['admin']).refused).toEqual([]);
    expect(decide('mutation { runBackfill(idempotencyKey: "k") { recordsRead } }', ['steward']).refused[0]).toMatchObject({ coordinate: 'Mutation.runBackfill', roles: [['admin']] });
  });

  it('finds role requirements behind aliases, fragments and inline fragments', () => {
    const query = `query { c: customer(id: "x") { ...F } } fragment F on Customer { ... on Customer { trail: auditTrail { id } } }`;
    expect(decide(query, ['analyst']).refused).toMatchObject([{ coordinate: 'Customer.auditTrail', path: 'c.trail' }]);
    expect(decide(query, ['steward']).refused).toEqual([]);
  });

  it('maps where personal data sits, with the kind inherited from the enclosing field', () => {
    const { shape } = decide('{ customer(id: "x") { id profile { primaryEmail { value source { system } } phones { value } } } }', ['analyst']);
    expect(shape.piiFields).toEqual(['GoldenProfile.phones', 'GoldenProfile.primaryEmail', 'ProfileValue.value']);
    const profile = shape.pii?.fields.get('customer')?.child?.fields.get('profile')?.child;
    expect(profile?.fields.get('primaryEmail')?.child?.fields.get('value')?.kind).toBe('email');
    expect(profile?.fields.get('phones')?.child?.fields.get('value')?.kind).toBe('phone');
    expect(profile?.fields.get('primaryEmail')?.child?.fields.has('source')).toBe(false);
  });

  it('says an operation without personal data reads none', () => {
    expect(decide('{ channelStatistics { customers } }', []).shape.pii).toBeNull();
  });

  it('analyses a document once, and once per set of roles', () => {
    const document = parse('{ customer(id: "x") { id } }');
    const first = analyzer.decide(document, undefined, ['analyst', 'agent']);
    expect(analyzer.decide(document, undefined, ['agent', 'analyst'])).toBe(first);
    expect(analyzer.decide(document, undefined, ['steward']).shape).toBe(first.shape);
  });

  it('walks a fragment bomb once per fragment', () => {
    const levels = 12;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Customer { id profile { name { value } } }` : `fragment F${i} on Customer { ${Array.from({ length: 10 }, () => `...F${i + 1}`).join(' ')} }`,
    );
    const { shape } = decide(`{ customer(id: "x") { ...F0 } } ${fragments.join(' ')}`, ['analyst']);
    expect(shape.piiFields).toEqual(['GoldenProfile.name', 'ProfileValue.value']);
  });
});

describe('searching by personal data', () => {
  const SEARCH = 'query($q: String) { customers(search: $q, first: 5) { edges { node { id } } } }';

  it('reads @pii on an argument through composition', () => {
    expect(policy.get('Query')?.get('customers')?.piiArguments).toEqual(new Map([['search', 'text']]));
  });

  it('refuses a search value to callers who read personal data masked, and nothing else', () => {
    for (const roles of [['analyst'], []]) {
      const decision = decide(SEARCH, roles);
      expect(decision.refused).toEqual([]);
      expect(refusedArguments(decision, { q: 'anna@example.com' })).toMatchObject([{ coordinate: 'Query.customers', argument: 'search', variable: 'q' }]);
      // Paging without a search (null or no value) stays open to them.
      expect(refusedArguments(decision, { q: null })).toEqual([]);
      expect(refusedArguments(decision, {})).toEqual([]);
      expect(refusedArguments(decide('{ customers(search: "+66812345678") { edges { node { id } } } }', roles), undefined)).toHaveLength(1);
      expect(refusedArguments(decide('{ customers(search: null) { edges { node { id } } } }', roles), undefined)).toEqual([]);
    }
    for (const roles of [['agent'], ['associate'], ['steward'], ['admin'], ['analyst', 'agent']]) {
      expect(refusedArguments(decide(SEARCH, roles), { q: 'anna@example.com' })).toEqual([]);
    }
  });

  it('finds the argument behind aliases and fragments', () => {
    const query = 'query($q: String) { ...Q } fragment Q on Query { found: customers(search: $q) { edges { node { id } } } }';
    expect(refusedArguments(decide(query, ['analyst']), { q: 'x' })).toMatchObject([{ path: 'found', variable: 'q' }]);
  });

  it('refuses an unknown or inherited kind on an argument when the schema is loaded', () => {
    const sdl = (kind: string) => `extend schema @link(url: "https://omnigraph.dev/authorization/v1.0", import: ["@pii"])
      type Query { a(q: String @pii(kind: "${kind}")): String }`;
    expect(() => policyOf(parse(sdl('inherit')))).toThrow(/Query.a\(q:\): kind "inherit"/);
    expect(policyOf(parse(sdl('email'))).get('Query')?.get('a')).toEqual({ piiArguments: new Map([['q', 'email']]) });
  });
});

describe('what the audit log says a mutation changed', () => {
  it('names each root field with the ids its arguments gave, from literals or variables', () => {
    const { shape } = decide('mutation($m: ID!) { mergeCustomers(idempotencyKey: "k", survivorId: "cus_a", mergedId: $m, reason: "r") { mergeId } u: unmergeCustomer(idempotencyKey: "k2", mergeId: "mrg_1", reason: "r") { auditId } }', ['steward']);
    expect(mutationTargets(shape, { m: 'cus_b' })).toEqual([
      { field: 'Mutation.mergeCustomers', ids: { survivorId: 'cus_a', mergedId: 'cus_b' } },
      { field: 'Mutation.unmergeCustomer', ids: { mergeId: 'mrg_1' } },
    ]);
    expect(decide('{ customer(id: "x") { id } }', []).shape.mutations).toEqual([]);
  });
});

describe('masking', () => {
  it('keeps an email’s first character and domain, a phone’s last three digits, initials of a name', () => {
    expect(maskValue('email', 'rattana.s@gmail.com')).toBe('r•••@gmail.com');
    expect(maskValue('phone', '+66 81 234 5678')).toBe('•••678');
    expect(maskValue('name', 'Anna Kowalska')).toBe('A••• K•••');
    expect(maskValue('address', '12 Sukhumvit Rd')).toBe('•••');
    expect(maskValue('text', 'called about order 1001')).toBe('•••');
    for (const kind of ['email', 'phone', 'name', 'text'] as const) {
      const once = maskValue(kind, 'rattana.s@gmail.com +66 81 234 5678');
      expect(maskValue(kind, once)).toBe(once);
    }
  });

  it('masks a response along the analysed paths and reports what and whom it read', () => {
    const { shape } = decide('{ customer(id: "x") { id profile { primaryEmail { value source { system } } phones { value } } } }', ['analyst']);
    const data = {
      customer: { id: 'cus_1', profile: { primaryEmail: { value: 'anna@x.pl', source: { system: 'crm' } }, phones: [{ value: '+48601234567' }, { value: '+48601234999' }] } },
    };
    const read = applyMask(shape.pii!, data, true);
    expect(data.customer.profile).toEqual({ primaryEmail: { value: 'a•••@x.pl', source: { system: 'crm' } }, phones: [{ value: '•••567' }, { value: '•••999' }] });
    expect([...read.fields].sort()).toEqual(['ProfileValue.value']);
    expect([...read.subjects]).toEqual(['Customer:cus_1']);
  });

  it('leaves values raw for a raw-PII role but still reports the read', () => {
    const { shape } = decide('{ crmContact(id: "1") { id email } }', ['agent']);
    const data = { crmContact: { id: '1', email: 'anna@x.pl' } };
    const read = applyMask(shape.pii!, data, false);
    expect(data.crmContact.email).toBe('anna@x.pl');
    expect([...read.subjects]).toEqual(['CrmContact:1']);
  });
});

describe('internal tokens', () => {
  const key = loadInternalKey({ INTERNAL_SIGNING_KEY: 'dev-unit-test-key-0123456789abcdef0123' });
  const caller = { actor: 'ana', roles: ['steward'], requestId: 'r-1', issuer: 'gateway' };
  const headersWith = (token: string) => ({ [INTERNAL_TOKEN_HEADER]: token });

  it('verifies a token signed for this subgraph, with its caller', async () => {
    expect(await verifyInternalToken(key, 'identity', headersWith(signInternalToken(key, 'identity', caller)))).toEqual(caller);
  });

  it('refuses a missing, forged, expired, misaddressed or unsigned token', async () => {
    const other = loadInternalKey({ INTERNAL_SIGNING_KEY: 'dev-another-key-0123456789abcdef012345' });
    const past = Math.floor(Date.now() / 1000) - 600;
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud: 'identity', sub: 'x', roles: ['admin'] })).toString('base64url')}.`;
    const hs512 = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS512' }).setAudience('identity').setIssuedAt().setExpirationTime('1m').sign(key.secret);
    for (const headers of [
      {},
      headersWith(signInternalToken(other, 'identity', caller)),
      headersWith(signInternalToken(key, 'identity', caller, past)),
      headersWith(signInternalToken(key, 'crm', caller)),
      headersWith(none),
      headersWith(hs512),
      headersWith('garbage'),
    ]) {
      await expect(verifyInternalToken(key, 'identity', headers)).rejects.toThrow();
    }
  });

  it('keeps only known roles from a token', async () => {
    const token = signInternalToken(key, 'pos', { ...caller, roles: ['associate', 'root'] });
    expect((await verifyInternalToken(key, 'pos', headersWith(token))).roles).toEqual(['associate']);
  });

  it('needs a key of 32 characters, and refuses a development key in production', () => {
    expect(() => loadInternalKey({})).toThrow(/INTERNAL_SIGNING_KEY is required/);
    expect(() => loadInternalKey({ INTERNAL_SIGNING_KEY: 'short' })).toThrow(/at least 32/);
    expect(() => loadInternalKey({ OMNIGRAPH_ENV: 'production', INTERNAL_SIGNING_KEY: 'dev-0123456789abcdef0123456789abcdef' })).toThrow(/development key/);
    expect(loadInternalKey({ OMNIGRAPH_ENV: 'production', INTERNAL_SIGNING_KEY: 'prod-0123456789abcdef0123456789abcdef' }).dev).toBe(false);
  });
});
