import { SYSTEM } from '../connector/index.ts';
import type { Context } from '../context.ts';
import type { Channel, CustomerResolvers, TimelineEvent } from '../generated/resolvers.ts';
import type { CustomerModel, GraphProfile } from '../mappers.ts';
import { isoTime } from './shared.ts';

/** At most this many events per person (newest kept); `TIMELINE_MAX_EVENTS`, default 200. */
const MAX_EVENTS = Math.max(1, Number.parseInt(process.env.TIMELINE_MAX_EVENTS ?? '', 10) || 200);
/** Threads read per profile and messages read per thread (both newest first). */
const CONVERSATIONS_PER_PROFILE = 25;
const MESSAGES_PER_CONVERSATION = 25;

const channelOf = (profile: GraphProfile): Channel => profile.platform.toUpperCase() as Channel;
const oneLine = (value: string | undefined, max = 140) => {
  const flat = (value ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const unwrap = <T>(results: (T | Error)[]): T[] => {
  const failed = results.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return results as T[];
};

/**
 * Social messaging's part of `Customer.journey`: the messages of each linked profile's threads
 * (channel = the platform) and the ad or link referrals that brought the person in (AD). A page
 * of customers costs one multi-ID profile read, one batch of thread reads, one batch of message
 * reads and one batch of referral reads.
 */
export async function socialTimeline(customer: CustomerModel, ctx: Context): Promise<TimelineEvent[]> {
  const ids = [...new Set((customer.links ?? []).filter((link) => link.system === SYSTEM).map((link) => link.externalId))];
  if (ids.length === 0) return [];
  const profiles = unwrap(await ctx.loaders.profileById.loadMany(ids)).filter((p): p is GraphProfile => p !== null);
  const [threads, referrals] = await Promise.all([
    ctx.loaders.conversationsByProfileId.loadMany(profiles.map((profile) => ({ profile, limit: CONVERSATIONS_PER_PROFILE }))).then(unwrap),
    ctx.loaders.referralsByProfileId.loadMany(profiles).then(unwrap),
  ]);
  const conversations = profiles.flatMap((profile, i) => (threads[i] ?? []).map((conversation) => ({ profile, conversation })));
  const messages = unwrap(
    await ctx.loaders.messagesByConversationId.loadMany(conversations.map(({ conversation }) => ({ conversationId: conversation.id, pageId: conversation.page_id, limit: MESSAGES_PER_CONVERSATION }))),
  );
  const base = { system: SYSTEM, amount: null, storeId: null, open: null, fulfillmentState: null };
  const events: TimelineEvent[] = [
    ...conversations.flatMap(({ profile, conversation }, i) =>
      (messages[i] ?? []).map((m) => {
        const fromCustomer = m.from !== undefined && m.from.id !== conversation.page_id;
        return {
          ...base,
          id: `${SYSTEM}:message:${m.id}`,
          channel: channelOf(profile),
          kind: 'MESSAGE' as const,
          occurredAt: isoTime(m.created_time),
          summary: `${fromCustomer ? 'Customer' : 'Page'}: ${oneLine(m.message) || '(attachment)'}`,
          subject: { typename: 'SocialConversation', id: conversation.id },
        };
      }),
    ),
    ...profiles.flatMap((profile, i) =>
      (referrals[i] ?? []).map((r) => ({
        ...base,
        id: `${SYSTEM}:ad_referral:${profile.id}:${r.timestamp}`,
        channel: 'AD' as const,
        kind: 'AD_REFERRAL' as const,
        occurredAt: new Date(r.timestamp).toISOString(),
        summary: r.referral.ads_context_data?.ad_title
          ? `Ad on ${profile.platform}: ${r.referral.ads_context_data.ad_title}`
          : `Referral on ${profile.platform} via ${r.referral.source.toLowerCase()}`,
        subject: { typename: 'SocialProfile', id: profile.id },
      })),
    ),
  ];
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  return unique.sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.id < b.id ? 1 : -1)).slice(0, MAX_EVENTS);
}

export const CustomerTimeline: Pick<CustomerResolvers, 'socialTimeline'> = {
  socialTimeline: (customer, _args, ctx) => socialTimeline(customer, ctx),
};
