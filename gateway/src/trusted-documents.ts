import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { deployment, loadConfig } from '../../lib/config.ts';
import { ErrorCode } from '../../lib/errors.ts';
import { requestError, type GraphQLParams } from '../../lib/http-graphql.ts';
import { rootDir } from '../../lib/registry.ts';

/**
 * Trusted documents: in this mode the gateway runs only operations registered by hash, the
 * example operations of schema/operations (GraphQL Code Generator's client preset writes their
 * manifest, schema/generated/persisted-documents.json, checked by `codegen:check`) and any
 * manifest a team adds to TRUSTED_DOCUMENTS_MANIFESTS. Callers with a role allowed to explore
 * (EXPLORER_ROLES) may still send ad hoc documents; the operation limits apply to everyone.
 *
 * A client names a registered document by `documentId` ("sha256:<hex>" or the bare hex, as the
 * client preset's hashes and GraphQL-over-HTTP persisted documents have it) or by Apollo's
 * `extensions.persistedQuery.sha256Hash`; sending the full text of a registered document works
 * too. On in the production configuration (OMNIGRAPH_ENV=production), off in development.
 *
 * With the mode off, Apollo's automatic persisted queries (APQ) work as usual; their cache is
 * ours (`apqCache`) so the guard can read a registered text and hold it to the limits, rather
 * than let a hash-only request skip them.
 */

export const trustedDocumentsShape = {
  /** `on` | `off`; unset: on in the production configuration, off in development. */
  TRUSTED_DOCUMENTS: z.enum(['on', 'off']).optional(),
  /** Comma-separated manifest files: `{ "<hash>": "<document>" }` or Apollo's persisted query manifest. */
  TRUSTED_DOCUMENTS_MANIFESTS: z.string().default(`${rootDir}schema/generated/persisted-documents.json`),
  /** Roles that may send ad hoc documents while the mode is on. */
  EXPLORER_ROLES: z.string().default('admin,analyst'),
};

export interface TrustedDocumentsConfig {
  enforce: boolean;
  manifests: readonly string[];
  explorerRoles: readonly string[];
}

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function loadTrustedDocumentsConfig(env: NodeJS.ProcessEnv = process.env): TrustedDocumentsConfig {
  const raw = loadConfig(trustedDocumentsShape, env);
  return Object.freeze({
    enforce: (raw.TRUSTED_DOCUMENTS ?? (deployment(env) === 'production' ? 'on' : 'off')) === 'on',
    manifests: Object.freeze(list(raw.TRUSTED_DOCUMENTS_MANIFESTS)),
    explorerRoles: Object.freeze(list(raw.EXPLORER_ROLES)),
  });
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const apolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  operations: z.array(z.object({ id: z.string(), body: z.string() })),
});
const hashMap = z.record(z.string(), z.string());

/** Registered documents by sha256 hex. Every entry's hash is checked at load: a wrong one fails start-up naming the file. */
export function loadTrustedDocuments(files: readonly string[]): ReadonlyMap<string, string> {
  const documents = new Map<string, string>();
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`Invalid configuration: TRUSTED_DOCUMENTS_MANIFESTS: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`);
    }
    const apollo = apolloManifest.safeParse(json);
    const entries = apollo.success ? apollo.data.operations.map((op) => [op.id, op.body] as const) : Object.entries(hashMap.parse(json));
    for (const [id, text] of entries) {
      const hash = bareHash(id);
      if (hash !== sha256(text)) throw new Error(`Invalid configuration: ${file}: the document registered as ${id} does not hash to it (sha256)`);
      documents.set(hash, text);
    }
  }
  return documents;
}

const bareHash = (id: string) => (id.startsWith('sha256:') ? id.slice('sha256:'.length) : id).toLowerCase();

/** Apollo's APQ store, owned here so the guard can read what APQ registered (see above). */
export function createApqCache(maxEntries = 1_000) {
  const entries = new LRUCache<string, string>({ max: maxEntries });
  return {
    async get(key: string) {
      return entries.get(key);
    },
    async set(key: string, value: string) {
      entries.set(key, value);
    },
    async delete(key: string) {
      entries.delete(key);
    },
    /** The text APQ registered under a hash (Apollo prefixes its keys with `apq:`). */
    peek: (hash: string) => entries.get(`apq:${hash}`),
  };
}
export type ApqCache = ReturnType<typeof createApqCache>;

export interface Caller {
  roles: readonly string[];
}

/**
 * Resolves a request to the document text it runs, or refuses it: the first stage of the
 * gateway's request guard (the operation limits are the second).
 */
export function createTrustedDocuments(config: TrustedDocumentsConfig, apq?: ApqCache) {
  const documents = loadTrustedDocuments(config.manifests);
  const explorerRoles = new Set(config.explorerRoles);
  const notFound = () => new GraphQLError('PersistedQueryNotFound', { extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_FOUND, http: { status: 200 } } });

  const resolve = (params: GraphQLParams, caller: Caller): GraphQLParams | GraphQLError => {
    const mayExplore = !config.enforce || caller.roles.some((role) => explorerRoles.has(role));
    const hash = requestedHash(params);
    if (hash === null) return requestError(ErrorCode.BAD_REQUEST, '`documentId` and `extensions.persistedQuery.sha256Hash` must be sha256 hashes (64 hex digits).');
    if (hash !== undefined) {
      const registered = documents.get(hash);
      if (registered !== undefined) {
        if (typeof params.query === 'string' && params.query !== registered && sha256(params.query) !== hash) {
          return requestError(ErrorCode.BAD_REQUEST, 'provided sha does not match query');
        }
        // Apollo gets the plain text: it neither re-checks nor stores a registered document in APQ.
        return { ...withoutPersistence(params), query: registered };
      }
      if (typeof params.query !== 'string') {
        const cached = mayExplore ? apq?.peek(hash) : undefined;
        if (cached !== undefined) return { ...params, query: cached };
        return notFound();
      }
    }
    if (mayExplore || typeof params.query !== 'string') return params;
    if (documents.has(sha256(params.query))) return params;
    return requestError(
      ErrorCode.OPERATION_NOT_TRUSTED,
      `Only registered operations run here: send a registered document's \`documentId\` or \`extensions.persistedQuery.sha256Hash\` (ad hoc documents need one of the roles ${[...explorerRoles].join(', ')}).`,
      403,
    );
  };
  return { resolve, size: documents.size, enforce: config.enforce };
}

/** The hash a request names (hex), `undefined` when it names none, `null` when it names a malformed one. */
function requestedHash(params: GraphQLParams): string | null | undefined {
  const extensions = params.extensions;
  const persisted =
    typeof extensions === 'object' && extensions !== null ? (extensions as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery : undefined;
  const id = params.documentId ?? persisted?.sha256Hash;
  if (id === undefined || id === null) return undefined;
  if (typeof id !== 'string') return null;
  const hash = bareHash(id);
  return /^[0-9a-f]{64}$/.test(hash) ? hash : null;
}

function withoutPersistence(params: GraphQLParams): GraphQLParams {
  const { documentId: _documentId, extensions, ...rest } = params;
  if (typeof extensions !== 'object' || extensions === null) return rest;
  const { persistedQuery: _persistedQuery, ...otherExtensions } = extensions as Record<string, unknown>;
  return Object.keys(otherExtensions).length > 0 ? { ...rest, extensions: otherExtensions } : rest;
}
