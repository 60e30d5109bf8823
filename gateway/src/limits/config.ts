import { z } from 'zod';
import { loadConfig, millis } from '../../../lib/config.ts';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const bytes = (fallback: number) => z.coerce.number().int().min(1024).default(fallback);

/**
 * Operation limits of the gateway, from the environment (defaults in parentheses). The
 * defaults leave every example operation in schema/operations several times inside each
 * limit (see the limits unit test) and refuse the hostile inputs.
 */
export const limitsShape = {
  /**
   * Bytes of one document (64 KiB; the example operations are under 1 KiB). Long literals belong
   * in variables: a document's text is kept in the verdict, document and plan caches.
   */
  LIMIT_MAX_DOCUMENT_BYTES: bytes(64 * 1024),
  /** Lexical tokens in one document (2,000). */
  LIMIT_MAX_TOKENS: count(2_000),
  /** Field depth, fragments flattened, introspection not counted (12). */
  LIMIT_MAX_DEPTH: count(12),
  /** Aliases in one operation, fragments spread (30). */
  LIMIT_MAX_ALIASES: count(30),
  /** Directives in one operation (50). */
  LIMIT_MAX_DIRECTIVES: count(50),
  /** Fields selected once every fragment is spread in place (1,000). */
  LIMIT_MAX_SELECTIONS: count(1_000),
  /** Estimated cost: fields times the list sizes above them (100,000; CustomerSearch's page of 50 is 14,605). */
  LIMIT_MAX_COST: count(100_000),
  /**
   * Planning weight: per selection of a field with `@requires`, 1 + the fields it requires
   * (planning.ts) (600; one `journey` weighs 65, SupportContext 202, Customer360 16).
   */
  LIMIT_MAX_PLANNING_WEIGHT: count(600),
  /** Items assumed for a list with no `first`/`last` argument or default (10). */
  LIMIT_DEFAULT_LIST_SIZE: count(10),
  /**
   * Validation errors reported before graphql-js stops validating (10): each error is an
   * object with a stack trace, and a hostile document can otherwise make a hundred per request.
   */
  LIMIT_MAX_VALIDATION_ERRORS: count(10),
  /** Time budget of one operation, planning and every subgraph call included (15 s). */
  OPERATION_TIMEOUT_MS: millis(15_000),
  /** Request body (1 MiB), variables (256 KiB) and response body (16 MiB), in bytes. */
  MAX_BODY_BYTES: bytes(1024 * 1024),
  MAX_VARIABLES_BYTES: bytes(256 * 1024),
  MAX_RESPONSE_BYTES: bytes(16 * 1024 * 1024),
  /** Documents whose verdict is kept (least recently used dropped first) (2,000). */
  LIMIT_VERDICT_CACHE_SIZE: count(2_000),
};

export type LimitsConfig = Readonly<z.infer<z.ZodObject<typeof limitsShape>>>;

export const loadLimitsConfig = (env: NodeJS.ProcessEnv = process.env): LimitsConfig => loadConfig(limitsShape, env);
