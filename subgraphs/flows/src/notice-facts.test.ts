import { describe, expect, it } from 'vitest';
import { channelInsightRequires, gatherNoticeFacts, identityRequiredSelection } from './notice-facts.ts';

describe('the representation the preferred channel is read with', () => {
  it('is what the journey schema says channelInsight requires: the hub\'s profile consent and every system\'s timeline', () => {
    const fields = channelInsightRequires().map((f) => f.name.value);
    expect(fields[0]).toBe('profile');
    // The rest are the systems' timelines (as many as the registry's systems contribute).
    expect(fields.slice(1).length).toBeGreaterThan(0);
    expect(fields.slice(1).every((f) => /^[a-z][A-Za-z0-9]*Timeline$/.test(f))).toBe(true);
    expect(identityRequiredSelection()).toBe('profile {\n  consent {\n    channel\n    state\n    source {\n      system\n    }\n    updatedAt\n  }\n}');
  });
});

describe('which messaging subgraph a SOCIAL notice leaves through', () => {
  const person = (links: { system: string; externalId: string }[], socialConsent = 'GRANTED') =>
    ({ id: 'cus_1', links, profile: { primaryEmail: null, consent: [{ channel: 'SOCIAL', state: socialConsent }] } }) as unknown as Parameters<typeof gatherNoticeFacts>[1];
  const calls: string[] = [];
  // Each messaging subgraph answers its own query; the journey prefers LINE.
  const call = (async (subgraph: string, query: string, variables: Record<string, unknown>) => {
    calls.push(subgraph);
    if (subgraph === 'journey') return { _entities: [{ channelInsight: { preferredChannel: 'LINE', preferredChannelReason: 'most used' } }] };
    if (subgraph === 'line') return { lineUser: { userId: variables.id, messages: [{ at: '2026-01-02T10:00:00.000Z', fromCustomer: true }] } };
    if (subgraph === 'zalo') return { zaloUser: null };
    if (subgraph === 'social' && query.includes('socialProfile')) return { socialProfile: { id: variables.id, platform: 'MESSENGER', conversations: [] } };
    return { _entities: [{}] };
  }) as unknown as Parameters<typeof gatherNoticeFacts>[0];

  it('reads LINE users through the line subgraph and sends on the preferred platform\'s profile', async () => {
    const facts = await gatherNoticeFacts(call, person([{ system: 'social', externalId: '6254' }, { system: 'line', externalId: 'U1' }, { system: 'zalo', externalId: '25' }]), 'r1');
    expect(facts.socialSystem).toBe('line');
    expect(facts.channels.find((c) => c.channel === 'SOCIAL')).toMatchObject({ address: 'U1', lastInboundAt: '2026-01-02T10:00:00.000Z' });
    expect(calls).toEqual(expect.arrayContaining(['line', 'zalo', 'social']));
  });

  it('keeps a Meta profile on the social subgraph', async () => {
    const facts = await gatherNoticeFacts(call, person([{ system: 'social', externalId: '6254' }]), 'r2');
    expect(facts).toMatchObject({ socialSystem: 'social', channels: expect.arrayContaining([expect.objectContaining({ channel: 'SOCIAL', address: '6254' })]) });
  });
});
