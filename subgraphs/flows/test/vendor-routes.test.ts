import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import { loadVendorRoutes, offReference, recordVendorRequests, routesUsed } from '../../../test/helpers/vendor-routes.ts';
import { listenStandin, type Standin } from '../../../systems/lib/standin.ts';
import { createStandinApp as createShop } from '../../../systems/shop/src/app.ts';
import { createStandinApp as createPos } from '../../../systems/pos/src/app.ts';
import { registerWebhooks } from '../src/clients.ts';
import { loadSubgraphConfig } from '../src/config.ts';

/**
 * The flows subgraph talks to the vendors itself only to subscribe to their webhooks (Shopify
 * `POST webhooks.json`, Square `CreateWebhookSubscription`): those requests, too, must be routes
 * and body keys of the vendors' references (systems/shop and systems/pos vendor-routes.json).
 */
const standins: Standin[] = [];
let urls: { shop: string; pos: string };
let recorded: { shop: ReturnType<typeof recordVendorRequests>; pos: ReturnType<typeof recordVendorRequests> };

beforeAll(async () => {
  const shop = await createShop({ dataDir: fixtureDataDir });
  const pos = await createPos({ dataDir: fixtureDataDir });
  standins.push(shop, pos);
  recorded = { shop: recordVendorRequests(shop), pos: recordVendorRequests(pos) };
  urls = { shop: await listenStandin(shop, 0), pos: await listenStandin(pos, 0) };
});
afterAll(async () => {
  for (const standin of standins) await standin.app.close();
});

describe('flows: webhook subscriptions against the vendor route references', () => {
  it('sends only routes and body keys Shopify and Square document', async () => {
    const config = loadSubgraphConfig({ ...process.env, PORT: '0', SHOP_API_URL: urls.shop, POS_API_URL: urls.pos });
    const subs = await registerWebhooks(config, 'http://127.0.0.1:1');
    expect(subs.square.signatureKey).toBeTruthy();
    for (const system of ['shop', 'pos'] as const) {
      const routes = loadVendorRoutes(system);
      const requests = recorded[system].requests;
      expect(offReference(routes, requests)).toEqual([]);
      expect(routesUsed(routes, requests).length).toBe(1);
    }
  });
});
