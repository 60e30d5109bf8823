import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';

/** The stand-in's small data set (systems/__name__/fixtures): three members and their activities. */
const dataDir = fileURLToPath(new URL('../../../systems/__name__/fixtures', import.meta.url));

type Component = Awaited<ReturnType<typeof startComponent>>;
let c: Component;

beforeAll(async () => {
  c = await startComponent('__name__', { dataDir });
});
afterAll(async () => {
  await c?.close();
});
beforeEach(() => {
  c.setFaults({ down: false, errorRate: 0, rateLimitPerSecond: 0, latencyMs: 0 });
  c.resetCalls();
});

const customer = (id: string, memberIds: string[]) => ({ __typename: 'Customer', id, links: [...memberIds.map((externalId) => ({ system: '__name__', externalId })), { system: 'crm', externalId: '1' }] });
const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Customer { id __camel__Members { id email } __camel__Timeline { id kind channel system occurredAt subject { typename id } } } } }`;

interface CustomerShape {
  id: string;
  __camel__Members: { id: string; email: string | null }[] | null;
  __camel__Timeline: { id: string; system: string; occurredAt: string; subject: { typename: string; id: string } }[] | null;
}

describe('__name__ subgraph', () => {
  it('reads a member by id, and null for an unknown one', async () => {
    const res = await c.query<{ a: { id: string; firstName: string; identity: { system: string; externalId: string } } | null; b: unknown }>(
      `{ a: __camel__Member(id: "m_00000001") { id firstName identity { system externalId } } b: __camel__Member(id: "nope") { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.a).toEqual({ id: 'm_00000001', firstName: 'Somchai', identity: { system: '__name__', externalId: 'm_00000001' } });
    expect(res.data?.b).toBeNull();
  });

  it("adds members and their timeline to a page of customers with one batch call per resource", async () => {
    const reps = [customer('cus_1', ['m_00000001']), customer('cus_2', ['m_00000002', 'm_00000003']), customer('cus_3', [])];
    const res = await c.query<{ _entities: CustomerShape[] }>(ENTITIES, { reps });
    expect(res.errors).toBeUndefined();
    const [one, two, three] = res.data?._entities ?? [];
    expect(one?.__camel__Members?.map((m) => m.id)).toEqual(['m_00000001']);
    expect(two?.__camel__Members?.map((m) => m.id)).toEqual(['m_00000002', 'm_00000003']);
    expect(three?.__camel__Members).toEqual([]);
    expect(two?.__camel__Timeline?.map((e) => e.id)).toEqual(['__name__:note:m_00000003_a2', '__name__:note:m_00000003_a1', '__name__:note:m_00000002_a1']);
    expect(one?.__camel__Timeline?.every((e) => e.system === '__name__' && e.subject.typename === '__Name__Activity')).toBe(true);
    expect(c.upstreamCalls()).toEqual({ 'POST /v1/members/batch_get': 1, 'POST /v1/activities/batch_get_by_member': 1 });
  });

  it('when the system is down, its fields are null with a coded error naming it', async () => {
    c.setFaults({ down: true });
    const res = await c.query<{ _entities: CustomerShape[] }>(ENTITIES, { reps: [customer('cus_1', ['m_00000001'])] });
    expect(res.data?._entities[0]?.__camel__Members).toBeNull();
    expect(res.errors?.some((e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE' && e.extensions?.system === '__name__')).toBe(true);
  });

  it('serves the identity feed in pages following the API cursor, and only changed records with since', async () => {
    const first = (await (await fetch(`${new URL(c.url).origin}/_identity/records?limit=2`, { headers: c.signed() })).json()) as { records: { externalId: string; emails: string[]; phones: string[] }[]; next: string | null };
    expect(first.records.map((r) => r.externalId)).toEqual(['m_00000001', 'm_00000002']);
    expect(first.records[0]).toMatchObject({ emails: ['somchai.s@example.co.th'], phones: ['+66812345678'] });
    expect(first.next).not.toBeNull();
    const second = (await (await fetch(`${new URL(c.url).origin}/_identity/records?limit=2&after=${first.next}`, { headers: c.signed() })).json()) as { records: { externalId: string }[]; next: string | null };
    expect(second).toEqual({ records: [expect.objectContaining({ externalId: 'm_00000003' })], next: null });
    const since = (await (await fetch(`${new URL(c.url).origin}/_identity/records?since=2025-04-01T00:00:00.000Z`, { headers: c.signed() })).json()) as { records: { externalId: string }[] };
    expect(since.records.map((r) => r.externalId)).toEqual(['m_00000002', 'm_00000003']);
  });

  it('the stand-in rejects bad input with its own error envelope', async () => {
    const res = await fetch(`${c.systemUrl}/v1/members?limit=1000`, { headers: { authorization: 'Bearer dev-token' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
