import { SYSTEM } from '../connector/index.ts';
import type { SocialProfileResolvers } from '../generated/resolvers.ts';
import { pageSize, toPlatform } from './shared.ts';

export const SocialProfile: SocialProfileResolvers = {
  __resolveReference: (ref, { loaders }) => loaders.profileById.load(ref.id),
  platform: (profile) => toPlatform(profile.platform),
  pageId: (profile) => profile.page_id,
  page: async (profile, _args, { loaders }) => (await loaders.allPages()).find((page) => page.id === profile.page_id) ?? null,
  name: (profile) => profile.name ?? ([profile.first_name, profile.last_name].filter(Boolean).join(' ') || null),
  firstName: (profile) => profile.first_name ?? null,
  lastName: (profile) => profile.last_name ?? null,
  profilePic: (profile) => profile.profile_pic ?? null,
  // The identity hub resolves this key; null there when the profile is not linked.
  identity: (profile) => ({ system: SYSTEM, externalId: profile.id }),
  conversations: async (profile, { first }, { loaders }) => {
    const limit = pageSize(first, 'first');
    if (limit === 0) return [];
    return loaders.conversationsByProfileId.load({ profile, limit });
  },
  referrals: (profile, _args, { loaders }) => loaders.referralsByProfileId.load(profile),
};
