import { createHmac, createSecretKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { deployment } from '../config.ts';
import { normaliseRoles } from './roles.ts';

/**
 * Trusted internal calls. Subgraphs answer only calls signed with the deployment's internal key:
 * an HS256 JWT in the `x-omnigraph-internal` header, audience = the called subgraph, 60 s
 * lifetime, carrying the request id, the caller and its roles. The caller's roles travel only
 * here: a subgraph ignores `x-omnigraph-roles`. The gateway signs for its clients; the identity
 * hub (reading the channels' identity feeds) and the flows service sign as themselves.
 *
 * Signing is synchronous (node:crypto HMAC over a compact JWT) because the gateway signs once
 * per subgraph fetch on the executor's hot path; verification uses jose.
 */
export const INTERNAL_TOKEN_HEADER = 'x-omnigraph-internal';
export const INTERNAL_TOKEN_TTL_SECONDS = 60;
/** Development keys carry this prefix, so the production configuration can refuse them. */
export const DEV_KEY_PREFIX = 'dev-';
const MIN_KEY_LENGTH = 32;

export interface InternalCaller {
  /** Who the operation is for: the end user's `sub`, or a service (`service:flows`). */
  actor: string;
  roles: string[];
  requestId: string;
  /** Who signed: `gateway`, `identity`, `flows`, `test`. */
  issuer: string;
}

export interface InternalKey {
  readonly secret: Uint8Array;
  readonly dev: boolean;
  /** For signing: a KeyObject made once (createHmac with raw bytes re-imports the key on every call). */
  readonly signing: KeyObject;
  /** For jose: a CryptoKey imported once, lazily (jose imports a raw secret again on every verification). */
  verifying(): Promise<webcrypto.CryptoKey>;
}

/** A fresh development key (`npm start` makes one per run and passes it to every process). */
export const generateDevKey = (): string => `${DEV_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;

/**
 * `INTERNAL_SIGNING_KEY`, validated at start: required everywhere (npm start and the tests
 * provide one); in the production configuration (`OMNIGRAPH_ENV=production`) a development
 * key is refused.
 */
export function loadInternalKey(env: NodeJS.ProcessEnv = process.env): InternalKey {
  const value = env.INTERNAL_SIGNING_KEY;
  if (!value) throw new Error('Invalid configuration: INTERNAL_SIGNING_KEY is required (npm start generates a development key; set a secret of at least 32 characters)');
  if (value.length < MIN_KEY_LENGTH) throw new Error(`Invalid configuration: INTERNAL_SIGNING_KEY must be at least ${MIN_KEY_LENGTH} characters`);
  const dev = value.startsWith(DEV_KEY_PREFIX);
  if (dev && deployment(env) === 'production') throw new Error('Invalid configuration: INTERNAL_SIGNING_KEY is a development key; the production configuration needs its own secret');
  const secret = new TextEncoder().encode(value);
  let imported: Promise<webcrypto.CryptoKey> | undefined;
  return Object.freeze({
    secret,
    dev,
    signing: createSecretKey(secret),
    verifying: () => (imported ??= webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])),
  });
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signInternalToken(key: InternalKey, audience: string, caller: InternalCaller, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const payload = b64(
    JSON.stringify({ iss: caller.issuer, aud: audience, sub: caller.actor, roles: caller.roles, rid: caller.requestId, iat: nowSeconds, exp: nowSeconds + INTERNAL_TOKEN_TTL_SECONDS }),
  );
  const signature = createHmac('sha256', key.signing).update(`${HEADER}.${payload}`).digest('base64url');
  return `${HEADER}.${payload}.${signature}`;
}

/** The headers of an internal call to `audience`. */
export function internalHeaders(key: InternalKey, audience: string, caller: InternalCaller): Record<string, string> {
  return { [INTERNAL_TOKEN_HEADER]: signInternalToken(key, audience, caller), 'x-request-id': caller.requestId };
}

export class InternalAuthError extends Error {}

/**
 * Tokens already verified, until they expire: the gateway signs one token per subgraph per
 * operation, and an operation may call a subgraph several times (entity fetches plan step after
 * plan step). The same token string carries the same verified claims; bounded and per key.
 */
const verifiedTokens = new WeakMap<InternalKey, LRUCache<string, InternalCaller>>();
function cacheFor(key: InternalKey): LRUCache<string, InternalCaller> {
  let cache = verifiedTokens.get(key);
  if (!cache) verifiedTokens.set(key, (cache = new LRUCache<string, InternalCaller>({ max: 10_000, ttl: INTERNAL_TOKEN_TTL_SECONDS * 1000, ttlAutopurge: false })));
  return cache;
}

/** The verified caller of a request to `audience`; throws InternalAuthError for a missing, forged, expired or misaddressed token. */
export async function verifyInternalToken(key: InternalKey, audience: string, headers: IncomingHttpHeaders): Promise<InternalCaller> {
  const raw = headers[INTERNAL_TOKEN_HEADER];
  const token = Array.isArray(raw) ? raw[0] : raw;
  if (!token) throw new InternalAuthError('an internal call needs a signed token');
  const cache = cacheFor(key);
  const cacheKey = `${audience}\0${token}`;
  const known = cache.get(cacheKey);
  if (known) return known;
  try {
    const { payload } = await jwtVerify(token, await key.verifying(), { audience, algorithms: ['HS256'], maxTokenAge: `${INTERNAL_TOKEN_TTL_SECONDS + 5}s`, clockTolerance: 5 });
    const roles = Array.isArray(payload.roles) ? normaliseRoles(payload.roles.filter((r): r is string => typeof r === 'string')) : [];
    const caller: InternalCaller = Object.freeze({
      actor: typeof payload.sub === 'string' && payload.sub ? payload.sub.slice(0, 200) : 'unknown',
      roles,
      requestId: typeof payload.rid === 'string' ? payload.rid : '',
      issuer: typeof payload.iss === 'string' ? payload.iss : 'unknown',
    });
    // Kept no longer than the token is valid.
    const ttl = typeof payload.exp === 'number' ? payload.exp * 1000 - Date.now() : 0;
    if (ttl > 0) cache.set(cacheKey, caller, { ttl });
    return caller;
  } catch (error) {
    throw new InternalAuthError(`the internal token is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let processKey: InternalKey | undefined;
/**
 * This process's internal key, read from the environment once. The key belongs to the process,
 * not to one subgraph's configuration: the subgraph server verifies with it, and the identity hub
 * and the flows service sign their own calls with it.
 */
export function processInternalKey(): InternalKey {
  return (processKey ??= loadInternalKey(process.env));
}
