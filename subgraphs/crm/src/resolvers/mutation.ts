import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { INTERACTION_CHANNELS, type CrmContactModel, type InteractionChannel } from '../mappers.ts';
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
    await ctx.cache?.del([['notes-of-contact', contact.id]]);
    return note;
  },

  /**
   * An interaction from any channel, written to the CRM as a note (a call for PHONE) on the
   * person's contact. Validation and the contact lookup come first, so bad input writes nothing.
   * Without `crmContactId` the CRM is searched for a contact carrying `omnigraph_customer_id`
   * (one an earlier interaction created); only when there is none is a contact created, carrying
   * that property, so a retry (or a second interaction) finds the same contact.
   */
  recordInteraction: async (_root, { input }, ctx) => {
    if (!CUSTOMER_ID.test(input.customerId)) throw badInput('customerId must be an identity hub customer id (cus_...)', 'customerId');
    if (!(INTERACTION_CHANNELS as readonly string[]).includes(input.channel)) throw badInput(`channel must be one of ${INTERACTION_CHANNELS.join(', ')}`, 'channel');
    const channel = input.channel as InteractionChannel;
    const summary = input.summary.trim();
    if (summary.length === 0 || summary.length > BODY_MAX) throw badInput(`summary must be 1 to ${BODY_MAX} characters`, 'summary');
    const occurredAt = input.occurredAt ?? new Date().toISOString();
    if (Number.isNaN(Date.parse(occurredAt))) throw badInput('occurredAt is not an ISO-8601 date and time', 'occurredAt');
    const key = input.idempotencyKey.trim();
    if (key.length === 0 || key.length > 200) throw badInput('idempotencyKey must be 1 to 200 characters', 'idempotencyKey');

    let contact: CrmContactModel | null;
    let contactCreated = false;
    if (input.crmContactId !== null && input.crmContactId !== undefined) {
      if (!isCrmId(input.crmContactId)) throw badInput('crmContactId must be a numeric CRM contact id', 'crmContactId');
      contact = await ctx.loaders.contactById.load(input.crmContactId);
      if (!contact) throw codedError(ErrorCode.NOT_FOUND, `CRM contact ${input.crmContactId} does not exist`, { system: 'crm', field: 'crmContactId' });
      const owner = contact.properties.omnigraph_customer_id;
      if (owner && owner !== input.customerId) throw badInput(`CRM contact ${contact.id} was created for another customer`, 'crmContactId');
    } else {
      // One search for the contact an earlier interaction created; a write only when there is none.
      contact = await ctx.connector.createContactForCustomer({ customerId: input.customerId });
      ctx.loaders.contactById.prime(contact.id, contact);
      contactCreated = true;
    }

    const when = new Date(occurredAt).toISOString();
    if (channel === 'PHONE') {
      const call = await ctx.connector.createCall({ contactId: contact.id, title: oneLine(summary), body: summary, occurredAt: when, idempotencyKey: key });
      ctx.loaders.callsByContactId.clear(contact.id);
      await ctx.cache?.del([['calls-of-contact', contact.id]]);
      return { contact, contactCreated, channel, note: null, call };
    }
    const note = await ctx.connector.createNote({ contactId: contact.id, body: summary, occurredAt: when, idempotencyKey: key, channel });
    ctx.loaders.noteById.prime(note.id, note);
    ctx.loaders.notesByContactId.clear(contact.id);
    await ctx.cache?.del([['notes-of-contact', contact.id]]);
    return { contact, contactCreated, channel, note, call: null };
  },
};

const CUSTOMER_ID = /^cus_[a-z2-7]{16}$/;
const oneLine = (text: string) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
};
