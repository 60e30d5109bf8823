import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_WEBHOOK_SECRET, metaSignature } from '../../../lib/webhooks.ts';
import { startComponent } from '../../../test/helpers/component.ts';
import type { SocialStandin } from '../../../systems/social/src/app.ts';
import { loadSubgraphConfig } from '../src/config.ts';

type Component = Awaited<ReturnType<typeof startComponent>>;

const PAGE = '1029384756';
const NATTAYA = '6254782930011202'; // Messenger TH, no referral in the fixture

/** A `messaging_referrals` body as Meta sends it for one m.me link with `ref=`. */
const referralBody = (ref: string, timestamp: number) =>
  JSON.stringify({
    object: 'page',
    entry: [{ id: PAGE, time: timestamp, messaging: [{ sender: { id: NATTAYA }, recipient: { id: PAGE }, timestamp, referral: { ref, source: 'SHORTLINK', type: 'OPEN_THREAD' } }] }],
  });

describe('social subgraph config: the Meta app secret', () => {
  it('defaults to the public dev secret in development only; production refuses to start without a real one', () => {
    expect(loadSubgraphConfig({}).META_APP_SECRET).toBe(DEV_WEBHOOK_SECRET);
    expect(() => loadSubgraphConfig({ OMNIGRAPH_ENV: 'production', META_VERIFY_TOKEN: 'a-verify-token-of-enough-length' })).toThrow(/META_APP_SECRET/);
    expect(() => loadSubgraphConfig({ OMNIGRAPH_ENV: 'production', META_APP_SECRET: DEV_WEBHOOK_SECRET, META_VERIFY_TOKEN: 'a-verify-token-of-enough-length' })).toThrow(/META_APP_SECRET/);
    expect(loadSubgraphConfig({ OMNIGRAPH_ENV: 'production', META_APP_SECRET: 'a-real-app-secret-0123456789', META_VERIFY_TOKEN: 'a-verify-token-of-enough-length' }).META_APP_SECRET).toBe('a-real-app-secret-0123456789');
  });
});

describe('social subgraph: Meta webhooks (referrals)', () => {
  let c: Component;
  let hook: string;
  const post = (raw: string, signature: string | null) =>
    fetch(hook, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) }, body: raw });
  const refsOfNattaya = async () => {
    const res = await c.query<{ socialProfile: { referrals: { ref: string }[] } }>(`{ socialProfile(id: "${NATTAYA}") { referrals { ref } } }`);
    expect(res.errors).toBeUndefined();
    return res.data!.socialProfile.referrals.map((r) => r.ref);
  };

  beforeAll(async () => {
    c = await startComponent('social');
    hook = c.url.replace(/\/graphql$/, '/webhooks/meta');
  });
  afterAll(async () => {
    await c?.close();
  });

  it("answers Meta's verification GET with the challenge for the verify token only", async () => {
    const ok = await fetch(`${hook}?hub.mode=subscribe&hub.verify_token=${DEV_WEBHOOK_SECRET}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${hook}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 'WEBHOOK_VERIFY_TOKEN_INVALID' });
  });

  it('records a signed referral once, refuses a forged one with 401, ignores a repeat', async () => {
    expect(await refsOfNattaya()).toEqual([]);
    const forged = referralBody('shop-customer-666', 1767800000000);
    const refused = await post(forged, metaSignature('not-the-app-secret', forged));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    expect((await post(forged, null)).status).toBe(401);
    expect(await refsOfNattaya()).toEqual([]);

    const raw = referralBody('shop-customer-4242', 1767800000000);
    const first = await post(raw, metaSignature(DEV_WEBHOOK_SECRET, raw));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, recorded: 1 });
    // Meta retries with the same bytes when it saw no 200: acknowledged, nothing recorded again.
    const again = await post(raw, metaSignature(DEV_WEBHOOK_SECRET, raw));
    expect(await again.json()).toEqual({ ok: true, recorded: 0 });
    expect(await refsOfNattaya()).toEqual(['shop-customer-4242']);

    // A referral inside a postback (Get Started from an m.me link) counts as well.
    const ts = 1767900000000;
    const postback = JSON.stringify({
      object: 'page',
      entry: [{ id: PAGE, time: ts, messaging: [{ sender: { id: NATTAYA }, recipient: { id: PAGE }, timestamp: ts, postback: { title: 'Get Started', payload: 'GET_STARTED', referral: { ref: 'spring-lookbook', source: 'SHORTLINK', type: 'OPEN_THREAD' } } }] }],
    });
    expect((await post(postback, metaSignature(DEV_WEBHOOK_SECRET, postback))).status).toBe(200);
    expect(await refsOfNattaya()).toEqual(['spring-lookbook', 'shop-customer-4242']);
  });

  it('refuses a signed body that is not a webhook envelope with 400', async () => {
    const raw = JSON.stringify({ object: 'page' });
    const res = await post(raw, metaSignature(DEV_WEBHOOK_SECRET, raw));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'WEBHOOK_BODY_INVALID' });
  });

  it('subscribes through POST /{app-id}/subscriptions; the stand-in verifies the callback, sends the log signed, and re-sends until answered 200', async () => {
    const standin = c.standin as SocialStandin;
    c.resetCalls();
    await c.subscribe();
    expect(c.upstreamCalls()).toEqual({ 'POST /v19.0/:id/subscriptions': 2 });
    await standin.webhooks.idle();
    expect([...standin.webhooks.subscriptions.values()].map((s) => [s.object, s.fields])).toEqual([
      ['page', ['messaging_referrals']],
      ['instagram', ['messaging_referral']],
    ]);
    expect(standin.webhooks.deliveries.length).toBeGreaterThan(0);
    expect(standin.webhooks.deliveries.every((d) => d.status === 200 && d.attempts === 1)).toBe(true);

    // A callback that fails first is sent the same body again.
    const row = standin.store.referralHistory()[0]!;
    c.setFaults({ down: false });
    const before = standin.webhooks.deliveries.length;
    const sub = standin.webhooks.subscriptions.get('page')!;
    const realCallback = sub.callbackUrl;
    sub.callbackUrl = realCallback.replace('/webhooks/meta', '/webhooks/nowhere');
    const failing = standin.webhooks.send('page', [row]);
    // Point it back while the stand-in backs off: the retry lands.
    setTimeout(() => (sub.callbackUrl = realCallback), 50);
    await failing;
    const record = standin.webhooks.deliveries[before]!;
    expect(record.attempts).toBeGreaterThan(1);
    expect(record.status).toBe(200);
  });

  it('refuses a subscription whose callback does not echo the challenge', async () => {
    const res = await fetch(`${c.systemUrl}/v19.0/100000000000001/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer 100000000000001|${DEV_WEBHOOK_SECRET}` },
      body: JSON.stringify({ object: 'page', callback_url: hook, fields: 'messaging_referrals', verify_token: 'wrong-token' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(2200);
  });
});
