import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AuthorizationAnalyzer, applyMask, createAuditLog, internalHeaders, loadInternalKey, policyOf, refusedArguments, verifyInternalToken } from '../lib/authorization/index.ts';
import { createOperationLimits, loadLimitsConfig } from '../gateway/src/limits/index.ts';
import { rootDir } from '../lib/registry.ts';

/**
 * What authorization and the operation limits cost per request, in isolation
 * (`npx tsx bench/authorization-cost.ts`): the limits' cached verdict for a repeated document,
 * the gateway's cached decision, the masking walk of a customer 360 answer and its audit line,
 * signing one internal token, and a subgraph verifying one. Figures in µs per operation; compare them with
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

// The operation limits' guard as the gateway runs it: the verdict of a repeated text is a lookup.
const limits = createOperationLimits(loadLimitsConfig({}));
const hooks = await limits.plugin.serverWillStart!({} as never);
hooks!.schemaDidLoadOrUpdate!({ apiSchema: schema, coreSupergraphSdl: readFileSync(`${rootDir}schema/supergraph.graphql`, 'utf8') });
const customer360 = readFileSync(`${rootDir}schema/operations/Customer360.graphql`, 'utf8');
const search = readFileSync(`${rootDir}schema/operations/CustomerSearch.graphql`, 'utf8');
// A fresh copy of the text per request, as JSON.parse of each body gives (no cached string hash).
const fresh = (text: string) => (' ' + text).slice(1);
await time('limits guard (cached verdict) Customer360', 200_000, () => limits.guard({ query: fresh(customer360), variables: { id: 'cus_1' } }));
await time('limits guard (cached verdict) CustomerSearch first 50', 200_000, () => limits.guard({ query: fresh(search), variables: { search: null, first: 50 } }));
const audit = createAuditLog({ file: '/dev/null', service: 'bench' });
const decision = analyzer.decide(document, 'Customer360', ['agent']);
await time('decide (cached) + pii arguments, Customer360, agent', 200_000, () => refusedArguments(analyzer.decide(document, 'Customer360', ['agent']), { id: 'cus_1' }));
await time('mask walk + audit line of a Customer360 answer (agent, raw)', 50_000, () => {
  const read = applyMask(decision.shape.pii!, answer(), false);
  audit.piiRead({ actor: 'dev', roles: ['agent'], requestId: 'r', operation: 'Customer360', masked: false, fields: [...read.fields].sort(), subjects: [...read.subjects].sort() });
});
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
