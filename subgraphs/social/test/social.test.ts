import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceRecordPage } from '../../../lib/identity-feed.ts';
import { startComponent } from '../../../test/helpers/component.ts';
import type { SocialStandin } from '../../../systems/social/src/app.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const SOMCHAI = '6254782930011201'; // Messenger TH, 5 messages, two referrals (one shop ref)
const NATTAYA = '6254782930011202';
const ANONG = '6254782930011203'; // shop ref via m.me link
const KANYA = '6254782930011206'; // profile without a thread
const MAGDALENA = '17849999000000001'; // Instagram
const MESSENGER_IDS = [SOMCHAI, NATTAYA, ANONG, '6254782930011204', '6254782930011205', KANYA];

/** A page's access token, as the system user reads it from `me/accounts` (tests that call the stand-in directly). */
async function pageToken(systemUrl: string, pageId: string): Promise<string> {
  const res = await fetch(`${systemUrl}/v19.0/me/accounts?fields=id,access_token&access_token=dev-token`);
  const body = (await res.json()) as { data: { id: string; access_token: string }[] };
  return body.data.find((p) => p.id === pageId)!.access_token;
}

/** Vendor calls without the connector's `me/accounts` (read once per process for the Page tokens). */
const withoutAccounts = (calls: Record<string, number>) => Object.fromEntries(Object.entries(calls).filter(([route]) => route !== 'GET /v19.0/:id/accounts'));

const customer = (id: string, socialIds: string[]) => ({
  __typename: 'Customer',
  id,
  links: [...socialIds.map((externalId) => ({ system: 'social', externalId })), { system: 'crm', externalId: '512' }],
});

const ENTITIES = /* GraphQL */ `
  query ($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on Customer {
        id
        socialProfiles {
          id
          platform
          name
          conversations(first: 5) { id messageCount messages(first: 2) { id text fromCustomer } }
          referrals { ref }
        }
      }
    }
  }
`;

interface EntitiesData {
  _entities: {
    id: string;
    socialProfiles: { id: string; platform: string; name: string; conversations: { id: string; messageCount: number; messages: { id: string; text: string; fromCustomer: boolean }[] }[]; referrals: { ref: string }[] }[];
  }[];
}

