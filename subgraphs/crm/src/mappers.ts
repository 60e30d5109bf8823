/**
 * Upstream DTOs: HubSpot CRM v3 objects exactly as the API returns them. Every property value
 * is a string or null, whatever its meaning (dates, booleans, numbers). Interfaces named
 * `<GraphQLType>Model` are the codegen mappers of those types (see codegen.ts).
 */
export interface HubSpotObject<P> {
  /** Numeric string; can exceed 2^53, so never parsed as a number. */
  id: string;
  properties: P;
  createdAt: string;
  updatedAt: string;
  archived?: boolean;
}

type Props<K extends string> = { [P in K]?: string | null };

export const CONTACT_PROPERTIES = [
  'email',
  'hs_additional_emails',
  'firstname',
  'lastname',
  'phone',
  'mobilephone',
  'country',
  'city',
  'address',
  'zip',
  'lifecyclestage',
  'hs_email_optout',
  // Custom property: the identity hub customer a contact was created for (recordInteraction).
  'omnigraph_customer_id',
  'hs_object_id',
  'createdate',
  'lastmodifieddate',
] as const;
/**
 * Custom properties (the portal must define them, subgraphs/crm/README.md): `omnigraph_channel`, the
 * channel an interaction recorded through recordInteraction happened on; `omnigraph_idempotency_key`,
 * the client's key a note or call was written under, searched before writing so a retry finds it.
 * Engagements carry `hs_createdate` (contacts and tickets `createdate`).
 */
export const NOTE_PROPERTIES = ['hs_timestamp', 'hs_note_body', 'omnigraph_channel', 'omnigraph_idempotency_key', 'hs_createdate'] as const;
export const CALL_PROPERTIES = ['hs_timestamp', 'hs_call_title', 'hs_call_body', 'hs_call_direction', 'hs_call_duration', 'hs_call_status', 'omnigraph_idempotency_key', 'hs_createdate'] as const;
export const EMAIL_PROPERTIES = ['hs_timestamp', 'hs_email_subject', 'hs_email_text', 'hs_email_direction', 'hs_email_status', 'hs_createdate'] as const;
export const TICKET_PROPERTIES = ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', 'hs_ticket_category', 'closed_date', 'createdate'] as const;

export type CrmContactModel = HubSpotObject<Props<(typeof CONTACT_PROPERTIES)[number]>>;
export type CrmNoteModel = HubSpotObject<Props<(typeof NOTE_PROPERTIES)[number]>>;
export type CrmCallModel = HubSpotObject<Props<(typeof CALL_PROPERTIES)[number]>>;
export type CrmEmailModel = HubSpotObject<Props<(typeof EMAIL_PROPERTIES)[number]>>;
export type CrmTicketModel = HubSpotObject<Props<(typeof TICKET_PROPERTIES)[number]>>;

/** The engagement object types associated to contacts, by HubSpot object type name. */
export interface EngagementModels {
  notes: CrmNoteModel;
  calls: CrmCallModel;
  emails: CrmEmailModel;
  tickets: CrmTicketModel;
}
export type EngagementType = keyof EngagementModels;

/** A Customer representation from the gateway: the hub's id and, through @requires, its links. */
export interface CustomerModel {
  id: string;
  links?: readonly { system: string; externalId: string }[];
}

/** `GET /crm/v3/objects/{type}` and search. */
export interface HubSpotPage<T> {
  total?: number;
  results: T[];
  paging?: { next?: { after: string; link?: string } };
}

/** `POST /crm/v3/objects/{type}/batch/read` (200, or 207 with the missing ids in errors). */
export interface HubSpotBatchResponse<T> {
  status: string;
  results: T[];
  numErrors?: number;
  errors?: { status: string; category: string; message: string; context?: Record<string, string[]> }[];
}

/** `POST /crm/v4/associations/{from}/{to}/batch/read`. */
export interface HubSpotAssociationBatchResponse {
  status: string;
  results: {
    from: { id: string };
    /** HubSpot sends toObjectId as a JSON number on some API versions; read it as a string. */
    to: { toObjectId: string | number; associationTypes: { category: string; typeId: number; label: string | null }[] }[];
    paging?: { next?: { after: string } };
  }[];
  errors?: { category: string; subCategory?: string; message: string; context?: Record<string, string[]> }[];
}

/** `GET /crm/v3/pipelines/tickets`. */
export interface HubSpotPipeline {
  id: string;
  label: string;
  stages: { id: string; label: string; metadata: { isClosed?: string; ticketState?: string } }[];
}

/** HubSpot's error envelope and its 429 body. */
export interface HubSpotErrorBody {
  status?: string;
  message?: string;
  correlationId?: string;
  category?: string;
  subCategory?: string;
  errorType?: string;
  policyName?: string;
}

/** The journey's channels an interaction can be recorded for (GraphQL enum `Channel`, without AD). */
export const INTERACTION_CHANNELS = ['WEB', 'STORE', 'MESSENGER', 'INSTAGRAM', 'LINE', 'ZALO', 'PHONE', 'EMAIL', 'SUPPORT'] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export interface RecordInteractionResultModel {
  contact: CrmContactModel;
  contactCreated: boolean;
  channel: InteractionChannel;
  note: CrmNoteModel | null;
  call: CrmCallModel | null;
}
