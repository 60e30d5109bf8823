import { z } from 'zod';
import { loadConfig, millis, port } from '../../../lib/config.ts';
import { loadRegistry, subgraphDefaults } from '../../../lib/registry.ts';
import type { MatchOptions } from './matching/match.ts';
import { ownValuesOf, type OwnValues } from './matching/values.ts';

export interface IdentitySource {
  name: string;
  baseUrl: string;
}

/**
 * `IDENTITY_SOURCES`: `name=http://host:port,...`. Unset means every registered subgraph
 * except this one, at its embedded default port, so a new system needs a registry entry only.
 */
export function parseSources(value: string | undefined): IdentitySource[] {
  if (value === undefined || value.trim() === '') {
    return loadRegistry()
      .filter((entry) => entry.name !== 'identity')
      .map((entry) => ({ name: entry.name, baseUrl: `http://127.0.0.1:${entry.port}` }));
  }
  if (value.trim() === 'none') return [];
  return value.split(',').map((part) => {
    const [name, url] = part.split('=').map((s) => s.trim());
    if (!name || !url || !/^https?:\/\//.test(url)) throw new Error(`Invalid configuration: IDENTITY_SOURCES entry "${part}" is not name=http://host:port`);
    return { name, baseUrl: url.replace(/\/$/, '') };
  });
}

export function loadSubgraphConfig(env: NodeJS.ProcessEnv = process.env) {
  const base = loadConfig(
    {
      PORT: port(subgraphDefaults('identity').port),
      /** Postgres when set (several hub processes); embedded PGlite otherwise. */
      DATABASE_URL: z.string().optional(),
      /** PGlite data directory; `memory://` keeps nothing (tests). */
      IDENTITY_DB_DIR: z.string().default('.data/identity-db'),
      IDENTITY_SOURCES: z.string().optional(),
      IDENTITY_BACKFILL: z.enum(['on-start', 'off']).default('on-start'),
      IDENTITY_FEED_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
      IDENTITY_FEED_TIMEOUT_MS: millis(10_000),
      /**
       * Over-shared cut-offs (counted over the whole data set): an email or phone carried by more
       * records than this, or by more distinct names than IDENTITY_MAX_NAMES_PER_VALUE, is nobody's
       * own (a placeholder, a store's number, a team inbox): never evidence, never a blocking key.
       * Below them, a value whose carriers' names disagree is evidence only with another identifier.
       */
      IDENTITY_MAX_RECORDS_PER_VALUE: z.coerce.number().int().min(2).default(12),
      IDENTITY_MAX_NAMES_PER_VALUE: z.coerce.number().int().min(1).default(4),
      /** The retailer's own email domains (`omnistore.example,omnistore.co.th`): addresses there are staff or stores, never a customer's evidence. */
      IDENTITY_OWN_EMAIL_DOMAINS: z
        .string()
        .default('')
        .transform((v) => v.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean))
        .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'domains such as omnistore.example'))),
      /** The scorer (src/matching/score.ts), in bits: link at or above (with two agreeing identifiers), suggest at or above. */
      IDENTITY_SCORE_LINK: z.coerce.number().default(18),
      IDENTITY_SCORE_SUGGEST: z.coerce.number().default(6),
      /** `off`: a record with no name at all (a walk-in) never links on its phone alone, it is suggested (matching/match.ts namelessPhoneOnly). */
      IDENTITY_NAMELESS_PHONE_ONLY: z.enum(['on', 'off']).default('on'),
      /**
       * Blocking (pipeline/components.ts): a key carried by more records joins no component and is
       * no evidence. Unset: IDENTITY_MAX_RECORDS_PER_VALUE. Must be at least the largest count
       * matching accepts as evidence, or the answer would depend on how the data was cut.
       */
      IDENTITY_BLOCK_MAX_RECORDS: z.coerce.number().int().min(2).optional(),
      /** Real-time sync (src/sync.ts): `on` reads every feed incrementally every IDENTITY_SYNC_INTERVAL_MS. */
      IDENTITY_SYNC: z.enum(['on', 'off']).default('on'),
      IDENTITY_SYNC_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(1000),
      /** Each incremental read starts this much before the watermark (clock skew between systems, search indexing delay). */
      IDENTITY_SYNC_OVERLAP_MS: z.coerce.number().int().min(0).max(86_400_000).default(30_000),
      /** A source claim held by a hub process that died is taken over after this. */
      IDENTITY_SYNC_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
      DEFAULT_PHONE_REGION: z.string().length(2).default('TH'),
      /**
       * Countries whose local numbers a record without a region may hold (a Square walk-in has
       * no address): such a number is read in each, as typed (see phoneReadings). `none`: only
       * DEFAULT_PHONE_REGION, as before.
       */
      IDENTITY_PHONE_MARKETS: z
        .string()
        .default('TH,VN,PL')
        .transform((v) => (v.trim().toLowerCase() === 'none' ? [] : v.split(',').map((m) => m.trim().toUpperCase()).filter(Boolean)))
        .pipe(z.array(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2 codes such as TH,VN,PL'))),
    },
    env,
  );
  if (base.IDENTITY_SCORE_SUGGEST > base.IDENTITY_SCORE_LINK) throw new Error('Invalid configuration: IDENTITY_SCORE_SUGGEST must not exceed IDENTITY_SCORE_LINK');
  return Object.freeze({ ...base, sources: parseSources(base.IDENTITY_SOURCES) });
}

/**
 * matchRecords' options from the configuration (the pipeline adds `keyStats`, and the own values
 * of the retailer's records when it matches one component at a time).
 */
export function matchOptions(config: Config): MatchOptions & { ownValues: OwnValues } {
  return {
    maxRecordsPerValue: config.IDENTITY_MAX_RECORDS_PER_VALUE,
    maxNamesPerValue: config.IDENTITY_MAX_NAMES_PER_VALUE,
    thresholds: { link: config.IDENTITY_SCORE_LINK, suggest: config.IDENTITY_SCORE_SUGGEST },
    namelessPhoneOnly: config.IDENTITY_NAMELESS_PHONE_ONLY === 'on',
    ownValues: ownValuesOf([], config.IDENTITY_OWN_EMAIL_DOMAINS),
  };
}

export type Config = ReturnType<typeof loadSubgraphConfig>;