describe('social subgraph against the Graph API stand-in', () => {
  let c: Component;
  beforeAll(async () => {
    c = await startComponent('social');
    // Subscribes the app's webhooks: the stand-in sends the data set's referral log to the subgraph.
    await c.subscribe();
    const standin = c.standin as SocialStandin;
    await standin.webhooks.idle();
    expect(standin.webhooks.deliveries.map((d) => d.status)).toEqual(standin.webhooks.deliveries.map(() => 200));
  });
  afterAll(async () => {
    await c?.close();
  });
  beforeEach(() => {
    c.setFaults({ down: false, errorRate: 0 });
    c.resetCalls();
  });

  it('reads a Messenger profile with its page, names and a customer key', async () => {
    const res = await c.query(
      `query ($id: ID!) { socialProfile(id: $id) { id platform pageId page { id name platform } name firstName lastName profilePic identity { __typename system } } }`,
      { id: SOMCHAI },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.socialProfile).toEqual({
      id: SOMCHAI,
      platform: 'MESSENGER',
      pageId: '1029384756',
      page: { id: '1029384756', name: 'Omni Store TH', platform: 'MESSENGER' },
      name: 'Somchai Jaidee',
      firstName: 'Somchai',
      lastName: 'Jaidee',
      profilePic: expect.stringContaining(SOMCHAI),
      identity: { __typename: 'SourceRecord', system: 'social' },
    });
  });

  it('returns null for an unknown profile id instead of an error', async () => {
    const res = await c.query(`{ socialProfile(id: "999000111") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.socialProfile).toBeNull();
  });

  it("resolves 8 customers' profiles, threads, messages and referrals with one call per resource", async () => {
    const reps = [
      customer('c1', [SOMCHAI]),
      customer('c2', [NATTAYA]),
      customer('c3', [ANONG, MAGDALENA]),
      customer('c4', ['6254782930011204']),
      customer('c5', ['6254782930011205']),
      customer('c6', [KANYA]),
      customer('c7', []),
      customer('c8', []),
    ];
    const res = await c.query<EntitiesData>(ENTITIES, { reps });
    expect(res.errors).toBeUndefined();
    const byId = new Map(res.data!._entities.map((e) => [e.id, e]));
    expect(byId.get('c3')!.socialProfiles.map((p) => p.platform)).toEqual(['MESSENGER', 'INSTAGRAM']);
    expect(byId.get('c8')!.socialProfiles).toEqual([]);
    const somchai = byId.get('c1')!.socialProfiles[0]!;
    expect(somchai.conversations).toHaveLength(1);
    expect(somchai.conversations[0]!.messageCount).toBe(5);
    expect(somchai.conversations[0]!.messages.map((m) => m.text)).toEqual(['Thanks!', 'Sure, it will be ready tomorrow.']);
    expect(somchai.conversations[0]!.messages.map((m) => m.fromCustomer)).toEqual([true, false]);
    expect(somchai.referrals.map((r) => r.ref)).toEqual(['shop-customer-207119551', 'spring-lookbook']);
    // One batch each for the 8 profiles (each id once per Page token: PSIDs are page-scoped), threads and messages;
    // referrals come from the webhook event log, no Graph call.
    expect(withoutAccounts(c.upstreamCalls())).toEqual({ 'POST /v19.0/': 3 });
  });

  it('skips a linked profile Graph no longer knows, in the same batch call', async () => {
    const res = await c.query<EntitiesData>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id socialProfiles { id } } } }`,
      { reps: [customer('c1', [SOMCHAI, '999000111']), customer('c2', [NATTAYA])] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e) => e.socialProfiles.map((p) => p.id))).toEqual([[SOMCHAI], [NATTAYA]]);
    // Each id is its own sub-request (per page token), so an unknown one fails only itself.
    expect(withoutAccounts(c.upstreamCalls())).toEqual({ 'POST /v19.0/': 1 });
  });

  it('resolves SocialProfile references through one batch call', async () => {
    const reps = MESSENGER_IDS.map((id) => ({ __typename: 'SocialProfile', id }));
    const res = await c.query<{ _entities: ({ id: string } | null)[] }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on SocialProfile { id } } }`,
      { reps },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e) => e?.id)).toEqual(MESSENGER_IDS);
    expect(withoutAccounts(c.upstreamCalls())).toEqual({ 'POST /v19.0/': 1 });
  });

  it('reads a conversation with its person and newest messages first', async () => {
    const res = await c.query<{ socialConversation: Record<string, unknown> & { messages: { at: string; fromCustomer: boolean }[] } }>(
      `{ socialConversation(id: "t_10223047289170000") { id platform updatedAt messageCount unreadCount profile { id name } messages(first: 10) { id at fromCustomer text } } }`,
    );
    expect(res.errors).toBeUndefined();
    const conversation = res.data!.socialConversation;
    expect(conversation).toMatchObject({
      id: 't_10223047289170000',
      platform: 'MESSENGER',
      updatedAt: '2026-01-10T10:04:00.000Z',
      messageCount: 5,
      unreadCount: 1,
      profile: { id: SOMCHAI, name: 'Somchai Jaidee' },
    });
    const times = conversation.messages.map((m) => m.at);
    expect(times).toHaveLength(5);
    expect([...times].sort().reverse()).toEqual(times);
    expect(conversation.messages.map((m) => m.fromCustomer)).toEqual([true, false, true, false, true]);
  });

  it('returns an empty list for a profile whose thread is gone and null for an unknown conversation', async () => {
    const res = await c.query(`{ socialProfile(id: "${KANYA}") { conversations { id } } socialConversation(id: "t_404") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ socialProfile: { conversations: [] }, socialConversation: null });
  });

  it('maps referral events to source, ad and time', async () => {
    const res = await c.query(`{ socialProfile(id: "${MAGDALENA}") { referrals { source adId adTitle ref at } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.socialProfile).toEqual({
      referrals: [{ source: 'ADS', adId: '23851234567890125', adTitle: 'Wyprzedaż zimowa', ref: 'shop-customer-5531234567890', at: new Date(1767700000000).toISOString() }],
    });
  });

  it('lists the managed pages with the platform each is reached on (Instagram: the linked account)', async () => {
    const res = await c.query<{ socialPages: { id: string; platform: string }[] }>(`{ socialPages { id name platform } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.socialPages).toEqual([
      { id: '1029384756', name: 'Omni Store TH', platform: 'MESSENGER' },
      { id: '17841405822304914', name: 'omnistore.pl', platform: 'INSTAGRAM' },
    ]);
  });

  it('rejects a negative first as bad input', async () => {
    const res = await c.query(`{ socialProfile(id: "${SOMCHAI}") { conversations(first: -1) { id } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reports UPSTREAM_UNAVAILABLE with the system name when Graph is down, without failing other fields', async () => {
    c.setFaults({ down: true });
    const res = await c.query(`{ socialProfile(id: "${SOMCHAI}") { id } }`);
    expect(res.data).toEqual({ socialProfile: null });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', system: 'social' });
  });

  it('maps Graph throttling (HTTP 400, code 613, usage header) to UPSTREAM_RATE_LIMITED with a retry time', async () => {
    const admin = (body: unknown) =>
      fetch(`${c.systemUrl}/__admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await admin({ rateLimitPerSecond: 0.01, rateLimitBurst: 0 });
    try {
      const raw = await fetch(`${c.systemUrl}/v19.0/${SOMCHAI}?access_token=dev-token`);
      expect(raw.status).toBe(400);
      expect(((await raw.json()) as { error: { code: number } }).error.code).toBe(613);
      expect(raw.headers.get('x-business-use-case-usage')).toContain('estimated_time_to_regain_access');
      const res = await c.query(`{ socialProfile(id: "${SOMCHAI}") { id } }`);
      // 100 s to regain a token = 2 minutes in Meta's header, in seconds here.
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', system: 'social', retryAfterSeconds: 120 });
    } finally {
      await admin({ rateLimitPerSecond: 0, rateLimitBurst: 40 });
    }
  });

  it("answers a wrong token with Graph's OAuthException 190 body", async () => {
    const res = await fetch(`${c.systemUrl}/v19.0/${SOMCHAI}?access_token=wrong`);
    expect(res.status).toBe(400);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'OAuthException', code: 190, fbtrace_id: expect.any(String) });
  });

  it('pages conversations with Graph cursors and leaves paging.next out on the last page', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${c.systemUrl}/v19.0/1029384756/conversations?limit=2&access_token=${await pageToken(c.systemUrl, '1029384756')}`;
    let calls = 0;
    while (url) {
      const body = (await (await fetch(url)).json()) as { data: { id: string }[]; paging?: { next?: string } };
      seen.push(...body.data.map((d) => d.id));
      url = body.paging?.next;
      calls += 1;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(calls).toBe(3);
  });

  it('serves the identity feed: names only, no relay emails, shop references from referral refs', async () => {
    const feedUrl = c.url.replace(/\/graphql$/, '/_identity/records');
    const records: SourceRecordPage['records'] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res = await fetch(`${feedUrl}?limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers: c.signed() });
      expect(res.status).toBe(200);
      const page = (await res.json()) as SourceRecordPage;
      records.push(...page.records);
      after = page.next;
      pages += 1;
    } while (after && pages < 20);
    expect(after).toBeNull();
    // 7 people with a thread across the Messenger and Instagram pages (Kanya has none; LINE and Zalo have their own subgraphs).
    expect(records.map((r) => r.externalId).sort()).toHaveLength(7);
    expect(new Set(records.map((r) => r.externalId)).size).toBe(7);
    for (const record of records) {
      expect(record).toMatchObject({ system: 'social', kind: 'profile', emails: [], phones: [] });
    }
    const byId = new Map(records.map((r) => [r.externalId, r]));
    expect(byId.get(SOMCHAI)).toMatchObject({
      givenName: 'Somchai',
      familyName: 'Jaidee',
      displayName: 'Somchai Jaidee',
      // A locale is a hint, not the record's country (many Thai users run en_US).
      region: null,
      references: [{ system: 'shop', externalId: '207119551', via: 'messenger referral ref' }],
      updatedAt: '2026-01-10T10:04:00.000Z',
    });
    expect(byId.get(ANONG)!.references).toEqual([{ system: 'shop', externalId: '207119552', via: 'messenger referral ref' }]);
    expect(byId.get(NATTAYA)!.references).toEqual([]);
    expect(byId.get(MAGDALENA)).toMatchObject({ region: null, hints: { locale: expect.stringMatching(/PL$/) }, references: [{ system: 'shop', externalId: '5531234567890' }] });
  });
});

