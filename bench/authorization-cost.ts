import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AuthorizationAnalyzer, applyMask, internalHeaders, loadInternalKey, policyOf, verifyInternalToken } from '../lib/authorization/index.ts';
import { rootDir } from '../lib/registry.ts';

/**
 * What authorization costs per request, in isolation (`npx tsx bench/authorization-cost.ts`):
 * the gateway's cached decision and the masking walk of a customer 360 answer, signing one
 * internal token, and a subgraph verifying one. Figures in µs per operation; compare them with
 * the gateway's CPU per request in bench/results/latest.md.
 */
const { buildSchema, parse } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const schema = buildSchema(readFileSync(`${rootDir}schema/supergraph-api.graphql`, 'utf8'));
const analyzer = new AuthorizationAnalyzer(schema, policyOf(parse(readFileSync(`${rootDir}schema/supergraph.graphql`, 'utf8'))));
const document = parse(readFileSync(`${rootDir}schema/operations/Customer360.graphql`, 'utf8'));
const key = loadInternalKey({ INTERNAL_SIGNING_KEY: 'dev-bench-key-0123456789abcdef0123456789' });

const answer = () => ({
  customer: {
    id: 'cus_1',
    profile: { name: { value: 'Anna Kowalska', source: { system: 'crm' } }, emails: [{ value: 'anna@x.pl', source: { system: 'crm' } }, { value: 'a.k@y.pl', source: { system: 'shop' } }] },
    crmContacts: [{ id: '1', lifecycleStage: 'LEAD', notes: Array.from({ length: 5 }, (_, i) => ({ body: `note ${i}`, createdAt: 'x' })), tickets: [] }],
    shopAccounts: [{ id: '2', orders: [] }],
    posCustomers: [{ id: '3', sales: [] }],
    socialProfiles: [{ platform: 'LINE', name: 'Anna', conversations: [{ updatedAt: 'x', messages: [{ text: 'hi' }, { text: 'hello' }] }] }],
  },
});

async function time(label: string, n: number, fn: () => unknown | Promise<unknown>) {
  for (let i = 0; i < n / 10; i++) await fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  const us = Number(process.hrtime.bigint() - started) / 1000 / n;
  console.log(`${label.padEnd(58)} ${us.toFixed(2).padStart(8)} µs`);
}

await time('decide (cached) Customer360, analyst', 200_000, () => analyzer.decide(document, 'Customer360', ['analyst']));
const { shape } = analyzer.decide(document, 'Customer360', ['analyst']);
await time('mask + audit walk of a Customer360 answer (analyst)', 100_000, () => applyMask(shape.pii!, answer(), true));
await time('build the same answer only (baseline for the line above)', 100_000, () => answer());
await time('sign one internal token', 100_000, () => internalHeaders(key, 'crm', { actor: 'a', roles: ['agent'], requestId: 'r', issuer: 'gateway' }));
const headers = internalHeaders(key, 'crm', { actor: 'a', roles: ['agent'], requestId: 'r', issuer: 'gateway' });
await time('verify a token already verified (cached until it expires)', 50_000, () => verifyInternalToken(key, 'crm', headers));
let n = 0;
await time('sign + verify a fresh token (subtract the signing line)', 20_000, () =>
  verifyInternalToken(key, 'crm', internalHeaders(key, 'crm', { actor: 'a', roles: ['agent'], requestId: `r${n++}`, issuer: 'gateway' })),
);
