import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decodeCursor, encodeCursor, validationError } from '../envelope.ts';
import { ENGAGEMENT_TYPES, type CrmStore } from '../store.ts';
import { shuffle } from '../../../lib/shuffle.ts';

/** contact → X, HUBSPOT_DEFINED association type ids (the reverse directions are 202/194/198/16). */
const CONTACT_TO: Record<(typeof ENGAGEMENT_TYPES)[number], number> = { notes: 201, calls: 193, emails: 197, tickets: 15 };
const INPUT_MAX = 1000;
/** Per `from` id; more comes with that result's own `paging.next.after`. */
const PAGE_SIZE = 500;

/**
 * `POST /crm/v4/associations/contacts/{to}/batch/read`. Ids without associations (or unknown ids)
 * are reported on the side in `errors` with HTTP 207, as HubSpot does; results come back shuffled.
 */
export function registerAssociationRoutes(app: FastifyInstance, store: CrmStore): void {
  for (const to of ENGAGEMENT_TYPES) {
    app.post(`/crm/v4/associations/contacts/${to}/batch/read`, async (req: FastifyRequest<{ Body: { inputs?: unknown } | null }>, reply) => {
      const startedAt = new Date().toISOString();
      const inputs = req.body?.inputs;
      if (!Array.isArray(inputs) || inputs.length === 0) return validationError(reply, 'inputs must be a non-empty array');
      if (inputs.length > INPUT_MAX) return validationError(reply, `Batch input limit is ${INPUT_MAX}, got ${inputs.length}`);
      const results: unknown[] = [];
      const errors: unknown[] = [];
      for (const input of inputs as { id?: unknown; after?: unknown }[]) {
        const id = String(input?.id ?? '');
        const ids = store.contactAssociations.get(id)?.[to] ?? [];
        if (ids.length === 0) {
          errors.push({
            status: 'error',
            category: 'OBJECT_NOT_FOUND',
            subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
            message: `No ${to} is associated with contact ${id}.`,
            context: { fromObjectId: [id] },
          });
          continue;
        }
        const offset = typeof input.after === 'string' ? Number(decodeCursor(input.after) ?? 0) : 0;
        const page = ids.slice(offset, offset + PAGE_SIZE);
        const more = offset + PAGE_SIZE < ids.length;
        results.push({
          from: { id },
          to: page.map((toObjectId) => ({ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: CONTACT_TO[to], label: null }] })),
          ...(more ? { paging: { next: { after: encodeCursor(String(offset + PAGE_SIZE)) } } } : {}),
        });
      }
      const body = { status: 'COMPLETE', results: shuffle(results), startedAt, completedAt: new Date().toISOString() };
      if (errors.length === 0) return body;
      return reply.code(207).send({ ...body, numErrors: errors.length, errors });
    });
  }

  /**
   * `GET /crm/v4/objects/contacts/{contactId}/associations/{toObjectType}`: one contact's associations
   * of one type, `limit` (default and max 500) and an `after` cursor. No associations: an empty list.
   */
  app.get(
    '/crm/v4/objects/contacts/:contactId/associations/:toObjectType',
    async (req: FastifyRequest<{ Params: { contactId: string; toObjectType: string }; Querystring: { limit?: string; after?: string } }>, reply) => {
      const to = req.params.toObjectType as (typeof ENGAGEMENT_TYPES)[number];
      if (!(ENGAGEMENT_TYPES as readonly string[]).includes(to)) return validationError(reply, `Unknown object type ${req.params.toObjectType}`);
      const limit = req.query.limit === undefined ? PAGE_SIZE : Number(req.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_SIZE) return validationError(reply, `limit must be between 1 and ${PAGE_SIZE}`);
      const offset = req.query.after ? Number(decodeCursor(req.query.after) ?? NaN) : 0;
      if (!Number.isInteger(offset) || offset < 0) return validationError(reply, 'after is not a valid paging cursor');
      const ids = store.contactAssociations.get(req.params.contactId)?.[to] ?? [];
      const results = ids.slice(offset, offset + limit).map((toObjectId) => ({ toObjectId, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: CONTACT_TO[to], label: null }] }));
      if (offset + limit >= ids.length) return { results };
      const after = encodeCursor(String(offset + limit));
      return { results, paging: { next: { after, link: `${req.protocol}://${req.host}${req.url.split('?')[0]}?after=${after}` } } };
    },
  );
}
