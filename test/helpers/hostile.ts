import { ErrorCode } from '../../lib/errors.ts';

/**
 * The hostile inputs of issue 8's table and a seeded generator of hostile operations, shared by
 * the hostile suite (test/hostile.test.ts) and its benchmark (bench/hostile.ts).
 */

export interface Answer {
  /** HTTP status; 0 when the connection failed (reset, refused). */
  status: number;
  contentType: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
  /** First error code, or `network` / `none`. */
  code: string;
}

export async function send(url: string, init: RequestInit & { search?: string }): Promise<Answer> {
  try {
    const res = await fetch(init.search ? `${url}${init.search}` : url, init);
    const text = await res.text();
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = undefined;
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body, code: body?.errors?.[0]?.extensions?.code ?? 'none' };
  } catch (error) {
    return { status: 0, contentType: '', body: undefined, code: `network: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}` };
  }
}

/** As current GraphQL clients send it: refusals of a document are then 4xx (GraphQL over HTTP). */
const json = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9' };
export const postQuery = (url: string, query: string, variables?: unknown, headers: Record<string, string> = {}) =>
  send(url, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ query, ...(variables !== undefined ? { variables } : {}) }) });

/** `depth` fragments, each spreading the one below `width` times: width^depth fields in ~95 bytes per level. */
export function fragmentBomb(depth: number, width: number): string {
  let doc = `query Bomb { ...F${depth} }\nfragment F0 on Query { customer(id: "cus_none") { id } }\n`;
  for (let i = 1; i <= depth; i++) doc += `fragment F${i} on Query { ${Array.from({ length: width }, () => `...F${i - 1}`).join(' ')} }\n`;
  return doc;
}

/** Field depth `levels` (≥ 2: `customer` and a leaf) over the real cycle Customer → CrmContact → SourceRecord → Customer. */
export function deepQuery(levels: number): string {
  const cycle = ['crmContacts', 'identity', 'customer'];
  let open = '';
  let close = '';
  for (let i = 0; i < levels - 2; i++) {
    open += `${cycle[i % 3]} { `;
    close += ' }';
  }
  return `{ customer(id: "cus_none") { ${open}id${close} } }`;
}

export const aliases = (count: number, field = 'customer(id: "cus_none") { id }') =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

/** About `bytes` of aliased `__typename`s. */
export function aliasFlood(bytes: number): string {
  const parts: string[] = [];
  let size = 4;
  for (let i = 0; size < bytes; i++) {
    const part = `a${i}: __typename`;
    parts.push(part);
    size += part.length + 1;
  }
  return `{ ${parts.join(' ')} }`;
}

export interface HostileCase {
  name: string;
  /** What a correct gateway answers: status and code. */
  expect: { status: number; code: string };
  run(url: string): Promise<Answer>;
}

