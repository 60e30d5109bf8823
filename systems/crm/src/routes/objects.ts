import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeCursor, encodeCursor, sendError, validationError } from '../envelope.ts';
import { type CrmStore, type EngagementType, type HubSpotObject, type ObjectType } from '../store.ts';
import { shuffle } from '../../../lib/shuffle.ts';

/** Properties HubSpot returns when a request names none. */
const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['email', 'firstname', 'lastname'],
  notes: ['hs_timestamp', 'hs_note_body'],
  calls: ['hs_timestamp', 'hs_call_title', 'hs_call_body'],
  emails: ['hs_timestamp', 'hs_email_subject', 'hs_email_text'],
  tickets: ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority'],
};
/**
 * Returned whatever was asked for. Contacts have `createdate`/`lastmodifieddate`, tickets `createdate`/
 * `hs_lastmodifieddate`, engagements (notes, calls, emails) `hs_createdate`/`hs_lastmodifieddate`.
 */
const ALWAYS = (type: ObjectType) =>
  type === 'contacts' ? ['hs_object_id', 'createdate', 'lastmodifieddate'] : type === 'tickets' ? ['hs_object_id', 'createdate', 'hs_lastmodifieddate'] : ['hs_object_id', 'hs_createdate', 'hs_lastmodifieddate'];

/** What `query` (search's free text) looks in: HubSpot's default searchable properties per object. */
const SEARCHABLE: Record<ObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company', 'hs_additional_emails'],
  notes: ['hs_note_body'],
  calls: ['hs_call_title', 'hs_call_body'],
  emails: ['hs_email_subject', 'hs_email_text'],
  tickets: ['subject', 'content'],
};

/**
 * HubSpot's `query`: every word must start a word of one of the object's searchable properties
 * (an email also matches whole, or by its domain), case-insensitive.
 */
