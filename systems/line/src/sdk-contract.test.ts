import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPFetchError, messagingApi, validateSignature } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import { listenStandin } from '../../lib/standin.ts';
import { createStandinApp, DEFAULT_CHANNEL_SECRET, type LineStandin } from './app.ts';

/**
 * Contract tests: LINE's own Node SDK (@line/bot-sdk, MessagingApiClient) pointed at the stand-in
 * must parse every answer the LINE connector relies on, and its `validateSignature` must accept
 * the stand-in's webhooks. If these pass, the stand-in answers as LINE's SDK expects LINE to.
 */
/** The SDK's error for a call that must fail (an answer instead fails the test). */
const failure = (call: Promise<unknown>) =>
  call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as HTTPFetchError,
  );

const PLOY = 'U4af4980629a1b2c3d4e5f60718293a4b';
const MALI = 'Ub1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6';

describe('LINE stand-in against @line/bot-sdk', () => {
  let standin: LineStandin;
  let client: messagingApi.MessagingApiClient;
  let receiver: Server;
  let receiverUrl: string;
  const received: { raw: string; signature: string }[] = [];

  beforeAll(async () => {
    standin = await createStandinApp({ dataDir: fixtureDataDir, faults: { latencyMs: 0, errorRate: 0, down: false, rateLimitPerSecond: 0 } });
    const baseURL = await listenStandin(standin, 0);
    client = new messagingApi.MessagingApiClient({ channelAccessToken: 'dev-token', baseURL });
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ raw: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-line-signature'] ?? '') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/line`;
  });
  afterAll(async () => {
    await standin?.app.close();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('getProfile parses a profile; a non-follower is a 404 HTTPFetchError', async () => {
    const profile = await client.getProfile(PLOY);
    expect(profile).toEqual({ userId: PLOY, displayName: 'Ploy 🌸', pictureUrl: 'https://profile.line-scdn.net/0hploy', language: 'th' });
    const error = await failure(client.getProfile('U00000000000000000000000000000009'));
    expect(error).toBeInstanceOf(HTTPFetchError);
    expect((error as HTTPFetchError).status).toBe(404);
    expect(JSON.parse((error as HTTPFetchError).body)).toEqual({ message: 'Not found' });
  });

  it('getFollowers pages with LINE continuation tokens', async () => {
    const first = await client.getFollowers(undefined, 1);
    expect(first.userIds).toHaveLength(1);
    expect(first.next).toEqual(expect.any(String));
    const rest = await client.getFollowers(first.next, 1000);
    expect(rest.next).toBeUndefined();
    expect(new Set([...first.userIds, ...rest.userIds])).toEqual(new Set([PLOY, MALI]));
  });

  it('pushMessage with a retry key sends once; the same key again is LINE\'s 409 with the accepted request id', async () => {
    const key = '123e4567-e89b-12d3-a456-426614174000';
    const before = standin.store.sent.length;
    const first = await client.pushMessageWithHttpInfo({ to: PLOY, messages: [{ type: 'text', text: 'Your order is ready' }] }, key);
    expect(first.body.sentMessages).toEqual([{ id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String) }]);
    const requestId = first.httpResponse.headers.get('x-line-request-id');
    expect(requestId).toEqual(expect.any(String));
    const again = await failure(client.pushMessage({ to: PLOY, messages: [{ type: 'text', text: 'Your order is ready' }] }, key));
    expect(again).toBeInstanceOf(HTTPFetchError);
    expect((again as HTTPFetchError).status).toBe(409);
    expect((again as HTTPFetchError).headers.get('x-line-accepted-request-id')).toBe(requestId);
    expect(JSON.parse((again as HTTPFetchError).body)).toEqual({ message: 'The retry key is already accepted', sentMessages: first.body.sentMessages });
    expect(standin.store.sent.length).toBe(before + 1);
  });

  it('pushMessage refuses a bad retry key, an empty text and a wrong token with LINE\'s bodies', async () => {
    const badKey = await failure(client.pushMessage({ to: PLOY, messages: [{ type: 'text', text: 'x' }] }, 'not-a-uuid'));
    expect([badKey.status, JSON.parse(badKey.body).message]).toEqual([400, "The value for the 'X-Line-Retry-Key' header is invalid"]);
    const empty = await failure(client.pushMessage({ to: PLOY, messages: [{ type: 'text', text: '' }] }));
    expect(JSON.parse(empty.body)).toEqual({ message: 'The request body has 1 error(s)', details: [{ message: 'must be specified', property: 'messages[0].text' }] });
    const wrong = new messagingApi.MessagingApiClient({ channelAccessToken: 'wrong', baseURL: (client as unknown as { httpClient: { baseURL: string } }).httpClient.baseURL });
    const denied = await failure(wrong.getProfile(PLOY));
    expect(denied.status).toBe(401);
  });

  it('sends webhooks that validateSignature accepts; replyMessage answers with the event\'s reply token, once', async () => {
    const url = new URL(receiverUrl);
    await client.setWebhookEndpoint({ endpoint: url.href });
    expect(await client.getWebhookEndpoint()).toEqual({ endpoint: url.href, active: true });
    // Setting the endpoint sends the account's history (follows and the people's messages).
    await expect.poll(() => received.length, { timeout: 5_000 }).toBeGreaterThan(0);
    const history = JSON.parse(received[0]!.raw) as { destination: string; events: { type: string; webhookEventId: string }[] };
    expect(history.destination).toMatch(/^U[0-9a-f]{32}$/);
    expect(history.events.map((e) => e.type)).toContain('follow');

    const res = await fetch(new URL('/__admin/inbound', (client as unknown as { httpClient: { baseURL: string } }).httpClient.baseURL), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: PLOY, text: 'Is it ready? my phone 081-234-5678' }),
    });
    expect(res.status).toBe(200);
    const live = received.at(-1)!;
    for (const delivery of received) expect(validateSignature(delivery.raw, DEFAULT_CHANNEL_SECRET, delivery.signature)).toBe(true);
    expect(validateSignature(live.raw, 'another-secret', live.signature)).toBe(false);
    const event = (JSON.parse(live.raw) as { events: { type: string; replyToken: string; message: { type: string; text: string } }[] }).events[0]!;
    expect(event).toMatchObject({ type: 'message', message: { type: 'text', text: 'Is it ready? my phone 081-234-5678' } });

    const reply = await client.replyMessage({ replyToken: event.replyToken, messages: [{ type: 'text', text: 'Yes, come by!' }] });
    expect(reply.sentMessages).toHaveLength(1);
    const twice = await failure(client.replyMessage({ replyToken: event.replyToken, messages: [{ type: 'text', text: 'Yes, come by!' }] }));
    expect([twice.status, JSON.parse(twice.body)]).toEqual([400, { message: 'Invalid reply token' }]);
  });
});
