import type { CustomerResolvers } from '../generated/resolvers.ts';
import type { CrmContactModel } from '../mappers.ts';

export const Customer: CustomerResolvers = {
  /**
   * The gateway sends `{ id, links }` for each Customer; all of a page's customers load
   * their contacts through one loader, so 50 customers cost one batch call, not 50.
   * A link to a contact deleted in the CRM is skipped rather than failing the person.
   */
  crmContacts: async (customer, _args, ctx) => {
    const ids = (customer.links ?? []).filter((link) => link.system === 'crm').map((link) => link.externalId);
    if (ids.length === 0) return [];
    const loaded = await ctx.loaders.contactById.loadMany(ids);
    const contacts: CrmContactModel[] = [];
    for (const item of loaded) {
      if (item instanceof Error) throw item;
      if (item) contacts.push(item);
    }
    return contacts;
  },
};
