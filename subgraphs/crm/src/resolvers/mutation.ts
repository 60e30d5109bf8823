import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { isCrmId } from './query.ts';

const BODY_MAX = 65_536;

export const Mutation: MutationResolvers = {
  recordCrmNote: async (_root, { input }, ctx) => {
    if (!isCrmId(input.contactId)) throw badInput('contactId must be a numeric CRM contact id', 'contactId');
    const body = input.body.trim();
    if (body.length === 0 || body.length > BODY_MAX) throw badInput(`body must be 1 to ${BODY_MAX} characters`, 'body');
    const occurredAt = input.occurredAt ?? new Date().toISOString();
    if (Number.isNaN(Date.parse(occurredAt))) throw badInput('occurredAt is not an ISO-8601 date and time', 'occurredAt');
    const key = input.idempotencyKey?.trim() || null;
    if (key !== null && key.length > 255) throw badInput('idempotencyKey must be at most 255 characters', 'idempotencyKey');
    // Checked first so an unknown contact is a clear NOT_FOUND and nothing is written.
    const contact = await ctx.loaders.contactById.load(input.contactId);
    if (!contact) throw codedError(ErrorCode.NOT_FOUND, `CRM contact ${input.contactId} does not exist`, { system: 'crm', field: 'contactId' });
    const note = await ctx.connector.createNote({ contactId: contact.id, body, occurredAt: new Date(occurredAt).toISOString(), idempotencyKey: key });
    ctx.loaders.noteById.prime(note.id, note);
    ctx.loaders.notesByContactId.clear(contact.id);
    return note;
  },
};
