import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceRecordPage } from '../../../lib/identity-feed.ts';
import { startComponent } from '../../../test/helpers/component.ts';
import type { ZaloStandin } from '../../../systems/zalo/src/app.ts';
import { zaloSignature } from '../../../lib/webhooks.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const MAI = '2512523625412515';
const NAM = '2512523625412516';
const customer = (id: string, zaloIds: string[]) => ({ __typename: 'Customer', id, links: zaloIds.map((externalId) => ({ system: 'zalo', externalId })) });

describe('zalo subgraph against the Zalo OA stand-in', () => {
  let c: Component;
  let standin: ZaloStandin;
  beforeAll(async () => {
    c = await startComponent('zalo');
    standin = c.standin as ZaloStandin;
    standin.webhooks.url = `${c.url.replace(/\/graphql$/, '')}/webhooks/zalo`;
  });
  afterAll(async () => {
    await c?.close();
  });
  beforeEach(() => {
    c.setFaults({ down: false });
    c.resetCalls();
  });

  it('reads a follower and their chat with the OA, newest first', async () => {
    const res = await c.query<{ zaloUser: { userId: string; displayName: string; isFollower: boolean; lastInteractionDate: string; messages: { fromCustomer: boolean; text: string }[] } }>(
      `{ zaloUser(userId: "${MAI}") { userId displayName isFollower lastInteractionDate messages(first: 3) { fromCustomer text } identity { system externalId } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.zaloUser).toMatchObject({ userId: MAI, displayName: 'Trần Thị Mai', isFollower: true, lastInteractionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(res.data!.zaloUser.messages.length).toBeGreaterThan(0);
    expect(c.upstreamCalls()).toEqual({ 'GET /v3.0/oa/user/detail': 1, 'GET /v2.0/oa/conversation': 1 });
  });

  it('answers Customer.zaloUsers and zaloTimeline; an unknown user is left out', async () => {
    const res = await c.query<{ _entities: { zaloUsers: { userId: string }[]; zaloTimeline: { channel: string; system: string }[] }[] }>(
      `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { zaloUsers { userId } zaloTimeline { channel system kind } } } }`,
      { reps: [customer('c1', [MAI, '2512523625419999']), customer('c2', [])] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]!.zaloUsers).toEqual([{ userId: MAI }]);
    expect(res.data!._entities[0]!.zaloTimeline.length).toBeGreaterThan(0);
    expect(res.data!._entities[0]!.zaloTimeline.every((e) => e.channel === 'ZALO' && e.system === 'zalo')).toBe(true);
    expect(res.data!._entities[1]).toEqual({ zaloUsers: [], zaloTimeline: [] });
  });

  it('sends once per idempotency key and refuses bad input without sending', async () => {
    const before = standin.store.sent.length;
    const send = `mutation { sendZaloMessage(userId: "${NAM}", text: "Đơn hàng của bạn đã sẵn sàng", idempotencyKey: "zalo-ready-1") { messageId user { userId } } }`;
    const first = await c.query<{ sendZaloMessage: { messageId: string } }>(send);
    const again = await c.query<{ sendZaloMessage: { messageId: string } }>(send);
    expect(first.errors).toBeUndefined();
    expect(again.data!.sendZaloMessage.messageId).toBe(first.data!.sendZaloMessage.messageId);
    const unknown = await c.query(`mutation { sendZaloMessage(userId: "2512523625419999", text: "hi", idempotencyKey: "zalo-x") { messageId } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', system: 'zalo' });
    expect(standin.store.sent.length).toBe(before + 1);
  });

  it('sends once when the first attempt timed out after Zalo delivered the message', async () => {
    const before = standin.store.sent.length;
    const send = `mutation { sendZaloMessage(userId: "${MAI}", text: "Đơn hàng đã sẵn sàng để nhận", idempotencyKey: "zalo-lost-answer-1") { messageId } }`;
    // Zalo writes, then answers after the connector's 3 s timeout: the outcome is unknown to us.
    c.setFaults({ slowWriteMs: 3_500 });
    const lost = await c.query(send);
    c.setFaults({ slowWriteMs: 0 });
    expect(lost.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(standin.store.sent.length).toBe(before + 1);
    const retried = await c.query<{ sendZaloMessage: { messageId: string } }>(send);
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.sendZaloMessage.messageId).toBe(standin.store.sent.at(-1)!.message_id);
    expect(standin.store.sent.length).toBe(before + 1);
  });

  it('accepts the stand-in\'s signed webhooks and refuses a forged one; the feed pages and reads `since` from them', async () => {
    const delivered = await fetch(`${c.systemUrl}/__admin/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: NAM, text: 'sđt của em 0912 345 678' }) });
    expect(((await delivered.json()) as { delivered: number }).delivered).toBe(200);
    const raw = JSON.stringify({ app_id: standin.store.oa.app_id, event_name: 'user_send_text', timestamp: String(Date.now()), sender: { id: MAI }, message: { text: 'forged', msg_id: 'x' } });
    const forged = await fetch(standin.webhooks.url!, { method: 'POST', headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${zaloSignature(standin.store.oa.app_id, raw, '0', 'wrong')}` }, body: raw });
    expect(forged.status).toBe(401);

    const feed = async (query: string) => (await (await fetch(`${c.url.replace(/\/graphql$/, '')}/_identity/records?${query}`, { headers: c.signed() })).json()) as SourceRecordPage;
    const first = await feed('limit=1');
    expect(first.next).toBe('1');
    const rest = await feed('limit=50&after=1');
    expect(rest.next).toBeNull();
    const nam = [...first.records, ...rest.records].find((r) => r.externalId === NAM)!;
    expect(nam).toMatchObject({ system: 'zalo', displayName: 'Lê Hoàng Nam', emails: [], hints: { market: 'VN' } });
    expect(nam.typedTexts?.map((t) => t.text)).toContain('sđt của em 0912 345 678');
    const since = await feed(`since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`);
    expect(since.records.map((r) => r.externalId)).toEqual([NAM]);
  });

  it('names Zalo when its token is refused (HTTP 200, error -216)', async () => {
    const { ZaloConnector } = await import('../src/connector/index.ts');
    const wrong = new ZaloConnector({ baseUrl: c.systemUrl, token: 'wrong', timeoutMs: 2000 });
    await expect(wrong.userDetail(MAI)).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_ERROR', system: 'zalo' } });
  });
});
