/**
 * Graph API DTOs as the social connector receives them, and the models behind the
 * GraphQL types (`XModel` maps type `X`, see codegen.ts).
 */
export type GraphPlatform = 'messenger' | 'instagram';

export interface GraphParticipant {
  id: string;
  name?: string;
  /** `<PSID>@facebook.com`: a relay address Meta puts on messages, NOT the person's email. */
  email?: string;
}

/**
 * A messaging channel of a managed page (connector channelsOf): the Facebook Page (Messenger) or
 * its linked Instagram account, with the Page token that reads and writes for it.
 */
export interface GraphPage {
  /** The page id (Messenger) or the Instagram account id: the id the people's threads name. */
  id: string;
  name: string;
  platform: GraphPlatform;
  /** The Facebook Page the calls go through (`/{page-id}/conversations`, `/{page-id}/messages`). */
  apiPageId: string;
  /** That page's access token (`me/accounts?fields=access_token`); never leaves the connector. */
  token: string;
}

/** `GET /{psid}?fields=…`. `page_id` and `platform` are not Graph fields: the connector sets them from the page whose token read the profile. */
export interface GraphProfile {
  id: string;
  first_name?: string;
  last_name?: string;
  name?: string;
  profile_pic?: string;
  locale?: string;
  page_id: string;
  platform: GraphPlatform;
}

export interface GraphConversation {
  id: string;
  participants?: { data: GraphParticipant[] };
  /** Graph's format: `2026-01-10T10:00:00+0000`. */
  updated_time: string;
  message_count?: number;
  unread_count?: number;
  /** Set by the connector from the page the call was made for (not Graph fields). */
  page_id: string;
  platform: GraphPlatform;
}

export interface GraphMessage {
  id: string;
  created_time: string;
  from?: GraphParticipant;
  to?: { data: GraphParticipant[] };
  message?: string;
}

/** A `messaging_referrals` webhook event, as the retailer's event log keeps it. */
export interface GraphReferralEvent {
  sender: { id: string };
  recipient: { id: string };
  /** Milliseconds since the epoch. */
  timestamp: number;
  referral: {
    ref?: string;
    ad_id?: string;
    source: string;
    type?: string;
    ads_context_data?: { ad_title?: string };
  };
}

/** `{data, paging}` of every Graph edge; `paging.next` is absent on the last page. */
export interface GraphEdge<T> {
  data: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

export interface GraphErrorBody {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean; fbtrace_id?: string };
}

export type SocialPageModel = GraphPage;
export type SocialProfileModel = GraphProfile;
export type SocialConversationModel = GraphConversation;
/** A message knows its thread's page, to tell the person's messages from the page's. */
export type SocialMessageModel = GraphMessage & { pageId: string };
export type SocialReferralModel = GraphReferralEvent;
/** A sent message (Mutation.sendSocialMessage). */
export interface SocialSendResultModel {
  messageId: string;
  profile: GraphProfile;
  messagingType: string;
  tag: 'POST_PURCHASE_UPDATE' | 'HUMAN_AGENT' | 'ACCOUNT_UPDATE' | 'CONFIRMED_EVENT_UPDATE' | null;
  sentAt: string;
}

/** A Customer representation from the gateway: the hub's id and, through @requires, its links. */
export interface CustomerModel {
  id: string;
  links?: { system: string; externalId: string }[];
}
