/**
 * The contract between a channel subgraph and the identity hub. Every channel subgraph
 * serves its system's customer-like records at `GET /_identity/records?after=&limit=&since=`,
 * in this system-neutral shape. `since` (ISO 8601): only records updated at or after it, read
 * through the vendor's own updated-at filter; the hub's real-time sync asks for it every second. The hub reads every registered subgraph's feed to build
 * its links, so a new system needs no code in the hub: only its subgraph's feed.
 * The feed is off-graph on purpose: it is a bulk sync interface, not a client API.
 */
export interface SourceRecord {
  /** Registry name of the system (crm, shop, pos, social...). */
  system: string;
  /** The system's own id for the record, as a string. */
  externalId: string;
  /** What kind of record this is in the system (contact, customer, profile). */
  kind: string;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  /** Raw values as the system stores them; the hub normalises. */
  emails: string[];
  phones: string[];
  /** ISO 3166 alpha-2 country used to read local phone numbers (the record's address, else the system's default). */
  region: string | null;
  addresses: SourceAddress[];
  consent: SourceConsent[];
  /** Explicit references this record holds to other systems' records (e.g. a POS customer's CRM id). */
  references: SourceReference[];
  updatedAt: string;
}

export interface SourceAddress {
  line1: string | null;
  city: string | null;
  postalCode: string | null;
  country: string | null;
}

export type ConsentChannel = 'EMAIL' | 'SMS' | 'SOCIAL';
export type ConsentState = 'GRANTED' | 'DENIED' | 'UNKNOWN';

export interface SourceConsent {
  channel: ConsentChannel;
  state: ConsentState;
  capturedAt: string | null;
}

export interface SourceReference {
  system: string;
  externalId: string;
  /** Where the reference came from, for the link's audit reason (e.g. "square reference_id"). */
  via: string;
}

export interface SourceRecordPage {
  records: SourceRecord[];
  /** Opaque cursor for the next page; null on the last page. */
  next: string | null;
}

export const IDENTITY_FEED_PATH = '/_identity/records';
