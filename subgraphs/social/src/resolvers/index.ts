import type { Resolvers } from '../generated/resolvers.ts';
import { Customer } from './customer.ts';
import { CustomerTimeline } from './timeline.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { SocialConversation } from './social-conversation.ts';
import { SocialMessage } from './social-message.ts';
import { SocialPage } from './social-page.ts';
import { SocialProfile } from './social-profile.ts';
import { SocialReferral } from './social-referral.ts';

export const resolvers: Resolvers = { Query, Mutation, Customer: { ...Customer, ...CustomerTimeline }, SocialProfile, SocialConversation, SocialMessage, SocialReferral, SocialPage };
