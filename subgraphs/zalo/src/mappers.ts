/** Zalo OA API DTOs and the models behind the GraphQL types (`XModel` maps type `X`, see codegen.ts). */

/** Every Zalo answer: `error` 0 and `data`, or a negative `error` and a `message` (HTTP 200 either way). */
export interface ZaloEnvelope<T> {
  data?: T;
  error: number;
  message: string;
}

/** `GET /v3.0/oa/user/detail`. */
export interface ZaloUserDetail {
  user_id: string;
  display_name: string;
  avatar?: string;
  user_is_follower?: boolean;
  /** `dd/MM/yyyy`. */
  user_last_interaction_date?: string;
  shared_info?: { phone?: number | string; name?: string; address?: string; city?: string };
}

/** `GET /v3.0/oa/user/getlist`. */
export interface ZaloUserList {
  total: number;
  count: number;
  offset: number;
  users: { user_id: string }[];
}

/** One message of `GET /v2.0/oa/conversation`: `src` 1 = from the user, 0 = from the OA. */
export interface ZaloConversationMessage {
  message_id: string;
  src: number;
  time: number;
  type: string;
  message?: string;
  from_id?: string;
  to_id?: string;
}

export type ZaloUserModel = ZaloUserDetail;
export type ZaloMessageModel = ZaloConversationMessage;

export interface ZaloSendResultModel {
  messageId: string;
  user: ZaloUserDetail;
  sentAt: string;
}

export interface CustomerModel {
  id: string;
  links?: { system: string; externalId: string }[];
}
