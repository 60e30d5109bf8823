import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ErrorCode } from '../../lib/errors.ts';
import { INTERNAL_TOKEN_HEADER, normaliseRoles, PRIVILEGED_ROLES, signInternalToken, type InternalKey, type Role } from '../../lib/authorization/index.ts';
import type { GatewayConfig } from './config.ts';

/**
 * Who is calling. The gateway is the one place that authenticates clients; it tells subgraphs
 * who the caller is only inside a signed internal token (lib/authorization/internal-token.ts),
 * one per subgraph call, so a subgraph trusts no header a client could set.
 *   AUTH_MODE=jwt  a bearer JWT verified with AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL;
 *                  roles from the `roles` claim, actor from `sub`. No valid token: 401.
 *   AUTH_MODE=dev  (embedded default, for one machine; refused in the production configuration)
 *                  the caller names its roles in `x-omnigraph-roles`, itself in
 *                  `x-omnigraph-actor`; AUTH_DEV_ROLES (default `agent`) when it names no
 *                  roles. `steward` and `admin` are granted only to a caller that names itself:
 *                  an unnamed caller is never privileged.
 * Roles outside roles.ts's list are dropped.
 */
export interface Caller {
  actor: string;
  roles: Role[];
}

export type Authenticate = (req: IncomingMessage) => Promise<Caller>;

const headerValue = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
export const parseRoles = (value: unknown): Role[] =>
  normaliseRoles((Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : []).filter((r): r is string => typeof r === 'string' && r !== ''));

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

export function createAuthenticator(config: GatewayConfig): Authenticate {
  if (config.AUTH_MODE === 'dev') {
    const defaultRoles = parseRoles(config.AUTH_DEV_ROLES);
    return async (req) => {
      const named = headerValue(req, 'x-omnigraph-actor')?.trim().slice(0, 200);
      const asked = headerValue(req, 'x-omnigraph-roles');
      const roles = asked !== undefined ? parseRoles(asked) : defaultRoles;
      return { actor: named || 'dev', roles: named ? roles : roles.filter((r) => !PRIVILEGED_ROLES.includes(r)) };
    };
  }
  const key: Uint8Array | JWTVerifyGetKey = config.AUTH_JWKS_URL
    ? createRemoteJWKSet(new URL(config.AUTH_JWKS_URL))
    : new TextEncoder().encode(config.AUTH_JWT_SECRET);
  const options = {
    ...(config.AUTH_JWT_ISSUER ? { issuer: config.AUTH_JWT_ISSUER } : {}),
    ...(config.AUTH_JWT_AUDIENCE ? { audience: config.AUTH_JWT_AUDIENCE } : {}),
  };
  return async (req) => {
    const match = /^Bearer\s+(.+)$/i.exec(headerValue(req, 'authorization') ?? '');
    if (!match?.[1]) throw unauthenticated('A bearer token is required');
    try {
      const { payload } = await (key instanceof Uint8Array ? jwtVerify(match[1], key, options) : jwtVerify(match[1], key, options));
      return { actor: typeof payload.sub === 'string' ? payload.sub : 'unknown', roles: parseRoles(payload.roles) };
    } catch {
      throw unauthenticated('The bearer token is not valid');
    }
  };
}

/**
 * The headers of this operation's call to one subgraph: the request id and a token signed for
 * that subgraph (audience = its name) carrying the caller. Signed once per subgraph per operation.
 */
export function subgraphHeadersFor(key: InternalKey, requestId: string, caller: Caller): (serviceName: string) => Readonly<Record<string, string>> {
  const signed = new Map<string, Readonly<Record<string, string>>>();
  return (serviceName) => {
    let headers = signed.get(serviceName);
    if (!headers) {
      const token = signInternalToken(key, serviceName, { actor: caller.actor, roles: caller.roles, requestId, issuer: 'gateway' });
      signed.set(serviceName, (headers = { 'x-request-id': requestId, [INTERNAL_TOKEN_HEADER]: token }));
    }
    return headers;
  };
}
