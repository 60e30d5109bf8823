import type { IncomingMessage } from 'node:http';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAuthenticator, subgraphHeadersFor } from './auth.ts';
import { loadGatewayConfig as loadConfigFrom } from './config.ts';
import { loadInternalKey, verifyInternalToken, INTERNAL_TOKEN_HEADER } from '../../lib/authorization/index.ts';

const secret = 'a-test-secret-that-is-at-least-32-chars';
/** The tests' internal key (vitest.config.ts) unless a test sets its own. */
const loadGatewayConfig = (env: NodeJS.ProcessEnv) => loadConfigFrom({ INTERNAL_SIGNING_KEY: process.env.INTERNAL_SIGNING_KEY, ...env });
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const sign = (claims: Record<string, unknown>, key = secret) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('agent-7').setExpirationTime('5m').sign(new TextEncoder().encode(key));

describe('gateway authentication', () => {
  const jwt = createAuthenticator(loadGatewayConfig({ AUTH_MODE: 'jwt', AUTH_JWT_SECRET: secret }));

  it('takes roles and actor from a verified JWT, keeping only known roles', async () => {
    const token = await sign({ roles: ['analyst', 'agent', 'superuser'] });
    expect(await jwt(request({ authorization: `Bearer ${token}` }))).toEqual({ actor: 'agent-7', roles: ['agent', 'analyst'] });
  });

  it('refuses alg none, a wrong audience and a wrong issuer', async () => {
    const strict = createAuthenticator(loadGatewayConfig({ AUTH_MODE: 'jwt', AUTH_JWT_SECRET: secret, AUTH_JWT_AUDIENCE: 'omnigraph', AUTH_JWT_ISSUER: 'idp' }));
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', roles: ['admin'], aud: 'omnigraph', iss: 'idp', exp: Math.floor(Date.now() / 1000) + 60 })}.`;
    const wrongAudience = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setAudience('other').setIssuer('idp').setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    const wrongIssuer = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setAudience('omnigraph').setIssuer('evil').setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    for (const token of [none, wrongAudience, wrongIssuer, 'garbage']) {
      await expect(strict(request({ authorization: `Bearer ${token}` }))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
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

  it('lets a caller name its roles in dev mode, defaulting to AUTH_DEV_ROLES (agent)', async () => {
    expect(await createAuthenticator(loadGatewayConfig({}))(request({}))).toEqual({ actor: 'dev', roles: ['agent'] });
    const dev = createAuthenticator(loadGatewayConfig({ AUTH_DEV_ROLES: 'analyst' }));
    expect(await dev(request({}))).toEqual({ actor: 'dev', roles: ['analyst'] });
    expect(await dev(request({ 'x-omnigraph-roles': 'admin,agent', 'x-omnigraph-actor': 'ana' }))).toEqual({ actor: 'ana', roles: ['admin', 'agent'] });
  });

  it('never makes an unnamed dev caller admin or steward', async () => {
    const dev = createAuthenticator(loadGatewayConfig({}));
    expect(await dev(request({ 'x-omnigraph-roles': 'admin,steward,agent' }))).toEqual({ actor: 'dev', roles: ['agent'] });
    expect(() => loadGatewayConfig({ AUTH_DEV_ROLES: 'admin' })).toThrow(/AUTH_DEV_ROLES cannot grant/);
    expect(() => loadGatewayConfig({ AUTH_DEV_ROLES: 'agent,steward' })).toThrow(/AUTH_DEV_ROLES cannot grant/);
    expect(() => loadGatewayConfig({ AUTH_DEV_ROLES: 'root' })).toThrow(/unknown roles root/);
  });

  it('refuses dev auth and a missing or development internal key in the production configuration', () => {
    const prod = { OMNIGRAPH_ENV: 'production', AUTH_MODE: 'jwt', AUTH_JWT_SECRET: secret };
    expect(() => loadGatewayConfig({ ...prod, INTERNAL_SIGNING_KEY: undefined })).toThrow(/INTERNAL_SIGNING_KEY is required/);
    expect(() => loadGatewayConfig({ ...prod, INTERNAL_SIGNING_KEY: 'dev-0123456789abcdef0123456789abcdef' })).toThrow(/development key/);
    expect(() => loadGatewayConfig({ ...prod, INTERNAL_SIGNING_KEY: 'short' })).toThrow(/at least 32/);
    expect(() => loadGatewayConfig({ ...prod, AUTH_MODE: 'dev', INTERNAL_SIGNING_KEY: 'a-production-secret-of-enough-length-42' })).toThrow(/AUTH_MODE=dev is refused/);
    expect(loadGatewayConfig({ ...prod, INTERNAL_SIGNING_KEY: 'a-production-secret-of-enough-length-42' }).internalKey.dev).toBe(false);
  });

  it('fails fast on a jwt mode without a key', () => {
    expect(() => loadGatewayConfig({ AUTH_MODE: 'jwt' })).toThrow(/AUTH_JWT_SECRET or AUTH_JWKS_URL/);
  });

  it('tells each subgraph the request id and the caller only inside a token signed for it', async () => {
    const key = loadInternalKey(process.env);
    const headers = subgraphHeadersFor(key, 'r-1', { actor: 'ana', roles: ['admin', 'agent'] });
    const forPos = headers('pos');
    expect(Object.keys(forPos).sort()).toEqual([INTERNAL_TOKEN_HEADER, 'x-request-id']);
    expect(await verifyInternalToken(key, 'pos', forPos)).toEqual({ actor: 'ana', roles: ['admin', 'agent'], requestId: 'r-1', issuer: 'gateway' });
    await expect(verifyInternalToken(key, 'identity', forPos)).rejects.toThrow(/not valid/);
  });
});
