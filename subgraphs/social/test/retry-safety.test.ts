import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';

/**
 * Meta's Send API has no idempotency key. A retried sendSocialMessage sends one message: the
 * subgraph's outbox answers a retry of a sent message with its first result, and a retry after a
 * send whose outcome is unknown (timed out after Meta delivered: the stand-in's slowWriteMs) reads
 * the thread first and answers with the message already there.
 */
const NATTAYA = '6254782930011202';
const SEND = `mutation($text: String!, $key: String!) { sendSocialMessage(profileId: "${NATTAYA}", text: $text, idempotencyKey: $key) { messageId } }`;
const THREAD = `{ socialProfile(id: "${NATTAYA}") { conversations(first: 1) { messages(first: 50) { id text } } } }`;

describe('sendSocialMessage retried against the Send API', () => {
  let social: Awaited<ReturnType<typeof startComponent>>;
  const copies = async (text: string) => {
    const res = await social.query<{ socialProfile: { conversations: { messages: { id: string; text: string }[] }[] } }>(THREAD);
    return res.data!.socialProfile.conversations[0]!.messages.filter((m) => m.text === text).map((m) => m.id);
  };
  const sends = () => social.upstreamCalls()['POST /v19.0/:id/messages'] ?? 0;

  beforeAll(async () => {
    social = await startComponent('social', { env: { UPSTREAM_TIMEOUT_MS: '300' } });
  });
  afterAll(async () => {
    await social?.close();
  });

  it('sends once when the first attempt timed out after Meta delivered the message', async () => {
    const text = 'Your order #1042 is ready for pickup';
    social.setFaults({ slowWriteMs: 700 });
    const first = await social.query(SEND, { text, key: 'notice-1042' });
    expect(first.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 800));
    social.setFaults({ slowWriteMs: 0 });
    const delivered = await copies(text);
    expect(delivered).toHaveLength(1);
    social.resetCalls();
    const retry = await social.query<{ sendSocialMessage: { messageId: string } }>(SEND, { text, key: 'notice-1042' });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.sendSocialMessage.messageId).toBe(delivered[0]);
    expect(sends()).toBe(0);
    expect(await copies(text)).toHaveLength(1);
  });

  it('answers a retry of a sent message with its first result, and sends again only for another key', async () => {
    const text = 'Thanks for your visit';
    const first = await social.query<{ sendSocialMessage: { messageId: string } }>(SEND, { text, key: 'thanks-1' });
    social.resetCalls();
    const retry = await social.query<{ sendSocialMessage: { messageId: string } }>(SEND, { text, key: 'thanks-1' });
    expect(retry.data!.sendSocialMessage.messageId).toBe(first.data!.sendSocialMessage.messageId);
    expect(sends()).toBe(0);
    await social.query(SEND, { text, key: 'thanks-2' });
    expect(sends()).toBe(1);
    expect(await copies(text)).toHaveLength(2);
  });
});
