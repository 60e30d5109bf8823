import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startComponent } from '../../../test/helpers/component.ts';

/**
 * HubSpot has no idempotency keys: the stand-in ignores `Idempotency-Key` as HubSpot does, and
 * every write the crm subgraph makes (notes, calls, contacts) must still happen once per key, also
 * when the first attempt timed out after HubSpot had written (the `slowWriteMs` fault).
 */
const TIMEOUT_MS = 400;
let crm: Awaited<ReturnType<typeof startComponent>>;

beforeAll(async () => {
  crm = await startComponent('crm', { env: { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterAll(async () => {
  await crm?.close();
});
beforeEach(() => crm.setFaults({ slowWriteMs: 0 }));

const vendor = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${crm.systemUrl}${path}`, { method: 'POST', headers: { authorization: 'Bearer dev-token', 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** How many records of a type carry this property value, asked of HubSpot's search. */
async function countWith(type: string, propertyName: string, value: string): Promise<number> {
  const res = await vendor(`/crm/v3/objects/${type}/search`, { filterGroups: [{ filters: [{ propertyName, operator: 'EQ', value }] }], limit: 10 });
  return ((await res.json()) as { total: number }).total;
}

const RECORD = `mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { contact { id } note { id } call { id } } }`;
interface Recorded {
  recordInteraction: { contact: { id: string }; note: { id: string } | null; call: { id: string } | null };
}

describe('crm writes without vendor idempotency', () => {
  it('the stand-in ignores Idempotency-Key, as HubSpot does: two creates make two notes', async () => {
    const note = { properties: { hs_timestamp: '2026-01-01T00:00:00Z', hs_note_body: 'header test', omnigraph_idempotency_key: 'raw-1' } };
    const a = (await (await vendor('/crm/v3/objects/notes', note, { 'idempotency-key': 'same' })).json()) as { id: string };
    const b = (await (await vendor('/crm/v3/objects/notes', note, { 'idempotency-key': 'same' })).json()) as { id: string };
    expect(a.id).not.toBe(b.id);
    expect(await countWith('notes', 'omnigraph_idempotency_key', 'raw-1')).toBe(2);
  });

  it('a retried note, call and recordCrmNote each make one record', async () => {
    const note = { customerId: 'cus_aaaaaaaaaaaaaaaa', crmContactId: '101', channel: 'LINE', summary: 'retry me', idempotencyKey: 'safe-note-1' };
    const call = { ...note, channel: 'PHONE', idempotencyKey: 'safe-call-1' };
    const first = await crm.query<Recorded>(RECORD, { input: note });
    const again = await crm.query<Recorded>(RECORD, { input: note });
    expect(again.data!.recordInteraction.note!.id).toBe(first.data!.recordInteraction.note!.id);
    await crm.query(RECORD, { input: call });
    await crm.query(RECORD, { input: call });
    const crmNote = `mutation ($input: RecordCrmNoteInput!) { recordCrmNote(input: $input) { id } }`;
    const n1 = await crm.query<{ recordCrmNote: { id: string } }>(crmNote, { input: { contactId: '103', body: 'retry', idempotencyKey: 'safe-crm-note' } });
    const n2 = await crm.query<{ recordCrmNote: { id: string } }>(crmNote, { input: { contactId: '103', body: 'retry', idempotencyKey: 'safe-crm-note' } });
    expect(n2.data!.recordCrmNote.id).toBe(n1.data!.recordCrmNote.id);
    expect(await countWith('notes', 'omnigraph_idempotency_key', 'safe-note-1')).toBe(1);
    expect(await countWith('calls', 'omnigraph_idempotency_key', 'safe-call-1')).toBe(1);
    expect(await countWith('notes', 'omnigraph_idempotency_key', 'safe-crm-note')).toBe(1);
  });

  it('a write HubSpot made but answered too late is found, not made again, by the attempt and by the client’s retry', async () => {
    crm.setFaults({ slowWriteMs: TIMEOUT_MS * 3 });
    const input = { customerId: 'cus_ffffffffffffffff', channel: 'MESSENGER', summary: 'slow vendor', idempotencyKey: 'slow-1' };
    crm.resetCalls();
    const first = await crm.query<Recorded>(RECORD, { input });
    expect(first.errors).toBeUndefined();
    // Each create timed out after writing, and the search after it found the record.
    expect(crm.upstreamCalls()['POST /crm/v3/objects/contacts']).toBe(1);
    expect(crm.upstreamCalls()['POST /crm/v3/objects/notes']).toBe(1);
    const retry = await crm.query<Recorded>(RECORD, { input });
    expect(retry.data!.recordInteraction).toEqual(first.data!.recordInteraction);
    const phone = { ...input, channel: 'PHONE', idempotencyKey: 'slow-call-1' };
    await crm.query(RECORD, { input: phone });
    await crm.query(RECORD, { input: phone });
    crm.setFaults({ slowWriteMs: 0 });
    expect(await countWith('contacts', 'omnigraph_customer_id', input.customerId)).toBe(1);
    expect(await countWith('notes', 'omnigraph_idempotency_key', 'slow-1')).toBe(1);
    expect(await countWith('calls', 'omnigraph_idempotency_key', 'slow-call-1')).toBe(1);
  });
});