function matchesQuery(type: ObjectType, obj: HubSpotObject, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const values = SEARCHABLE[type].map((name) => (obj.properties[name] ?? '').toLowerCase()).filter(Boolean);
  return words.every((word) =>
    values.some((value) => value === word || value.split(/[\s@.,;:!?()"'-]+/).some((token) => token.startsWith(word.replace(/\*$/, ''))) || (word.includes('@') && value.includes(word))),
  );
}

/** association type names HubSpot's v3 `associations=` answer uses (`contact_to_note`). */
const SINGULAR_NAME: Record<ObjectType, string> = { contacts: 'contact', notes: 'note', calls: 'call', emails: 'email', tickets: 'ticket' };

/** `associations=notes,calls` on a v3 read: the ids of each associated type, as HubSpot nests them. */
export function associationsOf(store: CrmStore, type: ObjectType, obj: HubSpotObject, raw: unknown) {
  const wanted = propertyList(raw);
  if (!wanted) return undefined;
  const out: Record<string, { results: { id: string; type: string }[] }> = {};
  for (const to of wanted) {
    const ids: readonly string[] =
      type === 'contacts' ? ((store.contactAssociations.get(obj.id) as Record<string, string[]> | undefined)?.[to] ?? []) : to === 'contacts' ? (obj.associations?.contacts ?? []) : [];
    const toName = SINGULAR_NAME[to as ObjectType] ?? to.replace(/s$/, '');
    if (ids.length > 0) out[to] = { results: ids.map((id) => ({ id, type: `${SINGULAR_NAME[type]}_to_${toName}` })) };
  }
  return out;
}

const SINGULAR: Record<ObjectType, string> = { contacts: 'CONTACT', notes: 'NOTE', calls: 'CALL', emails: 'EMAIL', tickets: 'TICKET' };

const LIST_MAX = 100;
const BATCH_MAX = 100;
const SEARCH_MAX = 200;
const SEARCH_CEILING = 10_000;

/** HubSpot accepts `properties=a,b` and repeated `properties=a&properties=b`. */
function propertyList(raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => String(value).split(','));
  const names = parts.map((p) => p.trim()).filter(Boolean);
  return names.length > 0 ? names : undefined;
}

/** The object as the API returns it: only the requested (or default) properties, never the stand-in's `associations`. */
export function project(type: ObjectType, obj: HubSpotObject, requested: string[] | undefined) {
  const names = new Set([...(requested ?? DEFAULT_PROPERTIES[type]), ...ALWAYS(type)]);
  const properties: Record<string, string | null> = {};
  for (const name of names) properties[name] = obj.properties[name] ?? null;
  return { id: obj.id, properties, createdAt: obj.createdAt, updatedAt: obj.updatedAt, archived: obj.archived };
}

const withAssociations = <T extends object>(body: T, associations: ReturnType<typeof associationsOf>) => (associations ? { ...body, associations } : body);

const notFound = (type: ObjectType) => `Could not get some ${SINGULAR[type]} objects, they may be deleted or not exist. Check that ids are valid.`;

interface SearchFilter {
  propertyName?: unknown;
  operator?: unknown;
  value?: unknown;
  values?: unknown;
  highValue?: unknown;
}

function matches(obj: HubSpotObject, filter: SearchFilter): boolean {
  const name = String(filter.propertyName);
  const actual = name === 'hs_object_id' ? obj.id : (obj.properties[name] ?? null);
  const norm = (v: unknown) => String(v).toLowerCase();
  switch (filter.operator) {
    case 'EQ':
      return actual !== null && norm(actual) === norm(filter.value);
    case 'NEQ':
      return actual === null || norm(actual) !== norm(filter.value);
    case 'IN':
      return actual !== null && Array.isArray(filter.values) && filter.values.map(norm).includes(norm(actual));
    case 'HAS_PROPERTY':
      return actual !== null && actual !== '';
    case 'NOT_HAS_PROPERTY':
      return actual === null || actual === '';
    case 'CONTAINS_TOKEN':
      return actual !== null && norm(actual).includes(norm(filter.value).replace(/\*/g, ''));
    case 'GT':
    case 'GTE':
    case 'LT':
    case 'LTE': {
      const order = actual === null ? null : compareValues(actual, filter.value);
      if (order === null) return false;
      return filter.operator === 'GT' ? order > 0 : filter.operator === 'GTE' ? order >= 0 : filter.operator === 'LT' ? order < 0 : order <= 0;
    }
    case 'BETWEEN': {
      if (actual === null) return false;
      const low = compareValues(actual, filter.value);
      const high = compareValues(actual, filter.highValue);
      return low !== null && high !== null && low >= 0 && high <= 0;
    }
    default:
      return false;
  }
}

const SUPPORTED_OPERATORS = new Set(['EQ', 'NEQ', 'IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'GT', 'GTE', 'LT', 'LTE', 'BETWEEN']);

/**
 * HubSpot compares numbers as numbers and dates as instants: a date property against epoch
 * milliseconds ("1712000000000") or an ISO string. Anything else compares as text.
 */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  const text = String(value);
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return /^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(at) ? at : null;
}

function compareValues(actual: unknown, wanted: unknown): number | null {
  if (wanted === undefined || wanted === null) return null;
  const a = asNumber(actual);
  const b = asNumber(wanted);
  if (a !== null && b !== null) return a - b;
  const x = String(actual).toLowerCase();
  const y = String(wanted).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `sorts`: `["-createdate"]` or `[{propertyName, direction}]`; HubSpot honours the first one. */
function sortHits(hits: HubSpotObject[], sorts: unknown): HubSpotObject[] {
  const first: unknown = Array.isArray(sorts) ? sorts[0] : undefined;
  if (first === undefined) return hits;
  const spec = typeof first === 'string' ? { name: first.replace(/^-/, ''), desc: first.startsWith('-') } : { name: String((first as { propertyName?: unknown }).propertyName), desc: (first as { direction?: unknown }).direction === 'DESCENDING' };
  const valueOf = (obj: HubSpotObject) => (spec.name === 'hs_object_id' ? obj.id : (obj.properties[spec.name] ?? null));
  return [...hits].sort((x, y) => {
    const vx = valueOf(x);
    const vy = valueOf(y);
    // Missing values last, then the id as a tie-break so pages are stable.
    const order = vx === null ? (vy === null ? 0 : 1) : vy === null ? -1 : (compareValues(vx, vy) ?? 0) * (spec.desc ? -1 : 1);
    return order || (compareValues(x.id, y.id) ?? 0);
  });
}

export function registerObjectRoutes(app: FastifyInstance, store: CrmStore, type: ObjectType): void {
  const table = store.tables[type];
  const base = `/crm/v3/objects/${type}`;

  app.get(base, async (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply) => {
    const limit = req.query.limit === undefined ? 10 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > LIST_MAX) {
      return validationError(reply, `limit must be between 1 and ${LIST_MAX}`, { context: { limit: [String(req.query.limit)] } });
    }
    if (req.query.archived === 'true') return { results: [] };
    let start = 0;
    if (typeof req.query.after === 'string' && req.query.after !== '') {
      const fromId = decodeCursor(req.query.after);
      if (fromId === null) return validationError(reply, 'after is not a valid paging cursor');
      start = table.lowerBound(fromId);
    }
    const properties = propertyList(req.query.properties);
    const page = table.rows.slice(start, start + limit);
    const next = table.rows[start + limit];
    const results = page.map((row) => withAssociations(project(type, row, properties), associationsOf(store, type, row, req.query.associations)));
    if (!next) return { results };
    const after = encodeCursor(next.id);
    return { results, paging: { next: { after, link: `${req.protocol}://${req.host}${base}?after=${after}` } } };
  });

  app.get(`${base}/:objectId`, async (req: FastifyRequest<{ Params: { objectId: string }; Querystring: Record<string, unknown> }>, reply) => {
    const { objectId } = req.params;
    const idProperty = req.query.idProperty;
    let obj: HubSpotObject | undefined;
    if (idProperty === 'email' && type === 'contacts') obj = store.contactByEmail.get(objectId.toLowerCase());
    else if (idProperty === undefined || idProperty === 'hs_object_id') obj = table.byId.get(objectId);
    else return validationError(reply, `Unable to look up ${type} by property ${String(idProperty)}`);
    if (!obj) return sendError(reply, 404, 'OBJECT_NOT_FOUND', 'resource not found', { context: { id: [objectId] } });
    return withAssociations(project(type, obj, propertyList(req.query.properties)), associationsOf(store, type, obj, req.query.associations));
  });

  app.post(`${base}/batch/read`, async (req: FastifyRequest<{ Body: { inputs?: unknown; properties?: unknown; idProperty?: unknown } | null }>, reply) => {
    const startedAt = new Date().toISOString();
    const inputs = req.body?.inputs;
    if (!Array.isArray(inputs) || inputs.length === 0) return validationError(reply, 'inputs must be a non-empty array');
    if (inputs.length > BATCH_MAX) return validationError(reply, `Batch input limit is ${BATCH_MAX}, got ${inputs.length}`);
    const idProperty = req.body?.idProperty;
    const byEmail = idProperty === 'email';
    if (byEmail && type !== 'contacts') return validationError(reply, `idProperty email is not unique for ${type}`);
    if (idProperty !== undefined && idProperty !== 'hs_object_id' && !byEmail) return validationError(reply, `Unknown idProperty ${String(idProperty)}`);
    const properties = propertyList(req.body?.properties);
    const found = new Map<string, HubSpotObject>();
    const missing: string[] = [];
    for (const input of inputs as { id?: unknown }[]) {
      const key = String(input?.id ?? '');
      const obj = byEmail ? store.contactByEmail.get(key.toLowerCase()) : table.byId.get(key);
      if (obj) found.set(obj.id, obj);
      else if (!missing.includes(key)) missing.push(key);
    }
    const results = shuffle([...found.values()].map((obj) => project(type, obj, properties)));
    const completedAt = new Date().toISOString();
    if (missing.length === 0) return { status: 'COMPLETE', results, startedAt, completedAt };
    return reply.code(207).send({
      status: 'COMPLETE',
      results,
      numErrors: 1,
      errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: notFound(type), context: { ids: missing } }],
      startedAt,
      completedAt,
    });
  });

  app.post(`${base}/search`, async (req: FastifyRequest<{ Body: { filterGroups?: unknown; sorts?: unknown; limit?: unknown; after?: unknown; properties?: unknown; query?: unknown } | null }>, reply) => {
    const body = req.body ?? {};
    const limit = body.limit === undefined ? 10 : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX) return validationError(reply, `limit must be between 1 and ${SEARCH_MAX}`);
    const offset = body.after === undefined || body.after === null || body.after === '' ? 0 : Number(body.after);
    if (!Number.isInteger(offset) || offset < 0) return validationError(reply, 'after must be a non-negative integer');
    if (offset + limit > SEARCH_CEILING) return validationError(reply, `Search results are capped at ${SEARCH_CEILING}; page by property ranges instead`);
    const groups = (Array.isArray(body.filterGroups) ? body.filterGroups : []) as { filters?: SearchFilter[] }[];
    if (groups.length > 5) return validationError(reply, 'At most 5 filterGroups are allowed');
    const total = groups.reduce((n, g) => n + (g.filters?.length ?? 0), 0);
    if (total > 25) return validationError(reply, 'At most 25 filters are allowed in total');
    for (const group of groups) {
      if ((group.filters?.length ?? 0) > 10) return validationError(reply, 'At most 10 filters are allowed per filterGroup');
      for (const filter of group.filters ?? []) {
        if (!SUPPORTED_OPERATORS.has(String(filter.operator))) return validationError(reply, `Unsupported operator ${String(filter.operator)}`);
      }
    }
    if (body.query !== undefined && typeof body.query !== 'string') return validationError(reply, 'query must be a string');
    if (body.sorts !== undefined && (!Array.isArray(body.sorts) || body.sorts.length > 1)) return validationError(reply, 'sorts accepts at most one sort');
    const text = typeof body.query === 'string' ? body.query.trim() : '';
    // OR between groups, AND inside a group; no groups matches everything; `query` narrows further.
    const hits = sortHits(
      table.rows.filter((row) => (groups.length === 0 || groups.some((g) => (g.filters ?? []).every((f) => matches(row, f)))) && (text === '' || matchesQuery(type, row, text))),
      body.sorts,
    );
    const properties = propertyList(body.properties);
    const results = hits.slice(offset, offset + limit).map((row) => project(type, row, properties));
    const more = offset + limit < hits.length;
    return { total: hits.length, results, ...(more ? { paging: { next: { after: String(offset + limit) } } } : {}) };
  });
}

