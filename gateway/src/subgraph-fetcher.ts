import { Agent, fetch as undiciFetch } from 'undici';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

/**
 * Keep-alive HTTP to subgraphs. One pool per gateway process, sized for concurrent plan
 * steps; every subgraph fetch carries the gateway's time budget so one slow subgraph
 * cannot hold a whole response hostage.
 */
export function createSubgraphFetcher(timeoutMs: number): { fetcher: Fetcher; close(): Promise<void> } {
  const agent = new Agent({ keepAliveTimeout: 60_000, connections: 128 });
  const fetcher = ((url: string, init?: RequestInit) =>
    undiciFetch(url, {
      ...(init as Record<string, unknown>),
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
    })) as unknown as Fetcher;
  return { fetcher, close: () => agent.close() };
}
