import { z } from 'zod';
import { deployment, loadConfig, millis, port, type Deployment } from '../../lib/config.ts';
import { loadInternalKey, parseRolesStrict, PRIVILEGED_ROLES, type InternalKey } from '../../lib/authorization/index.ts';
import { rootDir } from '../../lib/registry.ts';
import { loadLimitsConfig, type LimitsConfig } from './limits/config.ts';
import { loadTrustedDocumentsConfig, type TrustedDocumentsConfig } from './trusted-documents.ts';

export interface GatewayConfig {
  PORT: number;
  HOST: string;
  /** The composed supergraph to serve; operators roll out a new composition by pointing here. */
  SUPERGRAPH_PATH: string;
  /** Per-subgraph URL overrides from `SUBGRAPH_<NAME>_URL` (e.g. SUBGRAPH_POS_URL). */
  subgraphUrls: Readonly<Record<string, string>>;
  /** Time budget of one subgraph fetch; past it that subgraph's fields are null with a coded error. */
  SUBGRAPH_TIMEOUT_MS: number;
  EXPLORER: boolean;
  INTROSPECTION: boolean;
  /** `omnigraph` (default): our query-plan executor; `apollo`: plain @apollo/gateway. */
  GATEWAY_EXECUTOR: 'omnigraph' | 'apollo';
  /** Merge `_entities` fetches to one subgraph that are ready together into one request (executor only). */
  ENTITY_BATCHING: 'off' | 'tick' | 'immediate';
  /** Gateway processes sharing the port (multi-process mode for machines with more cores). */
  GATEWAY_WORKERS: number;
  /** `dev` (embedded default; refused in production): callers name their roles; `jwt`: verified bearer tokens (see auth.ts). */
  AUTH_MODE: 'dev' | 'jwt';
  /** Dev mode's roles for a caller that names none (default `agent`); never `steward` or `admin`. */
  AUTH_DEV_ROLES: string;
  AUTH_JWT_SECRET?: string | undefined;
  AUTH_JWKS_URL?: string | undefined;
  AUTH_JWT_ISSUER?: string | undefined;
  AUTH_JWT_AUDIENCE?: string | undefined;
  /** Operation, request and response limits (gateway/src/limits/config.ts). */
  limits: LimitsConfig;
  /** Trusted documents mode (gateway/src/trusted-documents.ts). */
  trustedDocuments: TrustedDocumentsConfig;
  /** `INTERNAL_SIGNING_KEY`: signs the gateway's calls to subgraphs (lib/authorization/internal-token.ts). */
  internalKey: InternalKey;
  /** `AUDIT_LOG_FILE`: where the audit log of personal-data reads goes (appended); stdout when unset. */
  AUDIT_LOG_FILE?: string | undefined;
  deployment: Deployment;
}

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const base = loadConfig(
    {
      PORT: port(4000),
      HOST: z.string().default('127.0.0.1'),
      SUPERGRAPH_PATH: z.string().default(`${rootDir}schema/supergraph.graphql`),
      SUBGRAPH_TIMEOUT_MS: millis(10_000),
      EXPLORER: z.enum(['true', 'false']).default('true'),
      INTROSPECTION: z.enum(['true', 'false']).default('true'),
      GATEWAY_EXECUTOR: z.enum(['omnigraph', 'apollo']).default('omnigraph'),
      GATEWAY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
      ENTITY_BATCHING: z.enum(['off', 'tick', 'immediate']).default('tick'),
      AUTH_MODE: z.enum(['dev', 'jwt']).default('dev'),
      AUTH_DEV_ROLES: z.string().default('agent'),
      AUTH_JWT_SECRET: z.string().min(32).optional(),
      AUTH_JWKS_URL: z.url().optional(),
      AUTH_JWT_ISSUER: z.string().optional(),
      AUTH_JWT_AUDIENCE: z.string().optional(),
      AUDIT_LOG_FILE: z.string().min(1).optional(),
    },
    env,
  );
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (!match?.[1] || !value) continue;
    if (!URL.canParse(value)) throw new Error(`Invalid configuration: ${key} is not a URL`);
    subgraphUrls[match[1].toLowerCase().replace(/_/g, '-')] = value;
  }
  if (base.AUTH_MODE === 'jwt' && !base.AUTH_JWT_SECRET && !base.AUTH_JWKS_URL) {
    throw new Error('Invalid configuration: AUTH_MODE=jwt needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
  }
  const devRoles = parseRolesStrict(base.AUTH_DEV_ROLES);
  if (typeof devRoles === 'string') throw new Error(`Invalid configuration: AUTH_DEV_ROLES: ${devRoles}`);
  if (devRoles.some((r) => PRIVILEGED_ROLES.includes(r))) {
    throw new Error(`Invalid configuration: AUTH_DEV_ROLES cannot grant ${PRIVILEGED_ROLES.join(' or ')} to every unnamed caller; name yourself with x-omnigraph-actor and ask for the role in x-omnigraph-roles`);
  }
  const where = deployment(env);
  if (where === 'production' && base.AUTH_MODE === 'dev') throw new Error('Invalid configuration: AUTH_MODE=dev is refused in the production configuration (OMNIGRAPH_ENV=production); use AUTH_MODE=jwt');
  return Object.freeze({
    ...base,
    internalKey: loadInternalKey(env),
    deployment: where,
    EXPLORER: base.EXPLORER === 'true',
    INTROSPECTION: base.INTROSPECTION === 'true',
    subgraphUrls: Object.freeze(subgraphUrls),
    limits: loadLimitsConfig(env),
    trustedDocuments: loadTrustedDocumentsConfig(env),
  });
}
