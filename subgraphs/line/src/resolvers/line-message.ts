import type { LineMessageResolvers } from '../generated/resolvers.ts';

export const LineMessage: LineMessageResolvers = {
  at: (m) => new Date(m.at).toISOString(),
};
