import type { CrmContactResolvers } from '../generated/resolvers.ts';
import { bool, contactEmails, contactPhones, lifecycleStage, text } from './values.ts';

export const CrmContact: CrmContactResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.contactById.load(ref.id),
  firstName: (c) => text(c.properties.firstname),
  lastName: (c) => text(c.properties.lastname),
  name: (c) => [text(c.properties.firstname), text(c.properties.lastname)].filter(Boolean).join(' ') || text(c.properties.email),
  email: (c) => text(c.properties.email),
  emails: (c) => contactEmails(c.properties.email, c.properties.hs_additional_emails),
  phones: (c) => contactPhones(c.properties.phone, c.properties.mobilephone),
  lifecycleStage: (c) => lifecycleStage(c.properties.lifecyclestage),
  country: (c) => text(c.properties.country)?.toUpperCase() ?? null,
  city: (c) => text(c.properties.city),
  emailOptOut: (c) => bool(c.properties.hs_email_optout),
  createdAt: (c) => c.createdAt,
  updatedAt: (c) => c.updatedAt,
  // The identity hub resolves Customer by this key; it answers null when the contact is not linked.
  identity: (c) => ({ system: 'crm', externalId: c.id }),
  notes: (c, _args, ctx) => ctx.loaders.notesByContactId.load(c.id),
  calls: (c, _args, ctx) => ctx.loaders.callsByContactId.load(c.id),
  emailMessages: (c, _args, ctx) => ctx.loaders.emailsByContactId.load(c.id),
  tickets: (c, _args, ctx) => ctx.loaders.ticketsByContactId.load(c.id),
};
