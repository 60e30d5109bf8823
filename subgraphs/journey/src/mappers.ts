/**
 * What the journey subgraph receives and returns. `XModel` maps GraphQL type `X` (codegen.ts).
 */

/** One timeline event as a contributing subgraph returns it (the TimelineEvent value type). */
export interface EventData {
  id: string;
  channel: string;
  kind: string;
  occurredAt: string;
  summary: string;
  system: string;
  subject: { typename: string; id: string };
  amount?: { amount: string; currencyCode: string } | null;
  storeId?: string | null;
  open?: boolean | null;
  fulfillmentState?: string | null;
}

/** Consent as the identity hub's golden profile carries it (read through @requires). */
export interface ConsentData {
  channel: 'EMAIL' | 'SMS' | 'SOCIAL';
  state: 'GRANTED' | 'DENIED' | 'UNKNOWN';
  source?: { system: string } | null;
  updatedAt?: string | null;
}

/**
 * The representation the gateway sends: `id`, the identity hub's `profile { consent }` when
 * required, and one `<system>Timeline` list per contributing subgraph (null when that
 * subgraph failed). Which timelines exist is not known to this code: it reads every key
 * ending in `Timeline`.
 */
export interface CustomerModel {
  id: string;
  profile?: { consent?: ConsentData[] | null } | null;
  [field: string]: unknown;
}
