import type { SocialReferralResolvers } from '../generated/resolvers.ts';

export const SocialReferral: SocialReferralResolvers = {
  source: (event) => event.referral.source,
  adId: (event) => event.referral.ad_id ?? null,
  adTitle: (event) => event.referral.ads_context_data?.ad_title ?? null,
  ref: (event) => event.referral.ref ?? null,
  at: (event) => new Date(event.timestamp).toISOString(),
};
