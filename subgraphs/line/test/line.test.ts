import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceRecordPage } from '../../../lib/identity-feed.ts';
import { lineSignature } from '../../../lib/webhooks.ts';
import { startComponent } from '../../../test/helpers/component.ts';
import type { LineStandin } from '../../../systems/line/src/app.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const PLOY = 'U4af4980629a1b2c3d4e5f60718293a4b'; // follows the account, wrote 2 messages in the fixture
const MALI = 'Ub1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6';
const customer = (id: string, lineIds: string[]) => ({
  __typename: 'Customer',
  id,
  links: [...lineIds.map((externalId) => ({ system: 'line', externalId })), { system: 'crm', externalId: '512' }],
});

describe('line subgraph against the LINE stand-in', () => {
  let c: Component;
  let standin: LineStandin;
  beforeAll(async () => {
    c = await startComponent('line');
    standin = c.standin as LineStandin;
    // Sets the webhook endpoint: the stand-in sends the account's history to the subgraph.
    await c.subscribe();
    await standin.webhooks.idle();
    expect(standin.webhooks.deliveries.at(-1)?.status).toBe(200);
  });
  afterAll(async () => {
    await c?.close();
  });
  beforeEach(() => {
    c.setFaults({ down: false, errorRate: 0 });
    c.resetCalls();
  });

  it('reads a LINE user (profile by id) with the messages its webhooks delivered', async () => {
    const res = await c.query<{ lineUser: { userId: string; displayName: string; language: string; followedAt: string; messages: { text: string; fromCustomer: boolean }[]; identity: unknown } }>(
      `{ lineUser(userId: "${PLOY}") { userId displayName language followedAt messages(first: 5) { text fromCustomer } identity { system externalId } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.lineUser).toMatchObject({ userId: PLOY, displayName: 'Ploy 🌸', language: 'th', identity: { system: 'line', externalId: PLOY } });
    expect(res.data!.lineUser.followedAt).toEqual(expect.any(String));
    // LINE sends only what the person wrote: the account's old replies are not in the history.
    expect(res.data!.lineUser.messages).toEqual([
      { text: 'It shipped today.', fromCustomer: true },
      { text: 'Where is my order?', fromCustomer: true },
    ]);
    expect(c.upstreamCalls()).toEqual({ 'GET /v2/bot/profile/:userId': 1 });
  });

  it('answers Customer.lineUsers and lineTimeline for a page of customers with one profile call per user', async () => {
    const res = await c.query<{ _entities: { lineUsers: { userId: string }[]; lineTimeline: { id: string; channel: string; kind: string; system: string; subject: { typename: string } }[] }[] }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { lineUsers { userId } lineTimeline { id channel kind system summary subject { typename id } } } } }`,
      { reps: [customer('c1', [PLOY]), customer('c2', [MALI, 'U00000000000000000000000000000009']), customer('c3', [])] },
    );
    expect(res.errors).toBeUndefined();
    const [a, b, none] = res.data!._entities;
    expect(a!.lineUsers).toEqual([{ userId: PLOY }]);
    // A linked user who no longer follows the account is left out.
    expect(b!.lineUsers).toEqual([{ userId: MALI }]);
    expect(none).toEqual({ lineUsers: [], lineTimeline: [] });
    expect(a!.lineTimeline.every((e) => e.channel === 'LINE' && e.kind === 'MESSAGE' && e.system === 'line' && e.subject.typename === 'LineUser')).toBe(true);
    expect(a!.lineTimeline.length).toBe(2);
    // Deduplicated across lineUsers and lineTimeline: one call per distinct user.
    expect(c.upstreamCalls()).toEqual({ 'GET /v2/bot/profile/:userId': 3 });
  });

  it('sends a message once per idempotency key: the retry reuses LINE\'s retry key and LINE answers 409', async () => {
    const before = standin.store.sent.length;
    const send = `mutation { sendLineMessage(userId: "${PLOY}", text: "Your order is ready for pickup", idempotencyKey: "pickup-ready-42") { messageId retryKey alreadyAccepted user { userId } } }`;
    const first = await c.query<{ sendLineMessage: { messageId: string; retryKey: string; alreadyAccepted: boolean } }>(send);
    expect(first.errors).toBeUndefined();
    expect(first.data!.sendLineMessage.alreadyAccepted).toBe(false);
    expect(first.data!.sendLineMessage.retryKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const again = await c.query<{ sendLineMessage: { messageId: string; alreadyAccepted: boolean } }>(send);
    expect(again.data!.sendLineMessage).toMatchObject({ messageId: first.data!.sendLineMessage.messageId, alreadyAccepted: true });
    expect(standin.store.sent.length).toBe(before + 1);
    const seen = await c.query<{ lineUser: { messages: { text: string; fromCustomer: boolean }[] } }>(`{ lineUser(userId: "${PLOY}") { messages(first: 1) { text fromCustomer } } }`);
    expect(seen.data!.lineUser.messages).toEqual([{ text: 'Your order is ready for pickup', fromCustomer: false }]);
  });

  it('refuses bad input with a coded error and sends nothing', async () => {
    const before = standin.store.sent.length;
    const empty = await c.query(`mutation { sendLineMessage(userId: "${PLOY}", text: "  ", idempotencyKey: "k1") { messageId } }`);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    const unknown = await c.query(`mutation { sendLineMessage(userId: "U00000000000000000000000000000009", text: "hi", idempotencyKey: "k2") { messageId } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', system: 'line' });
    expect(standin.store.sent.length).toBe(before);
  });

  it('records a new message from its signed webhook; an unsigned or wrongly signed one is refused and changes nothing', async () => {
    const res = await fetch(`${c.systemUrl}/__admin/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: MALI, text: 'my email is mali.s@example.com' }) });
    expect((await res.json()) as { delivered: number }).toMatchObject({ delivered: 200 });
    const forged = JSON.stringify({ destination: standin.store.bot.userId, events: [{ type: 'message', mode: 'active', timestamp: Date.now(), source: { type: 'user', userId: MALI }, webhookEventId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', deliveryContext: { isRedelivery: false }, message: { id: '999', type: 'text', text: 'forged' } }] });
    const refused = await fetch(`${c.url.replace(/\/graphql$/, '')}/webhooks/line`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': lineSignature('wrong-secret', forged) }, body: forged });
    expect(refused.status).toBe(401);
    const messages = await c.query<{ lineUser: { messages: { text: string }[] } }>(`{ lineUser(userId: "${MALI}") { messages(first: 3) { text } } }`);
    expect(messages.data!.lineUser.messages[0]!.text).toBe('my email is mali.s@example.com');
    expect(messages.data!.lineUser.messages.map((m) => m.text)).not.toContain('forged');
  });

  it('serves the identity feed over follower ids in LINE\'s paging, with identifiers typed in messages', async () => {
    const feed = async (query: string) => {
      const res = await fetch(`${c.url.replace(/\/graphql$/, '')}/_identity/records?${query}`, { headers: c.signed() });
      expect(res.status).toBe(200);
      return (await res.json()) as SourceRecordPage;
    };
    const first = await feed('limit=1');
    expect(first.records).toHaveLength(1);
    expect(first.next).toEqual(expect.any(String));
    const rest = await feed(`limit=100&after=${encodeURIComponent(first.next!)}`);
    expect(rest.next).toBeNull();
    const all = [...first.records, ...rest.records];
    expect(all.map((r) => r.externalId).sort()).toEqual([MALI, PLOY].sort());
    const mali = all.find((r) => r.externalId === MALI)!;
    expect(mali).toMatchObject({ system: 'line', kind: 'profile', displayName: 'Mali S.', emails: [], phones: [], givenName: null });
    expect(mali.typedTexts?.map((t) => [t.text, t.channel])).toContainEqual(['my email is mali.s@example.com', 'line']);
    // Incremental: only the users with a webhook event since then.
    const since = await feed(`limit=100&since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
    expect(since.records.map((r) => r.externalId)).toEqual(expect.arrayContaining([MALI]));
    expect(since.records.map((r) => r.externalId)).not.toContain(undefined);
  });

  it('names LINE when it is down: only its fields are null', async () => {
    c.setFaults({ down: true });
    const res = await c.query(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { lineUsers { userId } } } }`, { reps: [customer('c1', [PLOY])] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', system: 'line' });
  });
});
