import { badInput } from '../../../../lib/errors.ts';
import type { ChannelStatisticsResolvers } from '../generated/resolvers.ts';

export const ChannelStatistics: ChannelStatisticsResolvers = {
  combinations(stats, { first }) {
    const n = first ?? 10;
    if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput('first must be 1 to 100', 'first');
    return stats.combinations.slice(0, n);
  },
};
