import { describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/logger.ts';
import { createGatewayFormatError } from './errors.ts';

const format = createGatewayFormatError(createLogger('test', 'silent'));

describe('gateway error policy', () => {
  it('names an unreachable subgraph with SUBGRAPH_UNAVAILABLE', () => {
    const out = format({ message: 'request to http://127.0.0.1:4004/graphql failed, reason: connect ECONNREFUSED', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'pos' } }, undefined);
    expect(out.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', system: 'pos' });
  });

  it('treats a non-2xx subgraph answer as unavailable and hides its body', () => {
    const out = format({ message: '502: Bad Gateway', extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'shop', response: { status: 502, body: 'secret' } } }, undefined);
    expect(out).toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', system: 'shop' } });
    expect(JSON.stringify(out)).not.toContain('secret');
  });

  it('keeps a subgraph\'s own internal error as INTERNAL_SERVER_ERROR, naming it', () => {
    const out = format({ message: 'Internal server error', path: ['customer', 'shopTimeline'], extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'shop' } }, undefined);
    expect(out).toEqual({ message: 'Internal server error', path: ['customer', 'shopTimeline'], extensions: { code: 'INTERNAL_SERVER_ERROR', system: 'shop' } });
  });

  it('passes coded upstream errors through with the system they name', () => {
    const out = format({ message: 'pos: Square is unavailable', extensions: { code: 'UPSTREAM_UNAVAILABLE', system: 'pos', serviceName: 'pos' } }, undefined);
    expect(out.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', system: 'pos', serviceName: 'pos' });
  });
});
