/** Fixed clock of the generated world: everything happens before 2026-11-01T00:00:00Z. */
export const BASE_MS = Date.UTC(2026, 10, 1, 0, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const YEAR = 365 * DAY;

/** `2026-03-04T10:11:12.345Z` (HubSpot, Square). */
export const isoMs = (ms: number) => new Date(ms).toISOString();

/** `2026-03-04T10:11:12Z` */
export const isoSec = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** `2026-03-04T17:11:12+07:00`: Shopify answers in the shop's time zone (Asia/Bangkok). */
export const shopifyTime = (ms: number) => `${new Date(ms + 7 * HOUR).toISOString().slice(0, 19)}+07:00`;

/** `2026-03-04T10:11:12+0000` (Graph API). */
export const metaTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+0000`;

/** `1990-05-12` */
export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
