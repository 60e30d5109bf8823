import { describe, expect, it } from 'vitest';
import { chooseNoticeChannel, type ChannelFacts } from './notice-channel.ts';

const now = Date.parse('2026-12-01T12:00:00Z');
const hoursAgo = (h: number) => new Date(now - h * 3600_000).toISOString();
const email = (consent: ChannelFacts['consent'], address: string | null = 'ploy@example.com'): ChannelFacts => ({ channel: 'EMAIL', consent, address });
const social = (consent: ChannelFacts['consent'], lastInboundAt: string | null = null, address: string | null = 'psid-1'): ChannelFacts => ({ channel: 'SOCIAL', consent, address, lastInboundAt });

describe('chooseNoticeChannel', () => {
  it('the issue\'s case: preferred EMAIL with EMAIL GRANTED goes by email, not social with SOCIAL UNKNOWN', () => {
    const d = chooseNoticeChannel({ channels: [email('GRANTED'), social('UNKNOWN', hoursAgo(48))], preferredChannel: 'EMAIL', now });
    expect(d).toMatchObject({ channel: 'EMAIL', rule: 'PREFERRED_CHANNEL_CONSENT_GRANTED', basis: 'CONSENT_GRANTED', address: 'ploy@example.com' });
    expect(d.options.map((o) => [o.channel, o.allowed, o.preferred])).toEqual([
      ['EMAIL', true, true],
      ['SOCIAL', false, false],
    ]);
  });

  it('takes the preferred social platform first when both channels are GRANTED', () => {
    const d = chooseNoticeChannel({ channels: [email('GRANTED'), social('GRANTED')], preferredChannel: 'LINE', now });
    expect(d).toMatchObject({ channel: 'SOCIAL', rule: 'PREFERRED_CHANNEL_CONSENT_GRANTED', address: 'psid-1' });
  });

  it('never uses a DENIED channel, even the preferred one with an open conversation; falls back to a GRANTED one', () => {
    const d = chooseNoticeChannel({ channels: [email('GRANTED'), social('DENIED', hoursAgo(1))], preferredChannel: 'MESSENGER', now });
    expect(d).toMatchObject({ channel: 'EMAIL', rule: 'OTHER_CHANNEL_CONSENT_GRANTED' });
    expect(d.options[0]).toMatchObject({ channel: 'SOCIAL', preferred: true, allowed: false, reason: 'SOCIAL consent DENIED: never used' });
  });

  it('replies on social with consent UNKNOWN only inside the 24-hour window the person opened (the transactional basis)', () => {
    const inside = chooseNoticeChannel({ channels: [email('UNKNOWN'), social('UNKNOWN', hoursAgo(2))], preferredChannel: 'MESSENGER', now });
    expect(inside).toMatchObject({ channel: 'SOCIAL', rule: 'PREFERRED_CHANNEL_OPEN_CONVERSATION', basis: 'OPEN_CONVERSATION' });
    const notPreferred = chooseNoticeChannel({ channels: [email('UNKNOWN'), social('UNKNOWN', hoursAgo(2))], preferredChannel: 'EMAIL', now });
    expect(notPreferred).toMatchObject({ channel: 'SOCIAL', rule: 'OTHER_CHANNEL_OPEN_CONVERSATION' });
  });

  it('sends nothing when no channel is allowed, and says why for each', () => {
    const d = chooseNoticeChannel({ channels: [email('UNKNOWN'), social('UNKNOWN', hoursAgo(30))], preferredChannel: 'MESSENGER', now });
    expect(d).toMatchObject({ channel: null, rule: 'NO_CHANNEL_ALLOWED', basis: null, address: null });
    expect(d.options.map((o) => o.reason)).toEqual(['SOCIAL consent UNKNOWN and no message from the person in the last 24 hours: no basis to send', 'EMAIL consent UNKNOWN: no basis to send']);
    expect(d.reason).toMatch(/no channel the customer agreed to$/);
  });

  it('a GRANTED channel without an address (no email, no linked profile) cannot carry the notice', () => {
    const d = chooseNoticeChannel({ channels: [email('GRANTED', null), social('GRANTED', null, null)], preferredChannel: null, now });
    expect(d.rule).toBe('NO_CHANNEL_ALLOWED');
    expect(d.options.map((o) => o.reason)).toEqual(['no email address on the profile', 'no social messaging profile linked']);
  });

  it('a preferred PHONE (no SMS sender) or no known preference falls back to EMAIL, then SOCIAL, and says so', () => {
    const phone = chooseNoticeChannel({ channels: [email('GRANTED'), social('GRANTED')], preferredChannel: 'PHONE', now });
    expect(phone).toMatchObject({ channel: 'EMAIL', rule: 'OTHER_CHANNEL_CONSENT_GRANTED' });
    expect(phone.reason).toMatch(/^preferred channel PHONE \(not a notice channel\)/);
    const none = chooseNoticeChannel({ channels: [email('DENIED'), social('GRANTED')], preferredChannel: null, preferenceNote: 'journey unavailable', now });
    expect(none).toMatchObject({ channel: 'SOCIAL', rule: 'OTHER_CHANNEL_CONSENT_GRANTED' });
    expect(none.reason).toMatch(/^no preferred channel \(journey unavailable\)/);
  });
});
