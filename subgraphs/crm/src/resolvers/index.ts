import type { Resolvers } from '../generated/resolvers.ts';
import { CrmContact } from './crm-contact.ts';
import { CrmTicket } from './crm-ticket.ts';
import { Customer } from './customer.ts';
import { CustomerTimeline } from './timeline.ts';
import { CrmCall, CrmEmail, CrmNote } from './engagements.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';

export const resolvers: Resolvers = { Query, Mutation, Customer: { ...Customer, ...CustomerTimeline }, CrmContact, CrmNote, CrmCall, CrmEmail, CrmTicket };
