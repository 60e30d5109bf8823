import type { IncomingMessage } from 'node:http';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAuthenticator, subgraphHeadersFor } from './auth.ts';
import { loadGatewayConfig } from './config.ts';

const secret = 'a-test-secret-that-is-at-least-32-chars';
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const sign = (claims: Record<string, unknown>, key = secret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('agent-7').setExpirationTime('5m').sign(new TextEncoder().encode(key));

describe('gateway authentication', () => {
  const jwt = createAuthenticator(loadGatewayConfig({ AUTH_MODE: 'jwt', AUTH_JWT_SECRET: secret }));

  it('takes roles and actor from a verified JWT', async () => {
    const token = await sign({ roles: ['analyst', 'support'] });
    expect(await jwt(request({ authorization: `Bearer ${token}` }))).toEqual({ actor: 'agent-7', roles: ['analyst', 'support'] });
  });

  it('refuses a missing, forged or expired token with UNAUTHENTICATED and 401', async () => {
    const forged = await sign({ roles: ['admin'] }, 'another-secret-that-is-at-least-32-chars');
    const expired = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(secret));
    for (const headers of [{}, { authorization: `Bearer ${forged}` }, { authorization: `Bearer ${expired}` }] as Record<string, string>[]) {
      await expect(jwt(request(headers))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
    }
  });

  it('ignores role headers a client sends when tokens are required', async () => {
    const token = await sign({ roles: ['analyst'] });
    const caller = await jwt(request({ authorization: `Bearer ${token}`, 'x-omnigraph-roles': 'admin' }));
    expect(caller.roles).toEqual(['analyst']);
  });

  it('lets a caller name its roles in dev mode, defaulting to AUTH_DEV_ROLES', async () => {
    const dev = createAuthenticator(loadGatewayConfig({ AUTH_DEV_ROLES: 'analyst' }));
    expect(await dev(request({}))).toEqual({ actor: 'dev', roles: ['analyst'] });
    expect(await dev(request({ 'x-omnigraph-roles': 'admin,support', 'x-omnigraph-actor': 'ana' }))).toEqual({ actor: 'ana', roles: ['admin', 'support'] });
  });

  it('fails fast on a jwt mode without a key', () => {
    expect(() => loadGatewayConfig({ AUTH_MODE: 'jwt' })).toThrow(/AUTH_JWT_SECRET or AUTH_JWKS_URL/);
  });

  it('forwards the request id and the caller to subgraphs', () => {
    expect(subgraphHeadersFor('r-1', { actor: 'ana', roles: ['admin', 'support'] })).toEqual({
      'x-request-id': 'r-1',
      'x-omnigraph-actor': 'ana',
      'x-omnigraph-roles': 'admin,support',
    });
  });
});
