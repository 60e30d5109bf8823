import { badInput } from '../../../../lib/errors.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

/** HubSpot ids are numeric strings; anything else cannot name a contact. */
export const isCrmId = (id: string) => /^\d{1,30}$/.test(id);

export const Query: QueryResolvers = {
  crmContact: (_root, { id }, ctx) => {
    if (!isCrmId(id)) throw badInput('id must be a numeric CRM contact id', 'id');
    return ctx.loaders.contactById.load(id);
  },
  crmContactByEmail: (_root, { email }, ctx) => {
    const trimmed = email.trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) throw badInput('email is not an email address', 'email');
    return ctx.loaders.contactByEmail.load(trimmed);
  },
};
