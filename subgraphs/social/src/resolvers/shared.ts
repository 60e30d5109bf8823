import { badInput } from '../../../../lib/errors.ts';
import type { GraphPlatform } from '../mappers.ts';
import type { SocialPlatform } from '../generated/resolvers.ts';

export const toPlatform = (platform: GraphPlatform): SocialPlatform => platform.toUpperCase() as SocialPlatform;

/** Graph writes `+0000` offsets; DateTime is ISO-8601 in UTC. */
export function isoTime(graphTime: string): string {
  const date = new Date(graphTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? graphTime : date.toISOString();
}

/** A `first` argument within Graph's page size (100); 0 means none. */
export function pageSize(first: number, field: string): number {
  if (!Number.isInteger(first) || first < 0) throw badInput(`${field} must be zero or a positive integer`, field);
  return Math.min(first, 100);
}