interface CreateBody {
  properties?: Record<string, unknown>;
  associations?: { to?: { id?: unknown }; types?: { associationCategory?: unknown; associationTypeId?: unknown }[] }[];
}

/** note → contact, HUBSPOT_DEFINED. */
const NOTE_TO_CONTACT = 202;

/**
 * `POST /crm/v3/objects/notes`. HubSpot has no idempotency keys and ignores an `Idempotency-Key`
 * header, so the stand-in does too: two identical creates make two notes (the connector makes its
 * retries safe itself, subgraphs/crm/README.md).
 */
export function registerNoteCreate(app: FastifyInstance, store: CrmStore): void {
  app.post('/crm/v3/objects/notes', async (req: FastifyRequest<{ Body: CreateBody | null }>, reply) => {
    const input = req.body?.properties ?? {};
    const properties: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(input)) properties[name] = value === null || value === undefined ? null : String(value);
    if (!properties.hs_timestamp) {
      return validationError(reply, 'Property values were not valid: hs_timestamp is required', {
        errors: [{ message: 'hs_timestamp is required', code: 'REQUIRED_PROPERTY', context: { propertyName: ['hs_timestamp'] } }],
      });
    }
    if (Number.isNaN(Date.parse(properties.hs_timestamp))) {
      return validationError(reply, 'Property values were not valid: hs_timestamp is not a date', {
        errors: [{ message: 'hs_timestamp is not a valid date', code: 'INVALID_DATE', context: { propertyName: ['hs_timestamp'] } }],
      });
    }
    const contactIds: string[] = [];
    for (const association of req.body?.associations ?? []) {
      const toId = String(association.to?.id ?? '');
      const typeOk = (association.types ?? []).some((t) => Number(t.associationTypeId) === NOTE_TO_CONTACT);
      if (!typeOk) return validationError(reply, `Association type for note → contact must be ${NOTE_TO_CONTACT}`);
      if (!store.tables.contacts.byId.has(toId)) {
        return validationError(reply, `One or more association targets were not valid: contact ${toId} does not exist`, {
          subCategory: 'crm.associations.INVALID_OBJECT_IDS',
          context: { ids: [toId] },
        });
      }
      contactIds.push(toId);
    }
    const now = new Date().toISOString();
    const id = store.tables.notes.nextId();
    const note: HubSpotObject = {
      id,
      properties: { ...properties, hs_object_id: id, hs_createdate: now, hs_lastmodifieddate: now },
      createdAt: now,
      updatedAt: now,
      archived: false,
      associations: { contacts: contactIds },
    };
    store.tables.notes.insert(note);
    for (const contactId of contactIds) store.associate(contactId, 'notes' satisfies EngagementType, id);
    return reply.code(201).send(project('notes', note, Object.keys(properties)));
  });
}
