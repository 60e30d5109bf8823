import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { loadVendorRoutes, offReference, routesUsed } from '../../../test/helpers/vendor-routes.ts';
import type { LineStandin } from '../../../systems/line/src/app.ts';
import { LineConnector } from '../src/connector/index.ts';

/**
 * Every request the line connector sends, while the operations of its component tests run, must be
 * a Messaging API route, parameter, body key and header listed in systems/line/vendor-routes.json;
 * and that reference must agree with LINE's own OpenAPI document (openapi/messaging-api.yml): each
 * route, query parameter, header and body property is in the document, each doc link is the
 * operation's developers.line.biz anchor.
 */
const routes = loadVendorRoutes('line');
let line: Awaited<ReturnType<typeof startComponent>>;

beforeAll(async () => {
  line = await startComponent('line');
});
afterAll(async () => {
  await line?.close();
});

const PLOY = 'U4af4980629a1b2c3d4e5f60718293a4b';
const MALI = 'Ub1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6';

/** The operations of subgraphs/line/test: the webhook endpoint, users, the Customer fields, the identity feed, a push, a reply. */
async function runOperations(): Promise<void> {
  const ok = (res: { errors?: unknown }) => expect(res.errors).toBeUndefined();
  await line.subscribe();
  ok(await line.query(`{ lineUser(userId: "${PLOY}") { userId displayName messages(first: 3) { text } } }`));
  ok(
    await line.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { lineUsers { userId } lineTimeline { id } } } }`, {
      r: [{ __typename: 'Customer', id: 'c1', links: [{ system: 'line', externalId: PLOY }, { system: 'line', externalId: MALI }] }],
    }),
  );
  for (const params of ['limit=2', 'limit=2&since=2020-01-01T00:00:00Z']) {
    const res = await fetch(line.url.replace(/\/graphql$/, `/_identity/records?${params}`), { headers: line.signed() });
    expect(res.status).toBe(200);
    const page = (await res.json()) as { nextCursor?: string | null };
    if (page.nextCursor) expect((await fetch(line.url.replace(/\/graphql$/, `/_identity/records?limit=2&after=${encodeURIComponent(page.nextCursor)}`), { headers: line.signed() })).status).toBe(200);
  }
  ok(await line.query(`mutation { sendLineMessage(userId: "${PLOY}", text: "Routes check", idempotencyKey: "routes-push") { messageId } }`));
  // No resolver replies yet; the connector's reply is called directly with a token the stand-in issued.
  const standin = line.standin as LineStandin;
  const connector = new LineConnector({ baseUrl: line.systemUrl, token: 'dev-token', timeoutMs: 2_000 });
  await connector.reply(standin.store.issueReplyToken(PLOY), ['Routes reply']);
}

/**
 * Ours, not LINE's: `x-request-id`, the gateway's request id, which every connector sends so a
 * vendor call can be matched to the request that made it (lib/upstream.ts; LINE's client.ts does
 * the same). LINE ignores it. Named here so that any other header outside the reference still fails.
 */
const KNOWN_OFF_REFERENCE = /: header "x-request-id" not in the reference$/;

describe('line connector: outgoing requests against the Messaging API route reference', () => {
  it('sends only routes, query parameters, body keys and headers LINE documents', async () => {
    await runOperations();
    const requests = line.vendorRequests();
    console.log(`line vendor routes used:\n  ${routesUsed(routes, requests).join('\n  ')}`);
    const problems = offReference(routes, requests);
    console.log(`line calls outside the reference, known: ${problems.filter((p) => KNOWN_OFF_REFERENCE.test(p)).join('; ') || 'none'}`);
    expect(problems.filter((p) => !KNOWN_OFF_REFERENCE.test(p))).toEqual([]);
    // The operations reached every route the connector calls (a silent no-op would pass the check above).
    expect(routesUsed(routes, requests)).toEqual(
      [
        'GET /v2/bot/followers/ids',
        'GET /v2/bot/profile/{userId}',
        'POST /v2/bot/message/push',
        'POST /v2/bot/message/reply',
        'PUT /v2/bot/channel/webhook/endpoint',
      ].sort(),
    );
    expect(requests.some((r) => r.path === '/v2/bot/message/push' && r.headers?.includes('x-line-retry-key'))).toBe(true);
  });

  it('names a request outside the reference: an undocumented route, parameter, body key or header', () => {
    const problems = offReference(routes, [
      { method: 'GET', path: '/v2/bot/followers/ids', query: ['limit', 'offset'], body: [], operations: [], headers: ['authorization'] },
      { method: 'POST', path: '/v2/bot/message/push', query: [], body: ['to', 'messages', 'idempotencyKey'], operations: [], headers: ['authorization', 'idempotency-key'] },
      { method: 'GET', path: '/v2/bot/profiles', query: ['userIds'], body: [], operations: [], headers: [] },
    ]);
    expect(problems).toEqual([
      'GET /v2/bot/followers/ids: query parameter "offset" not in the reference',
      'GET /v2/bot/profiles: not a route in the vendor reference',
      'POST /v2/bot/message/push: body key "idempotencyKey" not in the reference',
      'POST /v2/bot/message/push: header "idempotency-key" not in the reference',
    ]);
  });
});

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  externalDocs?: { url?: string };
}
interface OpenApiDocument {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes?: Record<string, { type: string; scheme?: string }> };
}

describe('systems/line/vendor-routes.json against LINE\'s OpenAPI document', () => {
  const spec = parseYaml(readFileSync(fileURLToPath(new URL('../openapi/messaging-api.yml', import.meta.url)), 'utf8')) as OpenApiDocument;
  // The document's security is a bearer channel access token: the Authorization header.
  const bearer = (spec.security ?? []).some((s) => Object.keys(s).some((name) => spec.components.securitySchemes?.[name]?.scheme === 'bearer'));

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s is the document\'s, with its parameters, body properties and doc link', (_name, route) => {
    const op = spec.paths[route.path]?.[route.method.toLowerCase()];
    expect(op, `${route.method} ${route.path} is not in messaging-api.yml`).toBeDefined();
    expect(route.doc).toBe(op!.externalDocs?.url);
    expect(route.doc).toMatch(/^https:\/\/developers\.line\.biz\/en\/reference\/messaging-api\/#[a-z-]+$/);
    const params = (kind: string) => (op!.parameters ?? []).filter((p) => p.in === kind).map((p) => p.name.toLowerCase());
    expect(params('query')).toEqual(expect.arrayContaining(route.query ?? []));
    expect([...params('header'), ...(bearer ? ['authorization'] : [])]).toEqual(expect.arrayContaining(route.headers ?? []));
    const ref = op!.requestBody?.content?.['application/json']?.schema?.$ref;
    const properties = ref ? Object.keys(spec.components.schemas[ref.replace('#/components/schemas/', '')]?.properties ?? {}) : [];
    expect(properties).toEqual(expect.arrayContaining(route.body ?? []));
  });
});