/** One row per line of the table. */
export const HOSTILE_TABLE: HostileCase[] = [
  { name: 'fragment bomb 10 deep × 10 spreads (~950 bytes)', expect: { status: 400, code: ErrorCode.OPERATION_TOO_COMPLEX }, run: (url) => postQuery(url, fragmentBomb(10, 10)) },
  { name: 'fragment bomb 7 deep × 10 spreads', expect: { status: 400, code: ErrorCode.OPERATION_TOO_COMPLEX }, run: (url) => postQuery(url, fragmentBomb(7, 10)) },
  { name: '5 MB query of aliases', expect: { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE }, run: (url) => postQuery(url, aliasFlood(5 * 1024 * 1024)) },
  { name: '10,000 aliases of customer(id)', expect: { status: 400, code: ErrorCode.OPERATION_TOO_LARGE }, run: (url) => postQuery(url, aliases(10_000)) },
  { name: '100 aliases of customer(id) (within the token limit)', expect: { status: 400, code: ErrorCode.OPERATION_TOO_COMPLEX }, run: (url) => postQuery(url, aliases(100)) },
  {
    name: '10 aliased customers with journey, orders and insight (the planner\'s worst case, within the other limits)',
    expect: { status: 400, code: ErrorCode.OPERATION_TOO_COMPLEX },
    run: (url) => postQuery(url, aliases(10, 'customer(id: "cus_none") { journey(first: 5) { edges { node { id } } } orders(first: 5) { edges { node { id } } } channelInsight { preferredChannel } }')),
  },
  { name: 'depth 1,000', expect: { status: 400, code: ErrorCode.OPERATION_TOO_DEEP }, run: (url) => postQuery(url, deepQuery(1_000)) },
  { name: 'depth 20 (within the token limit)', expect: { status: 400, code: ErrorCode.OPERATION_TOO_DEEP }, run: (url) => postQuery(url, deepQuery(20)) },
  { name: '{ __proto__: __typename }', expect: { status: 400, code: ErrorCode.GRAPHQL_VALIDATION_FAILED }, run: (url) => postQuery(url, '{ __proto__: __typename }') },
  {
    name: '10 MB of variables',
    expect: { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE },
    run: (url) => postQuery(url, 'query ($v: String) { __typename }', { v: 'x'.repeat(10 * 1024 * 1024) }),
  },
  {
    name: '300 KB of variables (under the body limit)',
    expect: { status: 413, code: ErrorCode.PAYLOAD_TOO_LARGE },
    run: (url) => postQuery(url, 'query ($v: String) { __typename }', { v: 'x'.repeat(300 * 1024) }),
  },
  {
    name: 'GET without the CSRF-preflight header',
    expect: { status: 400, code: ErrorCode.BAD_REQUEST },
    run: (url) => send(url, { method: 'GET', search: `?query=${encodeURIComponent('{ __typename }')}` }),
  },
  {
    name: 'POST text/plain',
    expect: { status: 400, code: ErrorCode.BAD_REQUEST },
    run: (url) => send(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) }),
  },
  {
    name: 'POST with no content type',
    expect: { status: 400, code: ErrorCode.BAD_REQUEST },
    run: (url) => send(url, { method: 'POST', body: new Blob([JSON.stringify({ query: '{ __typename }' })]) }),
  },
  {
    name: 'batched array',
    expect: { status: 400, code: ErrorCode.BAD_REQUEST },
    run: (url) => send(url, { method: 'POST', headers: json, body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) }),
  },
  { name: 'customers(after: "garbage")', expect: { status: 200, code: ErrorCode.BAD_USER_INPUT }, run: (url) => postQuery(url, '{ customers(first: 2, after: "garbage") { edges { cursor } } }') },
];

/** mulberry32: a small seeded PRNG, so a failing generated operation can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Generated {
  kind: string;
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * Random hostile operations: deep, wide, aliased, fragment-heavy, huge-argument, reserved
 * names, directive floods, and garbage. Queries only: a random mutation must not change data
 * the rest of the suite reads. Sizes straddle the limits, so some pass and are executed.
 */
export function generateHostile(random: () => number): Generated {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const fields = ['id', '__typename', 'createdAt', 'links { system externalId }', 'profile { name { value } }', 'nope', 'crmContacts { id }'];
  switch (int(0, 8)) {
    case 0:
      return { kind: 'deep', query: deepQuery(int(2, 40)) };
    case 1:
      return { kind: 'wide', query: `{ customer(id: "cus_none") { ${Array.from({ length: int(1, 500) }, () => pick(fields)).join(' ')} } }` };
    case 2:
      return { kind: 'aliased', query: aliases(int(1, 120), pick(['__typename', 'customer(id: "cus_none") { id }', 'products(first: 1) { edges { cursor } }'])) };
    case 3:
      return { kind: 'fragment-heavy', query: fragmentBomb(int(1, 10), int(1, 10)) };
    case 4: {
      const size = pick([10, 1_000, 20_000, 100_000]);
      return { kind: 'huge-argument', query: `{ customer(id: "${'x'.repeat(size)}") { id } }` };
    }
    case 5: {
      const size = pick([1, 100, 5_000, 30_000]);
      return { kind: 'huge-variable', query: 'query ($ids: [ID!]!) { customers(search: "x", first: 1) { edges { cursor } } __typename }', variables: { ids: Array.from({ length: size }, (_, i) => `cus_${i}`) } };
    }
    case 6:
      return { kind: 'reserved-names', query: pick(['{ __proto__: __typename }', '{ constructor: __typename __proto__ { id } }', 'query ($__proto__: ID) { __typename }', '{ customer(id: "x", __proto__: 1) { id } }', 'fragment __proto__ on Query { __typename } { ...__proto__ }']) };
    case 7:
      return { kind: 'directives', query: `{ __typename ${Array.from({ length: int(1, 80) }, () => '@skip(if: false)').join(' ')} }` };
    default: {
      const alphabet = '{}()[]:$@!."\\ \n#abcxyz_0123456789...';
      return { kind: 'garbage', query: Array.from({ length: int(1, 1000) }, () => alphabet[int(0, alphabet.length - 1)]).join('') };
    }
  }
}
