import type { CrmCallResolvers, CrmEmailResolvers, CrmNoteResolvers } from '../generated/resolvers.ts';
import { INTERACTION_CHANNELS, type InteractionChannel } from '../mappers.ts';
import { callDirection, emailDirection, num, text } from './values.ts';

export const CrmNote: CrmNoteResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.noteById.load(ref.id),
  body: (n) => text(n.properties.hs_note_body),
  occurredAt: (n) => text(n.properties.hs_timestamp),
  createdAt: (n) => n.createdAt,
  channel: (n) => {
    const value = text(n.properties.omnigraph_channel);
    return value && (INTERACTION_CHANNELS as readonly string[]).includes(value) ? (value as InteractionChannel) : null;
  },
};

export const CrmCall: CrmCallResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.callById.load(ref.id),
  title: (c) => text(c.properties.hs_call_title),
  body: (c) => text(c.properties.hs_call_body),
  direction: (c) => callDirection(c.properties.hs_call_direction),
  // HubSpot stores the duration in milliseconds.
  durationSeconds: (c) => {
    const ms = num(c.properties.hs_call_duration);
    return ms === null ? null : Math.round(ms / 1000);
  },
  status: (c) => text(c.properties.hs_call_status),
  occurredAt: (c) => text(c.properties.hs_timestamp),
  createdAt: (c) => c.createdAt,
};

export const CrmEmail: CrmEmailResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.emailById.load(ref.id),
  subject: (e) => text(e.properties.hs_email_subject),
  text: (e) => text(e.properties.hs_email_text),
  direction: (e) => emailDirection(e.properties.hs_email_direction),
  status: (e) => text(e.properties.hs_email_status),
  occurredAt: (e) => text(e.properties.hs_timestamp),
  createdAt: (e) => e.createdAt,
};
