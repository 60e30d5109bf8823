import type { Resolvers } from '../generated/resolvers.ts';
import { ChannelStatistics } from './channel-statistics.ts';
import { Customer, SourceLink, SourceRecord } from './customer.ts';
import { MatchSuggestion } from './match-suggestion.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';
import { DecideSuggestionResult, LinkRecordResult, MergeResult, UnlinkRecordResult, UnmergeResult } from './results.ts';
import { JSONScalar } from './scalars.ts';

export const resolvers: Resolvers = {
  JSON: JSONScalar,
  Query,
  Mutation,
  Customer,
  SourceLink,
  SourceRecord,
  MatchSuggestion,
  LinkRecordResult,
  UnlinkRecordResult,
  MergeResult,
  UnmergeResult,
  DecideSuggestionResult,
  ChannelStatistics,
};
