import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendError, validationError } from '../envelope.ts';
import type { CrmStore, HubSpotObject } from '../store.ts';
import { project } from './objects.ts';

interface CreateBody {
  properties?: Record<string, unknown>;
  associations?: { to?: { id?: unknown }; types?: { associationCategory?: unknown; associationTypeId?: unknown }[] }[];
}

/** call → contact, HUBSPOT_DEFINED. */
const CALL_TO_CONTACT = 194;

const stringProps = (input: Record<string, unknown>) => {
  const properties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(input)) properties[name] = value === null || value === undefined ? null : String(value);
  return properties;
};

/**
 * `POST /crm/v3/objects/contacts` and `POST /crm/v3/objects/calls`. HubSpot has no idempotency
 * keys and ignores an `Idempotency-Key` header; so does the stand-in. A contact with an
 * email another contact has is refused with HubSpot's 409 CONFLICT ("Contact already exists").
 */
export function registerWrites(app: FastifyInstance, store: CrmStore): void {
  app.post('/crm/v3/objects/contacts', async (req: FastifyRequest<{ Body: CreateBody | null }>, reply) => {
    const properties = stringProps(req.body?.properties ?? {});
    const email = properties.email?.toLowerCase() ?? null;
    if (email && store.contactByEmail.has(email)) {
      const existing = store.contactByEmail.get(email)!;
      return sendError(reply, 409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    }
    const now = new Date().toISOString();
    const id = store.tables.contacts.nextId();
    const contact: HubSpotObject = {
      id,
      properties: { ...properties, hs_object_id: id, createdate: now, lastmodifieddate: now },
      createdAt: now,
      updatedAt: now,
      archived: false,
    };
    store.tables.contacts.insert(contact);
    if (email) store.contactByEmail.set(email, contact);
    return reply.code(201).send(project('contacts', contact, Object.keys(properties)));
  });

  app.post('/crm/v3/objects/calls', async (req: FastifyRequest<{ Body: CreateBody | null }>, reply) => {
    const properties = stringProps(req.body?.properties ?? {});
    if (!properties.hs_timestamp || Number.isNaN(Date.parse(properties.hs_timestamp))) {
      return validationError(reply, 'Property values were not valid: hs_timestamp is required and must be a date', {
        errors: [{ message: 'hs_timestamp is required', code: 'REQUIRED_PROPERTY', context: { propertyName: ['hs_timestamp'] } }],
      });
    }
    const contactIds: string[] = [];
    for (const association of req.body?.associations ?? []) {
      const toId = String(association.to?.id ?? '');
      if (!(association.types ?? []).some((t) => Number(t.associationTypeId) === CALL_TO_CONTACT)) {
        return validationError(reply, `Association type for call → contact must be ${CALL_TO_CONTACT}`);
      }
      if (!store.tables.contacts.byId.has(toId)) {
        return validationError(reply, `One or more association targets were not valid: contact ${toId} does not exist`, {
          subCategory: 'crm.associations.INVALID_OBJECT_IDS',
          context: { ids: [toId] },
        });
      }
      contactIds.push(toId);
    }
    const now = new Date().toISOString();
    const id = store.tables.calls.nextId();
    const call: HubSpotObject = {
      id,
      properties: { ...properties, hs_object_id: id, hs_createdate: now, hs_lastmodifieddate: now },
      createdAt: now,
      updatedAt: now,
      archived: false,
      associations: { contacts: contactIds },
    };
    store.tables.calls.insert(call);
    for (const contactId of contactIds) store.associate(contactId, 'calls', id);
    return reply.code(201).send(project('calls', call, Object.keys(properties)));
  });
}
