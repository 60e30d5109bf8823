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
  /**
   * The retailer's own record (a store location, the web warehouse, the shop itself), not a
   * customer: never linked. Its emails, phones and email domain are the retailer's own contact
   * values (cashiers type the store's email for walk-ins), never evidence that two customers are
   * one person. Kind `location` by convention.
   */
  retailer?: boolean;
  /**
   * Hints of the record's country besides `region` (which a feed sets only from the record's own
   * address or country): the hub reads local phone numbers with the first it can use.
   */
  hints?: RegionHints;
  /**
   * Text the person typed themself (messages they sent), kept only where it may hold an
   * identifier (a digit run or an `@`). The hub finds phones and emails in it; a match on one
   * names where it was typed ("typed in a LINE message on 2026-03-02").
   */
  typedTexts?: TypedText[];
}

export interface RegionHints {
  /** The person's locale (`th_TH`, `vi-VN`). */
  locale?: string | null;
  /** Currency the person buys in (`THB`, `VND`, `PLN`). */
  currency?: string | null;
  /** Country of the store the record was created at or buys at. */
  storeCountry?: string | null;
  /** Country of the channel's market (a social page for one country). */
  market?: string | null;
}

/** A digit run or an `@`: a message worth handing to the hub's identifier search (feeds send only these as typedTexts). */
export const MAY_HOLD_IDENTIFIER = /\d{3}|@/;

export interface TypedText {
  text: string;
  /** Where it was typed: `messenger`, `instagram`, `line`, `zalo`... */
  channel: string;
  /** The system's id of the message. */
  messageId: string;
  /** ISO-8601 time it was sent. */
  at: string;
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
