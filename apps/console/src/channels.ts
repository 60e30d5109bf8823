import type { Channel } from '../../../schema/generated/graphql.ts';

/**
 * The journey's channel filter: the API's `Channel` values (checked against the generated type,
 * so a removed or renamed value fails `npm run check:types`).
 */
export const CHANNELS = ['WEB', 'STORE', 'MESSENGER', 'INSTAGRAM', 'LINE', 'ZALO', 'PHONE', 'EMAIL', 'SUPPORT', 'AD'] as const satisfies readonly Channel[];
export type { Channel };
