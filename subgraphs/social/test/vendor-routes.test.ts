import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';
import type { SocialStandin } from '../../../systems/social/src/app.ts';
import { loadVendorRoutes, offReference, routesUsed, type RecordedRequest } from '../../../test/helpers/vendor-routes.ts';

/**
 * Every request the social connector sends, while the operations of its component tests run, must
 * be a Graph API route, parameter and body key listed in systems/social/vendor-routes.json (Meta's
 * docs). A Graph batch is several requests in one: each sub-request's relative_url is checked too.
 */
const routes = loadVendorRoutes('social');
let social: Awaited<ReturnType<typeof startComponent>>;
const subRequests: RecordedRequest[] = [];

/** The GET sub-requests of a Graph batch POST, as requests at the outer call's version. */
function batchRequests(req: FastifyRequest): RecordedRequest[] {
  const path = new URL(req.url, 'http://standin').pathname;
  if (req.method !== 'POST' || !/^\/(v\d+\.\d+)?\/?$/.test(path)) return [];
  const raw = (req.body as { batch?: unknown } | null)?.batch;
  const batch = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { method?: string; relative_url: string }[];
  const version = path.replace(/\/$/, '');
  return batch.map((item) => {
    const url = new URL(item.relative_url.replace(/^\/+/, ''), 'http://graph.invalid/');
    return { method: item.method ?? 'GET', path: `${version}${url.pathname}`, query: [...new Set(url.searchParams.keys())].sort(), body: [], operations: [] };
  });
}

beforeAll(async () => {
  social = await startComponent('social');
  await social.subscribe();
  await (social.standin as SocialStandin).webhooks.idle();
  social.standin.onVendorRequest((req) => subRequests.push(...batchRequests(req)));
});
afterAll(async () => {
  await social?.close();
});

const SOMCHAI = '6254782930011201';
const MAGDALENA = '17849999000000001';

/** The operations of subgraphs/social/test: the webhook subscription (beforeAll), profiles, threads, messages, referrals, pages, the identity feed, a send. */
async function runOperations(): Promise<void> {
  const ok = (res: { errors?: unknown }) => expect(res.errors).toBeUndefined();
  ok(await social.query(`{ socialProfile(id: "${SOMCHAI}") { id platform page { id } conversations { id messages(first: 3) { text fromCustomer } } referrals { ref } } }`));
  ok(await social.query(`{ socialConversation(id: "t_10223047289170000") { id profile { id } messages(first: 2) { id } } socialPages { id platform } }`));
  ok(
    await social.query(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { journey: socialTimeline { id } socialProfiles { id } } } }`, {
      r: [{ __typename: 'Customer', id: 'c1', links: [{ system: 'social', externalId: SOMCHAI }, { system: 'social', externalId: MAGDALENA }] }],
    }),
  );
  for (const params of ['limit=3', 'limit=3&since=2020-01-01T00:00:00Z']) {
    const res = await fetch(social.url.replace(/\/graphql$/, `/_identity/records?${params}`), { headers: social.signed() });
    expect(res.status).toBe(200);
  }
  ok(await social.query(`mutation { sendSocialMessage(profileId: "${SOMCHAI}", text: "Routes check", idempotencyKey: "routes-send") { messageId } }`));
}

describe('social connector: outgoing requests against the Graph API route reference', () => {
  it('sends only routes, query parameters and body keys Meta documents, batch sub-requests included', async () => {
    await runOperations();
    const requests = [...social.vendorRequests(), ...subRequests];
    console.log(`social vendor routes used:\n  ${routesUsed(routes, requests).join('\n  ')}`);
    const problems = offReference(routes, requests);
    expect(problems).toEqual([]);
    expect(routesUsed(routes, requests)).toEqual(
      expect.arrayContaining(['GET /{version}/me/accounts', 'POST /{version}/', 'GET /{version}/{object-id}', 'GET /{version}/{page-id}/conversations', 'GET /{version}/{conversation-id}/messages', 'POST /{version}/{page-id}/messages', 'POST /{version}/{app-id}/subscriptions']),
    );
  });
});
