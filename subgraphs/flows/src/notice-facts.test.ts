import { describe, expect, it } from 'vitest';
import { channelInsightRequires, identityRequiredSelection } from './notice-facts.ts';

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
