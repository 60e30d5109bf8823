import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.ts';
import { startGateway } from './server.ts';
import { postGraphQL } from '../../test/helpers/component.ts';

/**
 * Both executors load the composed supergraph with Omnigraph's authorization spec linked in,
 * and refuse an operation before any subgraph fetch: here every subgraph URL points at a
 * server that counts what reaches it.
 */
describe.each(['omnigraph', 'apollo'] as const)('the gateway on the %s executor', (executor) => {
  it('loads the supergraph and refuses a mutation the caller may not run without calling a subgraph', async () => {
    let reached = 0;
    const sink = createServer((_req, res) => {
      reached += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":null,"errors":[{"message":"sink"}]}');
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/graphql`;
    const names = ['identity', 'crm', 'shop', 'pos', 'social', 'journey', 'inventory', 'flows'];
    const gateway = await startGateway(
      loadGatewayConfig({ ...process.env, PORT: '0', GATEWAY_EXECUTOR: executor, ...Object.fromEntries(names.map((n) => [`SUBGRAPH_${n.toUpperCase()}_URL`, sinkUrl])) }),
    );
    try {
      const merge = await postGraphQL(gateway.url, 'mutation { mergeCustomers(idempotencyKey: "k", survivorId: "a", mergedId: "b", reason: "r") { mergeId } }');
      expect(merge.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', field: 'Mutation.mergeCustomers' });
      const sale = await postGraphQL(gateway.url, 'mutation { markPickupReady(posOrderId: "o", idempotencyKey: "k") { id } }', {}, { 'x-omnigraph-roles': 'analyst' });
      expect(sale.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', field: 'Mutation.markPickupReady' });
      expect(reached).toBe(0);
      // An allowed operation does reach the (failing) subgraph: the refusal above was the authorization's.
      const read = await postGraphQL(gateway.url, '{ channelStatistics { customers } }');
      expect(read.errors?.[0]?.extensions?.code).not.toBe('FORBIDDEN');
      expect(reached).toBeGreaterThan(0);
    } finally {
      await gateway.close();
      await new Promise((resolve) => sink.close(resolve));
    }
  });
});

describe('the benchmark-only start without limits and authorization', () => {
  it('is refused in the production configuration', async () => {
    const production = loadGatewayConfig({
      PORT: '0',
      OMNIGRAPH_ENV: 'production',
      AUTH_MODE: 'jwt',
      AUTH_JWT_SECRET: 'a-production-jwt-secret-of-32-characters',
      INTERNAL_SIGNING_KEY: 'a-production-internal-key-of-32-characters-or-more',
      SHOPIFY_WEBHOOK_SECRET: 'a-production-webhook-secret',
    });
    await expect(startGateway(production, undefined, undefined, { unguardedForBenchmark: true })).rejects.toThrow(/Refusing to start a gateway without its limits and authorization/);
  });

  it('serves without them elsewhere: the gateway no longer refuses a merge (only the subgraph checks remain)', async () => {
    let reached = 0;
    const sink = createServer((_req, res) => {
      reached += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":null,"errors":[{"message":"sink"}]}');
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/graphql`;
    const gateway = await startGateway(loadGatewayConfig({ ...process.env, PORT: '0', SUBGRAPH_IDENTITY_URL: sinkUrl }), undefined, undefined, { unguardedForBenchmark: true });
    try {
      const merge = await postGraphQL(gateway.url, 'mutation { mergeCustomers(idempotencyKey: "k", survivorId: "a", mergedId: "b", reason: "r") { mergeId } }');
      expect(merge.errors?.[0]?.extensions?.code).not.toBe('FORBIDDEN');
      expect(reached).toBe(1);
    } finally {
      await gateway.close();
      await new Promise((resolve) => sink.close(resolve));
    }
  });
});
