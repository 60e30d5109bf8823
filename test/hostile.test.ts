import { readFileSync } from 'node:fs';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { loadGatewayConfig } from '../gateway/src/config.ts';
import { startGateway, type RunningGateway } from '../gateway/src/server.ts';
import { sha256 } from '../gateway/src/trusted-documents.ts';
import { startTestStack, type TestStack } from './helpers/e2e.ts';
import { HOSTILE_TABLE, fragmentBomb, generateHostile, postQuery, prng, send, type Answer } from './helpers/hostile.ts';

/**
 * Issue 8's hostile suite against the real gateway (every process real, 127.0.0.1, port 0):
 * one test per row of the issue's table, every cursor argument of every subgraph, the
 * GraphQL-over-HTTP audit, trusted documents, and 10,000 generated hostile operations.
 */

const publicCodes = new Set<string>(Object.values(ErrorCode));
const GATEWAY_HEAP_MB = 320;
let stack: TestStack;
let url: string;

const rssMb = async () => {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1]) / 1024 / 1024;
};

beforeAll(async () => {
  // The gateway logs warnings only (10,000 operations' info lines would cost more than the
  // checks), and its heap is capped: unbounded growth would crash it, which the suite would see.
  stack = await startTestStack({ env: { gateway: { LOG_LEVEL: 'warn', NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${GATEWAY_HEAP_MB}`.trim() } } });
  url = stack.gatewayUrl;
}, 300_000); // starting every process on a shared, loaded 2-core machine
afterAll(async () => {
  await stack?.stop();
});

describe('the hostile inputs of issue 8, each refused with a coded error and the gateway up', () => {
  for (const input of HOSTILE_TABLE) {
    it(`${input.name}: ${input.expect.status} ${input.expect.code}`, async () => {
      const answer = await input.run(url);
      expect({ status: answer.status, code: answer.code }, JSON.stringify(answer.body)?.slice(0, 300)).toEqual(input.expect);
      expect(answer.body?.errors?.[0]?.message).not.toMatch(/^Internal server error$/);
      expect((await fetch(new URL('/health', url))).status).toBe(200);
    });
  }

  it('passes Apollo\'s request errors through with their own message', async () => {
    const answer = await send(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(answer.body?.errors?.[0]?.message).toMatch(/content-type|preflight|CSRF/i);
    const batch = await send(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{"query":"{ __typename }"}]' });
    expect(batch.body?.errors?.[0]?.message).toMatch(/batch/i);
  });

  it('still runs every example operation of schema/operations under the default limits', async () => {
    const manifest = JSON.parse(readFileSync('schema/generated/persisted-documents.json', 'utf8')) as Record<string, string>;
    const limitCodes = new Set<string>([ErrorCode.OPERATION_TOO_COMPLEX, ErrorCode.OPERATION_TOO_DEEP, ErrorCode.OPERATION_TOO_LARGE]);
    for (const text of Object.values(manifest)) {
      // Only queries: the example mutations would change data the other tests read.
      if (!text.startsWith('query')) continue;
      const answer = await postQuery(url, text, { id: 'cus_none', sku: 'none', storeId: 'none', cartId: 'none', token: 'none', system: 'shop', externalId: 'none', flowId: 'none', search: 'a' });
      for (const error of answer.body?.errors ?? []) expect(limitCodes.has(error.extensions?.code ?? ''), `${text.slice(0, 40)}: ${error.message}`).toBe(false);
    }
  });
});

describe('cursors', () => {
  it('refuses a garbage cursor with BAD_USER_INPUT on every cursor argument of every subgraph', async () => {
    const first = await postQuery(url, '{ customers(first: 1) { edges { node { id } } } }');
    const id = (first.body?.data as { customers: { edges: { node: { id: string } }[] } }).customers.edges[0]?.node.id;
    expect(id).toMatch(/^cus_/);
    const fields = [
      '{ customers(first: 2, after: "garbage") { edges { cursor } } }',
      '{ matchSuggestions(first: 2, after: "garbage") { edges { cursor } } }',
      '{ flows(first: 2, after: "garbage") { endCursor } }',
      '{ products(first: 2, after: "garbage") { nodes { sku } } }',
      `{ customer(id: "${id}") { journey(first: 2, after: "garbage") { pageInfo { endCursor } } } }`,
      `{ customer(id: "${id}") { orders(first: 2, after: "garbage") { pageInfo { endCursor } } } }`,
      `{ customer(id: "${id}") { interactions(first: 2, after: "garbage") { pageInfo { endCursor } } } }`,
    ];
    for (const field of fields) {
      for (const cursor of ['garbage', 'Z2FyYmFnZQ', '']) {
        // matchSuggestions is a steward's list; in dev mode a steward must name itself.
        const answer = await postQuery(url, field.replace('"garbage"', JSON.stringify(cursor)), undefined, { 'x-omnigraph-roles': 'steward,agent,associate', 'x-omnigraph-actor': 'hostile-test' });
        expect(answer.body?.errors?.map((e) => e.extensions?.code), `${field} with ${JSON.stringify(cursor)}`).toContain(ErrorCode.BAD_USER_INPUT);
      }
    }
  });

  it('still pages with the cursors the API gives out', async () => {
    const page1 = await postQuery(url, '{ customers(first: 2) { pageInfo { endCursor } edges { node { id } } } }');
    const data1 = page1.body?.data as { customers: { pageInfo: { endCursor: string }; edges: { node: { id: string } }[] } };
    const page2 = await postQuery(url, 'query ($after: String) { customers(first: 2, after: $after) { edges { node { id } } } }', { after: data1.customers.pageInfo.endCursor });
    expect(page2.body?.errors).toBeUndefined();
    const ids2 = (page2.body?.data as { customers: { edges: { node: { id: string } }[] } }).customers.edges.map((e) => e.node.id);
    expect(ids2.length).toBeGreaterThan(0);
    expect(ids2).not.toContain(data1.customers.edges[0]?.node.id);
  });
});

describe('GraphQL over HTTP', () => {
  it('passes every MUST and SHOULD of graphql-http\'s server audit', async () => {
    const failures: string[] = [];
    for (const audit of serverAudits({ url, fetchFn: fetch })) {
      const result = await audit.fn();
      if (result.status !== 'ok' && !audit.name.startsWith('MAY')) failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers refusals as application/graphql-response+json when the client asks for it', async () => {
    const answer = await postQuery(url, fragmentBomb(10, 10), undefined, { accept: 'application/graphql-response+json, application/json;q=0.9' });
    expect(answer.contentType).toMatch(/^application\/graphql-response\+json/);
    expect(answer.code).toBe(ErrorCode.OPERATION_TOO_COMPLEX);
  });
});

describe('trusted documents (TRUSTED_DOCUMENTS=on, as in the production configuration)', () => {
  let trusted: RunningGateway;
  const manifest = JSON.parse(readFileSync('schema/generated/persisted-documents.json', 'utf8')) as Record<string, string>;
  const [documentId, text] = Object.entries(manifest).find(([, doc]) => doc.startsWith('query ChannelStatistics')) ?? ['', ''];
  // Dev mode grants steward and admin only to a caller that names itself.
  const roles = (r: string) => ({ 'x-omnigraph-roles': r, 'x-omnigraph-actor': 'hostile-test', 'content-type': 'application/json' });
  const post = (body: unknown, role = 'agent') => send(trusted.url, { method: 'POST', headers: roles(role), body: JSON.stringify(body) });

  beforeAll(async () => {
    const overrides = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, u]) => [`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`, u]));
    trusted = await startGateway(loadGatewayConfig({ ...process.env, ...overrides, PORT: '0', TRUSTED_DOCUMENTS: 'on' }), createLogger('trusted-gateway', 'error'));
  });
  afterAll(async () => {
    await trusted?.close();
  });

  const ok = (answer: Answer) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body?.errors).toBeUndefined();
    expect(answer.body?.data).toHaveProperty('channelStatistics');
  };

  it('runs a registered document by documentId, by persistedQuery hash and by its full text', async () => {
    ok(await post({ documentId }));
    ok(await post({ documentId: documentId.replace(/^sha256:/, '') }));
    ok(await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(text) } } }));
    ok(await post({ query: text }));
    ok(await send(trusted.url, { method: 'GET', headers: { 'x-omnigraph-roles': 'agent', 'apollo-require-preflight': 'true' }, search: `?documentId=${encodeURIComponent(documentId)}` }));
  });

  it('refuses ad hoc documents from roles that may not explore, and unknown hashes', async () => {
    for (const role of ['agent', 'associate', 'steward', '']) {
      const answer = await post({ query: '{ __typename }' }, role);
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 403, code: ErrorCode.OPERATION_NOT_TRUSTED });
    }
    expect((await post({ documentId: `sha256:${'0'.repeat(64)}` })).code).toBe(ErrorCode.PERSISTED_QUERY_NOT_FOUND);
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } } })).code).toBe(ErrorCode.PERSISTED_QUERY_NOT_FOUND);
    expect((await post({ documentId: 'not-a-hash' })).code).toBe(ErrorCode.BAD_REQUEST);
  });

  it('lets analysts and admins explore ad hoc, still under the limits', async () => {
    for (const role of ['analyst', 'admin']) {
      const answer = await post({ query: '{ __typename }' }, role);
      expect(answer.body?.data, JSON.stringify(answer.body)).toEqual({ __typename: 'Query' });
      expect((await post({ query: fragmentBomb(10, 10) }, role)).code).toBe(ErrorCode.OPERATION_TOO_COMPLEX);
    }
  });
});

describe('per-operation deadline and response size (OPERATION_TIMEOUT_MS=500, MAX_RESPONSE_BYTES=4096)', () => {
  let limited: RunningGateway;
  beforeAll(async () => {
    const overrides = Object.fromEntries(Object.entries(stack.subgraphs).map(([name, u]) => [`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`, u]));
    limited = await startGateway(loadGatewayConfig({ ...process.env, ...overrides, PORT: '0', OPERATION_TIMEOUT_MS: '500', MAX_RESPONSE_BYTES: '4096' }), createLogger('limited-gateway', 'error'));
  });
  afterAll(async () => {
    await stack.setFaults('crm', { latencyMs: 0 });
    await limited?.close();
  });

  it('answers OPERATION_TIMEOUT when the systems take longer than the deadline', async () => {
    await stack.setFaults('crm', { latencyMs: 2_000 });
    const answer = await postQuery(limited.url, '{ crmContact(id: "1") { id } }');
    await stack.setFaults('crm', { latencyMs: 0 });
    expect(answer.status).toBe(200);
    expect(answer.code).toBe(ErrorCode.OPERATION_TIMEOUT);
    expect(answer.body?.data ?? null).toBeNull();
  });

  it('answers RESPONSE_TOO_LARGE instead of a body over the limit, and small answers as usual', async () => {
    const big = await postQuery(limited.url, '{ __schema { types { name description } } }');
    expect(big.code).toBe(ErrorCode.RESPONSE_TOO_LARGE);
    expect(big.body?.data).toBeNull();
    const small = await postQuery(limited.url, '{ __typename }');
    expect(small.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('10,000 generated hostile operations', () => {
  it('cause no crash, no gateway 5xx, bounded RSS, and every refusal is coded', async () => {
    const random = prng(20261201);
    const total = 10_000;
    const concurrency = 16;
    const byKind = new Map<string, Map<string, number>>();
    const problems: string[] = [];
    const started = performance.now();
    const rssBefore = await rssMb();
    let rssPeak = rssBefore;
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const i = next++;
        const op = generateHostile(random);
        const answer = await postQuery(url, op.query, op.variables);
        const codes = byKind.get(op.kind) ?? new Map<string, number>();
        codes.set(`${answer.status} ${answer.code}`, (codes.get(`${answer.status} ${answer.code}`) ?? 0) + 1);
        byKind.set(op.kind, codes);
        if (answer.status === 0 || answer.status >= 500) problems.push(`#${i} ${op.kind}: HTTP ${answer.status} ${answer.code} ${op.query.slice(0, 120)}`);
        for (const error of answer.body?.errors ?? []) {
          const code = error.extensions?.code;
          if (!code || !publicCodes.has(code) || code === ErrorCode.INTERNAL_SERVER_ERROR) problems.push(`#${i} ${op.kind}: ${code ?? 'uncoded'} "${error.message}" for ${op.query.slice(0, 120)}`);
        }
        if (i % 1000 === 0) rssPeak = Math.max(rssPeak, await rssMb());
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const rssAfter = await rssMb();
    console.log(
      `generated hostile operations: ${total} in ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${rssBefore.toFixed(0)} → peak ${rssPeak.toFixed(0)} → ${rssAfter.toFixed(0)} MB\n` +
        [...byKind].map(([kind, codes]) => `  ${kind}: ${[...codes].map(([c, n]) => `${c} ×${n}`).join(', ')}`).join('\n'),
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect((await fetch(new URL('/health', url))).status).toBe(200);
    // Bounded: the verdict, document and plan caches are capped in entries and document size, so
    // 10,000 distinct documents fit a heap capped at GATEWAY_HEAP_MB (the gateway would have died otherwise).
    expect(Math.max(rssPeak, rssAfter)).toBeLessThan(GATEWAY_HEAP_MB + 250);
  }, 300_000); // a ceiling for a loaded 2-core machine, not a speed check
});
