import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../apps/console/build.ts';
import { rootDir } from '../lib/registry.ts';
import { postGraphQL } from './helpers/component.ts';
import { e2eDataset, startTestStack, type TestStack } from './helpers/e2e.ts';

/**
 * The Customer 360 console (apps/console) in headless Chromium against the whole product, every
 * process real, with the gateway in trusted-documents mode: the console sends only the hashes of
 * its typed documents, so it works where ad hoc documents are refused. Screenshots of each step
 * go to test-results/console/. The browser is the system's /usr/bin/chromium (`.ci/run` installs
 * the Debian package when it is missing); playwright-core never downloads one.
 */
const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(rootDir, 'test-results/console');

let stack: TestStack;
let browser: Browser;
let page: Page;
let origin: string;
/** The person the console opens: a CRM contact (record interaction), and a journey longer than one page. */
let person: { id: string; email: string; name: string };
let storeId: string;
let pickupOrderId: string;

/** The test's own set-up calls: as an admin, the one role allowed ad hoc documents here (EXPLORER_ROLES). */
const admin = <T,>(query: string, variables: Record<string, unknown> = {}) =>
  postGraphQL<T>(stack.gatewayUrl, query, variables, { 'x-omnigraph-roles': 'admin', 'x-omnigraph-actor': 'console-test' });

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

