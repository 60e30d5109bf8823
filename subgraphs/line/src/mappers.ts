/**
 * LINE Messaging API DTOs (the spec's own types, generated into connector/api.ts) and the models
 * behind the GraphQL types (`XModel` maps type `X`, see codegen.ts).
 */
import type { components as Api } from './connector/api.ts';
import type { components as Webhook } from './connector/webhook.ts';

export type LineProfile = Api['schemas']['UserProfileResponse'];
export type LineFollowers = Api['schemas']['GetFollowersResponse'];
export type LineSentMessage = Api['schemas']['SentMessage'];
export type LineErrorBody = Api['schemas']['ErrorResponse'];
export type LineCallback = Webhook['schemas']['CallbackRequest'];
export type LineWebhookEvent = Webhook['schemas']['Event'];

export type LineUserModel = LineProfile;

/** A message of the event log (event-log.ts). */
export interface LineMessageModel {
  id: string;
  userId: string;
  at: number;
  fromCustomer: boolean;
  text: string | null;
}

export interface LinePushResultModel {
  messageId: string;
  user: LineProfile;
  retryKey: string;
  alreadyAccepted: boolean;
  sentAt: string;
}

/** `{ id, links }` representations the gateway sends for `Customer.lineUsers`. */
export interface CustomerModel {
  id: string;
  links?: { system: string; externalId: string }[];
}
