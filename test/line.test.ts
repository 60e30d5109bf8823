import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDataset, startTestStack, type TestStack } from './helpers/e2e.ts';

/**
 * LINE and Zalo through the gateway, every process real: the LINE subgraph (its stand-in sent it
 * the account's history by signed webhook when it set its endpoint) and the zalo subgraph answer
 * for a person the identity hub linked from their feeds, in Customer fields, the journey and sends.
 */
let stack: TestStack;
let lineUser: string;
let zaloUser: string;

const rows = (dir: string, file: string) =>
  readFileSync(join(dir, 'social', `${file}.ndjson`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown> & { id: string });

beforeAll(async () => {
  const dir = await e2eDataset();
  const profiles = rows(dir, 'profiles');
  const writers = new Set(rows(dir, 'messages').map((m) => (m.from as { id: string }).id));
  lineUser = profiles.find((p) => p.platform === 'line' && writers.has(p.id))!.id;
  zaloUser = profiles.find((p) => p.platform === 'zalo' && writers.has(p.id))!.id;
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const PERSON = `query ($system: String!, $id: ID!) {
  customerBySourceId(system: $system, externalId: $id) {
    id
    links { system externalId }
    lineUsers { userId displayName messages(first: 3) { text fromCustomer } }
    zaloUsers { userId displayName messages(first: 3) { text fromCustomer } }
    journey(first: 50, channels: [LINE, ZALO]) { nodes { system channel kind subject { typename id } } unavailableSystems }
  }
}`;

interface Person {
  id: string;
  links: { system: string; externalId: string }[];
  lineUsers: { userId: string; displayName: string; messages: { text: string; fromCustomer: boolean }[] }[] | null;
  zaloUsers: { userId: string; displayName: string; messages: { text: string; fromCustomer: boolean }[] }[] | null;
  journey: { nodes: { system: string; channel: string; kind: string; subject: { typename: string; id: string } }[]; unavailableSystems: string[] };
}

describe('LINE and Zalo through the gateway', () => {
  it('answers a LINE user of a person, their messages from webhooks and their LINE journey', async () => {
    const res = await stack.query<{ customerBySourceId: Person }>(PERSON, { system: 'line', id: lineUser });
    expect(res.errors).toBeUndefined();
    const person = res.data!.customerBySourceId;
    expect(person.links).toContainEqual({ system: 'line', externalId: lineUser });
    expect(person.lineUsers!.map((u) => u.userId)).toContain(lineUser);
    const user = person.lineUsers!.find((u) => u.userId === lineUser)!;
    expect(user.messages.length).toBeGreaterThan(0);
    expect(user.messages.every((m) => m.fromCustomer)).toBe(true);
    expect(person.journey.unavailableSystems).toEqual([]);
    expect(person.journey.nodes.some((e) => e.system === 'line' && e.channel === 'LINE' && e.subject.id === lineUser)).toBe(true);
  });

  it('answers a Zalo user of a person with their chat and Zalo journey', async () => {
    const res = await stack.query<{ customerBySourceId: Person }>(PERSON, { system: 'zalo', id: zaloUser });
    expect(res.errors).toBeUndefined();
    const person = res.data!.customerBySourceId;
    expect(person.zaloUsers!.map((u) => u.userId)).toContain(zaloUser);
    expect(person.journey.nodes.some((e) => e.system === 'zalo' && e.channel === 'ZALO')).toBe(true);
  });

  it('pushes a LINE message once per idempotency key through the gateway', async () => {
    const before = ((await (await fetch(`${stack.systems.line}/__admin/sent`)).json()) as { sent: unknown[] }).sent.length;
    const send = `mutation { sendLineMessage(userId: "${lineUser}", text: "Your order is ready", idempotencyKey: "e2e-line-1") { messageId alreadyAccepted } }`;
    const first = await stack.query<{ sendLineMessage: { messageId: string; alreadyAccepted: boolean } }>(send);
    const again = await stack.query<{ sendLineMessage: { messageId: string; alreadyAccepted: boolean } }>(send);
    expect(first.errors).toBeUndefined();
    expect(again.data!.sendLineMessage).toEqual({ messageId: first.data!.sendLineMessage.messageId, alreadyAccepted: true });
    const after = ((await (await fetch(`${stack.systems.line}/__admin/sent`)).json()) as { sent: unknown[] }).sent.length;
    expect(after).toBe(before + 1);
  });
});
