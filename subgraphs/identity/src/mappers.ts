import type { SourceRecord } from '../../../lib/identity-feed.ts';
import type { LinkRule } from './matching/match.ts';

/**
 * What resolvers pass around (codegen mappers: `XModel` maps GraphQL type `X`). Rows are read
 * from the database and mapped once in store.ts; mutation results are the small id-only objects
 * stored under an idempotency key, so a retried mutation returns exactly the first result.
 */

/** An active (not merged) customer. */
export interface CustomerModel {
  id: string;
  createdAt: string;
}

export interface SourceLinkModel {
  system: string;
  externalId: string;
  customerId: string;
  rule: LinkRule;
  evidence: Record<string, unknown>;
  linkedAt: string;
}

/** A linked record's raw SourceRecord, the input of the golden profile. */
export interface LinkedRecord {
  customerId: string;
  record: SourceRecord;
}

export interface MatchSuggestionModel {
  id: string;
  a: { system: string; externalId: string };
  b: { system: string; externalId: string };
  rule: string;
  evidence: Record<string, unknown>;
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED';
  createdAt: string;
}

export interface LinkRecordResultModel {
  auditId: string;
  customerId: string;
  previousCustomerId: string | null;
}

export interface UnlinkRecordResultModel {
  auditId: string;
  customerId: string;
  previousCustomerId: string;
}

export interface MergeResultModel {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  movedLinks: { system: string; externalId: string }[];
}

export interface UnmergeResultModel {
  auditId: string;
  survivorId: string;
  restoredId: string;
}

export interface DecideSuggestionResultModel {
  auditId: string;
  suggestionId: string;
  customerId: string | null;
}

/** Aggregate channel statistics (C9), computed by src/statistics.ts. */
export type ChannelStatisticsModel = import('./statistics.ts').ChannelStatisticsModel;

/** A system record a channel subgraph points at (`SourceRecord` in the schema). */
export interface SourceRecordModel {
  system: string;
  externalId: string;
}
