import { ErrorCode, UpstreamError } from '../../../../lib/errors.ts';
import type { UpstreamClient } from '../../../../lib/upstream.ts';

/**
 * Shopify's GraphQL Admin API (`POST graphql.json`) over the connector's REST client. Shopify
 * limits GraphQL by calculated query cost, not by calls: a throttled query answers HTTP 200 with an
 * error `THROTTLED` and `extensions.cost.throttleStatus`, from which the wait until the bucket holds
 * the query's cost follows (`(requested - available) / restoreRate`). One short wait is spent
 * inside the request; a longer one becomes UPSTREAM_RATE_LIMITED with that retry hint.
 */
export interface ShopifyCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cost?: ShopifyCost };
}

const MAX_WAIT_MS = 1_000;

/** Seconds until a throttled query's cost is available again. */
export function throttleWaitSeconds(cost: ShopifyCost | undefined): number {
  if (!cost) return 1;
  const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
  return Math.max(0.1, missing / Math.max(1, cost.throttleStatus.restoreRate));
}

export async function shopifyGraphQL<T>(http: UpstreamClient, system: string, query: string, variables: Record<string, unknown>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await http.post<GraphQLAnswer<T>>('graphql.json', { query, variables });
    const errors = res.body.errors ?? [];
    if (errors.length === 0 && res.body.data) return res.body.data;
    if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
      const wait = throttleWaitSeconds(res.body.extensions?.cost);
      if (attempt === 0 && wait * 1000 <= MAX_WAIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        continue;
      }
      throw new UpstreamError(ErrorCode.UPSTREAM_RATE_LIMITED, `${system}: GraphQL query cost throttled`, { system, retryAfterSeconds: Math.ceil(wait) });
    }
    // Any other GraphQL error is ours (a query Shopify does not accept): an operator problem.
    throw new UpstreamError(ErrorCode.UPSTREAM_ERROR, `${system}: GraphQL error: ${errors.map((e) => e.message).join('; ') || 'no data'}`, { system });
  }
}

/** Shopify search syntax: a quoted value (`sku:"A B"`), backslash-escaping quotes and backslashes. */
export const quoted = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