const shot = (name: string, fullPage = true) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  mkdirSync(SHOTS, { recursive: true });
  const [, dataDir] = await Promise.all([ensureConsoleBuilt(), e2eDataset()]);
  stack = await startTestStack({ dataDir, env: { gateway: { TRUSTED_DOCUMENTS: 'on', EXPLORER_ROLES: 'admin' } } });
  origin = new URL(stack.gatewayUrl).origin;

  // A person with a CRM contact, a web or store order and more than one page of journey.
  const page1 = await admin<{
    customers: { edges: { node: { id: string; crmContacts: { id: string }[] | null; shopAccounts: { id: string }[] | null; profile: { name: { value: string } | null; primaryEmail: { value: string } | null } } }[] };
  }>(`{ customers(first: 60) { edges { node { id crmContacts { id } shopAccounts { id } profile { name { value } primaryEmail { value } } } } } }`);
  const buyer = page1.data!.customers.edges.find((e) => e.node.shopAccounts?.length)?.node.shopAccounts?.[0]?.id;
  expect(buyer).toBeDefined();
  for (const { node } of page1.data!.customers.edges) {
    if (!node.crmContacts?.length || !node.profile.primaryEmail || !node.profile.name) continue;
    const journey = await admin<{ customer: { journey: { pageInfo: { hasNextPage: boolean }; nodes: { channel: string }[] } } }>(
      `query($id: ID!) { customer(id: $id) { journey(first: 10) { pageInfo { hasNextPage } nodes { channel } } } }`,
      { id: node.id },
    );
    const j = journey.data?.customer.journey;
    if (j?.pageInfo.hasNextPage && new Set(j.nodes.map((n) => n.channel)).size > 1) {
      person = { id: node.id, email: node.profile.primaryEmail.value, name: node.profile.name.value };
      break;
    }
  }
  expect(person).toBeDefined();

  // A web order to collect in a store: the shop's webhook starts the flow that puts it in the store's POS queue.
  const skus = [...new Set([...readFileSync(join(dataDir, 'shop/products.ndjson'), 'utf8').matchAll(/"sku":"([^"]+)"/g)].map((m) => m[1] as string))];
  let sku: string | undefined;
  for (const candidate of skus.slice(0, 40)) {
    const res = await admin<{ product: { stores: { store: { id: string; status: string }; inStock: boolean }[] } | null }>(
      `query($s: ID!) { product(sku: $s) { stores { store { id status } inStock } } }`,
      { s: candidate },
    );
    const offer = res.data?.product?.stores.find((o) => o.inStock && o.store.status === 'ACTIVE');
    if (offer) {
      sku = candidate;
      storeId = offer.store.id;
      break;
    }
  }
  expect(sku).toBeDefined();
  const cart = await admin<{ createCart: { id: string } }>(`mutation($b: ID, $s: ID!) { createCart(customerId: $b, lines: [{ sku: $s, quantity: 1 }], idempotencyKey: "console-test-cart") { id } }`, { b: buyer, s: sku });
  expect(cart.errors).toBeUndefined();
  const order = await admin<{ placeOrder: { id: string } }>(`mutation($c: ID!, $store: ID!) { placeOrder(cartId: $c, pickupStoreId: $store, idempotencyKey: "console-test-order") { id } }`, {
    c: cart.data!.createCart.id,
    store: storeId,
  });
  expect(order.errors).toBeUndefined();
  pickupOrderId = order.data!.placeOrder.id;
  await eventually(
    () => admin<{ store: { pickupQueue: { referenceId: string | null }[] } }>(`query($id: ID!) { store(id: $id) { pickupQueue(first: 200) { referenceId } } }`, { id: storeId }),
    (res) => res.data?.store.pickupQueue.some((o) => o.referenceId === `shop-order:${pickupOrderId}`) ?? false,
  );

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the Customer 360 console in a browser', () => {
  it('is served by the gateway, offline, and its documents are registered (ad hoc ones are refused here)', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${origin}/console/`);
    await page.getByTestId('search-input').waitFor();
    expect(requests.filter((url) => !url.startsWith(origin))).toEqual([]);
    const adHoc = await postGraphQL(stack.gatewayUrl, '{ stores { id } }', {}, { 'x-omnigraph-roles': 'agent' });
    expect(adHoc.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
  });

  it('searches by email and opens the golden profile with each value’s source system', async () => {
    await page.getByTestId('role-select').selectOption('agent');
    await page.getByTestId('search-input').fill(person.email);
    await page.getByTestId('search-button').click();
    const result = page.locator(`[data-testid="search-result"][data-customer-id="${person.id}"]`);
    await result.waitFor();
    await shot('01-search');
    await result.click();
    const name = page.getByTestId('profile-name');
    await name.waitFor();
    await expect.poll(() => name.textContent()).toContain(person.name);
    expect(Object.keys(stack.systems)).toContain(await name.getByTestId('source').textContent());
    expect(await page.getByTestId('profile-email').first().textContent()).toContain(person.email);
    await shot('02-profile');
  });

  it('filters the journey by channel and pages through it', async () => {
    const events = page.getByTestId('journey-event');
    await events.first().waitFor();
    expect(await page.getByTestId('journey-next').isEnabled()).toBe(true);
    const firstPage = await events.allTextContents();
    await page.getByTestId('journey-next').click();
    await page.locator('[data-testid="journey-events"][data-page="2"]').waitFor();
    await expect.poll(async () => (await events.allTextContents()).join('|')).not.toBe(firstPage.join('|'));
    await page.getByTestId('journey-previous').click();
    await page.locator('[data-testid="journey-events"][data-page="1"]').waitFor();

    const channel = (await events.first().getAttribute('data-channel'))!;
    await page.getByTestId(`channel-${channel}`).check();
    await expect.poll(async () => new Set(await events.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-channel'))))).toEqual(new Set([channel]));
    await shot('03-journey-filtered');
    await page.getByTestId(`channel-${channel}`).uncheck();
  });

  it('records an interaction in the CRM from the support context', async () => {
    const summary = `Asked about a gift card by phone (console test ${Date.now()})`;
    await page.getByTestId('interaction-channel').selectOption('PHONE');
    await page.getByTestId('interaction-summary').fill(summary);
    await page.getByTestId('interaction-record').click();
    await page.getByTestId('interaction-saved').waitFor();
    // The support context reloads: the new interaction is in the list, read back from the CRM.
    await expect.poll(async () => (await page.getByTestId('interaction').allTextContents()).some((t) => t.includes(summary)), { timeout: 15_000 }).toBe(true);
    await shot('04-support-recorded');
    const read = await admin<{ customer: { interactions: { nodes: { summary: string; channel: string; system: string }[] } } }>(
      `query($id: ID!) { customer(id: $id) { interactions(first: 50) { nodes { summary channel system } } } }`,
      { id: person.id },
    );
    expect(read.data!.customer.interactions.nodes.filter((n) => n.summary.includes(summary))).toEqual([expect.objectContaining({ channel: 'PHONE', system: 'crm' })]);
  });

  it("marks a pickup ready from a store associate's queue", async () => {
    await page.getByTestId('role-select').selectOption('associate');
    await page.getByTestId('view-pickup').click();
    await page.getByTestId('store-select').selectOption(storeId);
    const row = page.locator(`[data-testid="pickup-order"][data-reference-id="shop-order:${pickupOrderId}"]`);
    await row.waitFor();
    await shot('05-pickup-queue');
    await row.getByTestId('mark-ready').click();
    await page.locator(`[data-testid="pickup-order"][data-reference-id="shop-order:${pickupOrderId}"][data-state="PREPARED"]`).waitFor({ timeout: 15_000 });
    await shot('06-pickup-ready');
    const queue = await admin<{ store: { pickupQueue: { referenceId: string | null; pickup: { state: string } | null }[] } }>(
      `query($id: ID!) { store(id: $id) { pickupQueue(first: 200) { referenceId pickup { state } } } }`,
      { id: storeId },
    );
    expect(queue.data!.store.pickupQueue.find((o) => o.referenceId === `shop-order:${pickupOrderId}`)?.pickup?.state).toBe('PREPARED');
  });

  it('shows a system that is down by name while the rest answers, and what the chosen role may not do', async () => {
    await stack.setFaults('pos', { down: true });
    try {
      await page.getByTestId('role-select').selectOption('agent');
      await page.getByTestId('view-customers').click();
      await page.getByTestId('search-input').fill(person.email);
      await page.getByTestId('search-button').click();
      await page.locator(`[data-testid="search-result"][data-customer-id="${person.id}"]`).click();
      const posError = page.locator('[data-testid="profile"] [data-testid="system-errors"] [data-system="pos"]');
      await posError.waitFor({ timeout: 20_000 });
      expect(await posError.textContent()).toContain('UPSTREAM_UNAVAILABLE');
      await expect.poll(() => page.getByTestId('profile-name').textContent()).toContain(person.name);
      await shot('07-pos-down');
    } finally {
      await stack.setFaults('pos', { down: false });
    }

    // An analyst reads personal data masked and may not write to the CRM: the gateway's FORBIDDEN is shown.
    await page.getByTestId('role-select').selectOption('analyst');
    await expect.poll(() => page.getByTestId('profile-name').textContent(), { timeout: 15_000 }).toContain('•');
    await page.getByTestId('interaction-summary').fill('an analyst tries to write');
    await page.getByTestId('interaction-record').click();
    const refused = page.locator('[data-testid="support"] form [data-system="access"]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('FORBIDDEN');
    await shot('08-analyst-refused');
  });

  it("filters /docs and opens an example operation from it in the explorer, ready to run", async () => {
    await page.goto(`${origin}/docs`);
    await page.locator('#filter').fill('CrmContact');
    expect(await page.locator('section[id="Customer"]').isHidden()).toBe(true);
    expect(await page.locator('section[id="CrmContact"]').isVisible()).toBe(true);
    await page.locator('a.type-link[href="#CrmContact"]').click();
    await shot('09-docs', false);
    await page.locator('#filter').fill('');
    await page.locator('a[href="/?operation=CustomerSearch"]').click();
    await page.locator('.graphiql-container').waitFor();
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 15_000 }).toContain('query CustomerSearch');
    await shot('10-explorer-from-docs');
  });
});