describe('social stand-in Send API', () => {
  let c: Component;
  beforeAll(async () => {
    c = await startComponent('social');
  });
  afterAll(async () => {
    await c?.close();
  });

  it('appends a sent message to the thread, newest first, as the page', async () => {
    const { SocialConnector } = await import('../src/connector/index.ts');
    const connector = new SocialConnector({ baseUrl: c.systemUrl, token: 'dev-token', version: 'v19.0', timeoutMs: 3000 });
    const sent = await connector.sendMessage('1029384756', NATTAYA, 'Your parcel is on its way', { messagingType: 'RESPONSE' });
    expect(sent.recipient_id).toBe(NATTAYA);
    expect(sent.message_id).toMatch(/^m_/);
    const res = await c.query<{ socialProfile: { conversations: { messageCount: number; messages: { id: string; text: string; fromCustomer: boolean }[] }[] } }>(
      `{ socialProfile(id: "${NATTAYA}") { conversations { messageCount messages(first: 1) { id text fromCustomer } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.socialProfile.conversations[0]).toEqual({
      messageCount: 4,
      messages: [{ id: sent.message_id, text: 'Your parcel is on its way', fromCustomer: false }],
    });
  });

  it('refuses to send to a person of another page with Graph error 100 / 2018001', async () => {
    const res = await fetch(`${c.systemUrl}/v19.0/1029384756/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await pageToken(c.systemUrl, '1029384756')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { id: MAGDALENA }, messaging_type: 'RESPONSE', message: { text: 'hi' } }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number; error_subcode: number } }).error).toMatchObject({ code: 100, error_subcode: 2018001 });
  });
});
