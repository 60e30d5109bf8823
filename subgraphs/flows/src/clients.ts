import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../lib/logger.ts';
import { internalHeaders, processInternalKey, type Role } from '../../../lib/authorization/index.ts';
import type { Config } from './config.ts';

/**
 * A step's failure. `retryable` failures (a system down, throttled, timing out) are retried with
 * backoff; the others (bad input, not found, conflict) fail the flow at once: retrying cannot help.
 */
export class StepError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
  ) {
    super(message);
  }
}

const PERMANENT = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'CUSTOMER_NOT_FOUND', 'FORBIDDEN', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

export const SUBGRAPH_NAMES = ['identity', 'shop', 'pos', 'social', 'line', 'zalo', 'crm', 'journey'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/**
 * Calls one subgraph's GraphQL endpoint directly (not through the gateway: the gateway starts
 * after this process and composes it, so going through it would be a start-order cycle).
 */
export function createSubgraphClient(config: Config, logger: Logger) {
  const urls: Record<SubgraphName, string> = {
    identity: config.SUBGRAPH_IDENTITY_URL,
    shop: config.SUBGRAPH_SHOP_URL,
    pos: config.SUBGRAPH_POS_URL,
    social: config.SUBGRAPH_SOCIAL_URL,
    line: config.SUBGRAPH_LINE_URL,
    zalo: config.SUBGRAPH_ZALO_URL,
    crm: config.SUBGRAPH_CRM_URL,
    journey: config.SUBGRAPH_JOURNEY_URL,
  };
  // The flows service acts for the store and support staff whose work it automates (POS queue and
  // drafts, shop fulfilment, notices): its internal tokens carry exactly those roles.
  const key = processInternalKey();
  const roles: Role[] = ['agent', 'associate'];
  return async function call<T>(subgraph: SubgraphName, query: string, variables: Record<string, unknown>, requestId: string = randomUUID()): Promise<T> {
    let res: Response;
    try {
      res = await fetch(urls[subgraph], {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...internalHeaders(key, subgraph, { actor: 'service:flows', roles, requestId, issuer: 'flows' }) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(config.SUBGRAPH_TIMEOUT_MS),
      });
    } catch (error) {
      throw new StepError(`${subgraph} subgraph unreachable: ${error instanceof Error ? error.message : String(error)}`, true, 'SUBGRAPH_UNAVAILABLE');
    }
    const body = (await res.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: { code?: string; system?: string } }[] } | null;
    const first = body?.errors?.[0];
    if (first) {
      const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      logger.warn({ subgraph, code, message: first.message, requestId }, 'flow step call failed');
      throw new StepError(`${code}: ${first.message}`, !PERMANENT.has(code), code);
    }
    if (!res.ok || !body?.data) throw new StepError(`${subgraph} subgraph answered HTTP ${res.status}`, true, 'SUBGRAPH_UNAVAILABLE');
    return body.data;
  };
}

export type SubgraphCall = ReturnType<typeof createSubgraphClient>;

/**
 * Subscribes to the vendors' webhooks with their own APIs: Shopify `POST webhooks.json`
 * (orders/create; signed with the app's client secret) and Square `POST /v2/webhooks/subscriptions`
 * (order.fulfillment.updated; the answer carries the subscription's signature key, kept in the database).
 */
export async function registerWebhooks(config: Config, baseUrl: string): Promise<{ shopify: { id: string; url: string }; square: { id: string; url: string; signatureKey: string } }> {
  const shopifyUrl = `${baseUrl}/webhooks/shopify`;
  const squareUrl = `${baseUrl}/webhooks/square`;
  const shopRes = await fetch(`${config.SHOP_API_URL}/admin/api/${config.SHOP_API_VERSION}/webhooks.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': config.SHOP_API_TOKEN },
    body: JSON.stringify({ webhook: { topic: 'orders/create', address: shopifyUrl, format: 'json' } }),
    signal: AbortSignal.timeout(5_000),
  });
  if (!shopRes.ok) throw new Error(`Shopify webhook subscription failed: HTTP ${shopRes.status} ${await shopRes.text()}`);
  const shop = (await shopRes.json()) as { webhook: { id: string | number } };
  const squareRes = await fetch(`${config.POS_API_URL}/v2/webhooks/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${config.POS_API_TOKEN}`, 'square-version': '2025-08-20' },
    body: JSON.stringify({
      idempotency_key: `omnigraph-flows:${squareUrl}`,
      subscription: { name: 'Omnigraph flows', event_types: ['order.fulfillment.updated'], notification_url: squareUrl, api_version: '2025-08-20' },
    }),
    signal: AbortSignal.timeout(5_000),
  });
  if (!squareRes.ok) throw new Error(`Square webhook subscription failed: HTTP ${squareRes.status} ${await squareRes.text()}`);
  const square = (await squareRes.json()) as { subscription: { id: string; signature_key: string } };
  return { shopify: { id: String(shop.webhook.id), url: shopifyUrl }, square: { id: square.subscription.id, url: squareUrl, signatureKey: square.subscription.signature_key } };
}
