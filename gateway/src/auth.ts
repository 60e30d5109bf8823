import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { ErrorCode } from '../../lib/errors.ts';
import type { GatewayConfig } from './config.ts';

/**
 * Who is calling. The gateway is the one place that authenticates; subgraphs trust the
 * `x-omnigraph-actor` / `x-omnigraph-roles` headers only because the gateway sets them
 * and strips what a client sent (subgraphs are not exposed to clients).
 *   AUTH_MODE=jwt  a bearer JWT verified with AUTH_JWT_SECRET (HS256) or AUTH_JWKS_URL;
 *                  roles from the `roles` claim, actor from `sub`. No valid token: 401.
 *   AUTH_MODE=dev  (embedded default, for one machine) the caller names itself with those
 *                  headers; AUTH_DEV_ROLES when it does not. Never expose a dev gateway.
 */
export interface Caller {
  actor: string;
  roles: string[];
}

export type Authenticate = (req: IncomingMessage) => Promise<Caller>;

const headerValue = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};
const parseRoles = (value: unknown): string[] =>
  (Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : []).filter((r): r is string => typeof r === 'string' && r !== '');

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

export function createAuthenticator(config: GatewayConfig): Authenticate {
  if (config.AUTH_MODE === 'dev') {
    const defaultRoles = parseRoles(config.AUTH_DEV_ROLES);
    return async (req) => ({
      actor: headerValue(req, 'x-omnigraph-actor') ?? 'dev',
      roles: headerValue(req, 'x-omnigraph-roles') !== undefined ? parseRoles(headerValue(req, 'x-omnigraph-roles')) : defaultRoles,
    });
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

/** The headers every subgraph call carries for this operation. */
export function subgraphHeadersFor(requestId: string, caller: Caller): Record<string, string> {
  return { 'x-request-id': requestId, 'x-omnigraph-actor': caller.actor, 'x-omnigraph-roles': caller.roles.join(',') };
}
