/**
 * Which channel a notice (the pickup-ready message, and any other message a flow sends) may
 * leave on. Pure: the engine gathers the facts, this decides, the flow records the decision.
 *
 * A channel is allowed when the person can be reached on it and one of its bases holds:
 *  - CONSENT_GRANTED: the golden profile's consent for the channel is GRANTED;
 *  - OPEN_CONVERSATION (SOCIAL only, the transactional basis): consent is UNKNOWN and the person
 *    wrote to us on that messaging profile within the platform's standard messaging window
 *    (24 hours): the notice is a reply in a conversation they opened, sent as a RESPONSE.
 * EMAIL has no transactional basis here: the systems record one email consent, not a
 * marketing/transactional split, so only GRANTED allows it. SMS is not a notice channel (nothing
 * in the graph sends SMS). DENIED is never used, whatever else holds.
 *
 * Order: the customer's preferred channel first (as the journey's `ChannelInsight.preferredChannel`
 * names it: EMAIL, or a social platform for SOCIAL), then EMAIL, then SOCIAL. The first allowed
 * channel is chosen; none allowed means no notice, with every option's reason recorded.
 */
export type NoticeChannel = 'SOCIAL' | 'EMAIL';
export type ConsentState = 'GRANTED' | 'DENIED' | 'UNKNOWN';
export type NoticeBasis = 'CONSENT_GRANTED' | 'OPEN_CONVERSATION';
export type NoticeRule =
  | 'PREFERRED_CHANNEL_CONSENT_GRANTED'
  | 'PREFERRED_CHANNEL_OPEN_CONVERSATION'
  | 'OTHER_CHANNEL_CONSENT_GRANTED'
  | 'OTHER_CHANNEL_OPEN_CONVERSATION'
  | 'NO_CHANNEL_ALLOWED'
  | 'GUEST_ORDER'
  | 'UNKNOWN_CUSTOMER';

/** The platform's standard messaging window (Meta: 24 hours after the person's last message). */
export const MESSAGING_WINDOW_MS = 24 * 3600_000;
const DEFAULT_ORDER: readonly NoticeChannel[] = ['EMAIL', 'SOCIAL'];
/** The journey's channels (`Channel`) that a notice channel covers. */
const SOCIAL_PLATFORMS = new Set(['MESSENGER', 'INSTAGRAM', 'LINE', 'ZALO']);

export interface ChannelFacts {
  channel: NoticeChannel;
  consent: ConsentState;
  /** Where it would go: the social profile id, or the email address; null when the person has none. */
  address: string | null;
  /** SOCIAL: when the person last wrote on that profile; null when never or unknown. */
  lastInboundAt?: string | null;
}

export interface NoticeOption {
  channel: NoticeChannel;
  consent: ConsentState;
  preferred: boolean;
  allowed: boolean;
  basis: NoticeBasis | null;
  address: string | null;
  reason: string;
}

export interface NoticeDecision {
  channel: NoticeChannel | null;
  rule: NoticeRule;
  basis: NoticeBasis | null;
  address: string | null;
  /** The preferred channel as the journey names it (EMAIL, PHONE, MESSENGER...), or null. */
  preferredChannel: string | null;
  /** Every channel considered, in the order considered. */
  options: NoticeOption[];
  reason: string;
}

/** The notice channel a journey channel stands for; null for PHONE (no SMS sender) and the rest. */
export function noticeChannelOf(journeyChannel: string | null): NoticeChannel | null {
  if (journeyChannel === 'EMAIL') return 'EMAIL';
  if (journeyChannel && SOCIAL_PLATFORMS.has(journeyChannel)) return 'SOCIAL';
  return null;
}

function evaluate(facts: ChannelFacts, preferred: boolean, now: number): NoticeOption {
  const base = { channel: facts.channel, consent: facts.consent, preferred, address: facts.address };
  const refuse = (reason: string): NoticeOption => ({ ...base, allowed: false, basis: null, reason });
  if (facts.consent === 'DENIED') return refuse(`${facts.channel} consent DENIED: never used`);
  if (!facts.address) return refuse(facts.channel === 'SOCIAL' ? 'no social messaging profile linked' : 'no email address on the profile');
  if (facts.consent === 'GRANTED') return { ...base, allowed: true, basis: 'CONSENT_GRANTED', reason: `${facts.channel} consent GRANTED` };
  if (facts.channel === 'SOCIAL' && facts.lastInboundAt) {
    const age = now - Date.parse(facts.lastInboundAt);
    if (age >= 0 && age < MESSAGING_WINDOW_MS) {
      return { ...base, allowed: true, basis: 'OPEN_CONVERSATION', reason: `SOCIAL consent UNKNOWN; the person wrote on profile ${facts.address} at ${facts.lastInboundAt}, inside the 24-hour messaging window` };
    }
  }
  const window = facts.channel === 'SOCIAL' ? ' and no message from the person in the last 24 hours' : '';
  return refuse(`${facts.channel} consent UNKNOWN${window}: no basis to send`);
}

export function chooseNoticeChannel(input: { channels: readonly ChannelFacts[]; preferredChannel: string | null; preferenceNote?: string; now?: number }): NoticeDecision {
  const now = input.now ?? Date.now();
  const preferred = noticeChannelOf(input.preferredChannel);
  const order = preferred ? [preferred, ...DEFAULT_ORDER.filter((c) => c !== preferred)] : DEFAULT_ORDER;
  const options = order.map((channel) => {
    const facts = input.channels.find((f) => f.channel === channel) ?? { channel, consent: 'UNKNOWN' as const, address: null };
    return evaluate(facts, channel === preferred, now);
  });
  const preference = input.preferredChannel
    ? `preferred channel ${input.preferredChannel}${preferred ? '' : ' (not a notice channel)'}`
    : `no preferred channel${input.preferenceNote ? ` (${input.preferenceNote})` : ''}`;
  const chosen = options.find((o) => o.allowed);
  if (!chosen) {
    return {
      channel: null,
      rule: 'NO_CHANNEL_ALLOWED',
      basis: null,
      address: null,
      preferredChannel: input.preferredChannel,
      options,
      reason: `${preference}; ${options.map((o) => o.reason).join('; ')}: no channel the customer agreed to`,
    };
  }
  const rule = `${chosen.preferred ? 'PREFERRED_CHANNEL' : 'OTHER_CHANNEL'}_${chosen.basis}` as NoticeRule;
  const skipped = options.slice(0, options.indexOf(chosen)).map((o) => o.reason);
  return {
    channel: chosen.channel,
    rule,
    basis: chosen.basis,
    address: chosen.address,
    preferredChannel: input.preferredChannel,
    options,
    reason: [preference, ...skipped, chosen.reason].join('; '),
  };
}
