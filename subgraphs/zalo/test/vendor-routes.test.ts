import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import { loadVendorRoutes, offReference, routesUsed } from '../../../test/helpers/vendor-routes.ts';

/**
 * Every request the zalo connector sends, while the operations of its component tests run, must be
 * a Zalo OA Open API route, `data=` key, body key and header listed in systems/zalo/vendor-routes.json
 * (Zalo's docs, linked per route). Zalo's reads take their parameters as one JSON object in `data=`:
 * each of its keys is checked, as `data.user_id`.
 */
const routes = loadVendorRoutes('zalo');
let zalo: Awaited<ReturnType<typeof startComponent>>;

beforeAll(async () => {
  zalo = await startComponent('zalo');
});
afterAll(async () => {
  await zalo?.close();
});

const MAI = '2512523625412515';
const NAM = '2512523625412516';

/** The operations of subgraphs/zalo/test: a user and chat, the Customer fields, the identity feed, a send. */
async function runOperations(): Promise<void> {
  const ok = (res: { errors?: unknown }) => expect(res.errors).toBeUndefined();
  ok(await zalo.query(`{ zaloUser(userId: "${MAI}") { userId displayName messages(first: 12) { text } } }`));
  ok(
    await zalo.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { zaloUsers { userId } zaloTimeline { id } } } }`, {
      r: [{ __typename: 'Customer', id: 'c1', links: [{ system: 'zalo', externalId: MAI }, { system: 'zalo', externalId: '2512523625419999' }] }],
    }),
  );
  for (const params of ['limit=2', 'limit=2&since=2020-01-01T00:00:00Z']) {
    const res = await fetch(zalo.url.replace(/\/graphql$/, `/_identity/records?${params}`), { headers: zalo.signed() });
    expect(res.status).toBe(200);
  }
  ok(await zalo.query(`mutation { sendZaloMessage(userId: "${NAM}", text: "Routes check", idempotencyKey: "routes-send") { messageId } }`));
}

/**
 * Ours, not Zalo's: `x-request-id`, the gateway's request id, which every connector sends through
 * lib/upstream.ts so a vendor call can be matched to the request that made it; Zalo ignores it.
 * Named here so that any other header outside the reference still fails.
 */
const KNOWN_OFF_REFERENCE = /: header "x-request-id" not in the reference$/;

describe('zalo connector: outgoing requests against the Zalo OA route reference', () => {
  it('sends only routes, data= keys, body keys and headers Zalo documents', async () => {
    await runOperations();
    const requests = zalo.vendorRequests();
    console.log(`zalo vendor routes used:\n  ${routesUsed(routes, requests).join('\n  ')}`);
    const problems = offReference(routes, requests);
    console.log(`zalo calls outside the reference, known: ${problems.filter((p) => KNOWN_OFF_REFERENCE.test(p)).join('; ') || 'none'}`);
    expect(problems.filter((p) => !KNOWN_OFF_REFERENCE.test(p))).toEqual([]);
    expect(routesUsed(routes, requests)).toEqual(['GET /v2.0/oa/conversation', 'GET /v3.0/oa/user/detail', 'GET /v3.0/oa/user/getlist', 'POST /v3.0/oa/message/cs']);
    // The data= keys were read (a connector sending no data= would pass the check above).
    expect(requests.find((r) => r.path === '/v2.0/oa/conversation')?.query).toEqual(['data', 'data.count', 'data.offset', 'data.user_id']);
  });

  it('names a request outside the reference: an undocumented route, data= key, body key or header', () => {
    const problems = offReference(routes, [
      { method: 'GET', path: '/v3.0/oa/user/getlist', query: ['data', 'data.count', 'data.cursor'], body: [], operations: [], headers: ['access_token'] },
      { method: 'POST', path: '/v3.0/oa/message/cs', query: [], body: ['recipient', 'message', 'idempotency_key'], operations: [], headers: ['access_token', 'authorization'] },
      { method: 'GET', path: '/v3.0/oa/user/detail/batch', query: [], body: [], operations: [], headers: [] },
    ]);
    expect(problems).toEqual([
      'GET /v3.0/oa/user/detail/batch: not a route in the vendor reference',
      'GET /v3.0/oa/user/getlist: query parameter "data.cursor" not in the reference',
      'POST /v3.0/oa/message/cs: body key "idempotency_key" not in the reference',
      'POST /v3.0/oa/message/cs: header "authorization" not in the reference',
    ]);
  });
});
