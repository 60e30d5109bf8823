import { readResource } from '../../lib/ndjson.ts';

/** The HubSpot object types this stand-in serves; engagement types are associated to contacts. */
export const OBJECT_TYPES = ['contacts', 'notes', 'calls', 'emails', 'tickets'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];
export const ENGAGEMENT_TYPES = ['notes', 'calls', 'emails', 'tickets'] as const;
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

/** HubSpot's SimplePublicObject, as each NDJSON line holds it (plus the stand-in's `associations`). */
export interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  /** stand-in: HubSpot keeps associations elsewhere; the data files carry them on the object. */
  associations?: Partial<Record<ObjectType, string[]>>;
}

export interface PipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: Record<string, string>;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Pipeline {
  id: string;
  label: string;
  displayOrder: number;
  stages: PipelineStage[];
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

const epoch = '2019-01-01T00:00:00.000Z';
const stage = (id: string, label: string, displayOrder: number, isClosed: boolean): PipelineStage => ({
  id,
  label,
  displayOrder,
  metadata: { ticketState: isClosed ? 'CLOSED' : 'OPEN', isClosed: String(isClosed) },
  archived: false,
  createdAt: epoch,
  updatedAt: epoch,
});

/** HubSpot's default "Support Pipeline" (id "0"), used when the data set has no crm/pipelines.ndjson. */
export const DEFAULT_TICKET_PIPELINE: Pipeline = {
  id: '0',
  label: 'Support Pipeline',
  displayOrder: 0,
  stages: [stage('1', 'New', 0, false), stage('2', 'Waiting on contact', 1, false), stage('3', 'Waiting on us', 2, false), stage('4', 'Closed', 3, true)],
  archived: false,
  createdAt: epoch,
  updatedAt: epoch,
};

/** HubSpot ids are numeric strings that can exceed 2^53: compare them as BigInts, never as numbers. */
export const compareIds = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

export class ObjectTable {
  /** Sorted by id so list paging is stable when objects are added. */
  readonly rows: HubSpotObject[];
  readonly byId = new Map<string, HubSpotObject>();

  constructor(rows: HubSpotObject[]) {
    this.rows = [...rows].sort((a, b) => compareIds(a.id, b.id));
    for (const row of this.rows) this.byId.set(row.id, row);
  }

  insert(row: HubSpotObject): void {
    this.byId.set(row.id, row);
    const at = this.rows.findIndex((r) => compareIds(r.id, row.id) > 0);
    if (at === -1) this.rows.push(row);
    else this.rows.splice(at, 0, row);
  }

  /** Index of the first row whose id is at or after `id` (binary search: a cursor page must not scan a million rows). */
  lowerBound(id: string): number {
    const wanted = BigInt(id);
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (BigInt(this.rows[mid]!.id) < wanted) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  nextId(): string {
    const last = this.rows.at(-1);
    return last ? (BigInt(last.id) + 1n).toString() : '1';
  }
}

export interface CrmStore {
  tables: Record<ObjectType, ObjectTable>;
  /** Lower-cased email → contact (HubSpot emails are unique per portal and matched case-insensitively). */
  contactByEmail: Map<string, HubSpotObject>;
  /** contact id → engagement type → associated ids. */
  contactAssociations: Map<string, Record<EngagementType, string[]>>;
  ticketPipelines: Pipeline[];
  associate(contactId: string, type: EngagementType, objectId: string): void;
}

export async function loadStore(dataDir: string): Promise<CrmStore> {
  const entries = await Promise.all(OBJECT_TYPES.map(async (type) => [type, new ObjectTable(await readResource<HubSpotObject>(dataDir, 'crm', type))] as const));
  const tables = Object.fromEntries(entries) as Record<ObjectType, ObjectTable>;
  const pipelines = await readResource<Pipeline>(dataDir, 'crm', 'pipelines');

  const contactByEmail = new Map<string, HubSpotObject>();
  for (const contact of tables.contacts.rows) {
    const email = contact.properties.email;
    if (email) contactByEmail.set(email.toLowerCase(), contact);
  }

  const contactAssociations = new Map<string, Record<EngagementType, string[]>>();
  const associate = (contactId: string, type: EngagementType, objectId: string) => {
    let entry = contactAssociations.get(contactId);
    if (!entry) {
      entry = { notes: [], calls: [], emails: [], tickets: [] };
      contactAssociations.set(contactId, entry);
    }
    if (!entry[type].includes(objectId)) entry[type].push(objectId);
  };
  for (const type of ENGAGEMENT_TYPES) {
    for (const row of tables[type].rows) {
      for (const contactId of row.associations?.contacts ?? []) associate(contactId, type, row.id);
    }
  }

  return { tables, contactByEmail, contactAssociations, ticketPipelines: pipelines.length > 0 ? pipelines : [DEFAULT_TICKET_PIPELINE], associate };
}
