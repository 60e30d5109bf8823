import type { SocialPageResolvers } from '../generated/resolvers.ts';
import { toPlatform } from './shared.ts';

export const SocialPage: SocialPageResolvers = {
  platform: (page) => toPlatform(page.platform),
};
