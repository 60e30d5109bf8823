import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { startSubgraph } from '../../lib/subgraph-server.ts';

/**
 * A test-only subgraph standing for a new system (a loyalty programme keyed by the POS
 * customer id): it contributes `Customer.loyaltyTimeline` and nothing else. It proves a new
 * system's events reach `Customer.journey` with no change to the existing subgraphs.
 */
export const loyaltySdl = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** The moment every loyalty event happens: after every generated event, so it leads the journey. */
export const LOYALTY_AT = '2031-01-01T00:00:00.000Z';

interface Rep {
  links?: { system: string; externalId: string }[];
}

export function startLoyaltySubgraph() {
  return startSubgraph(
    {
      name: 'loyalty',
      typeDefs: parse(loyaltySdl),
      resolvers: {
        Customer: {
          loyaltyTimeline: (customer: Rep) =>
            (customer.links ?? [])
              .filter((link) => link.system === 'pos')
              .map((link) => ({
                id: `loyalty:note:${link.externalId}`,
                channel: 'STORE',
                kind: 'NOTE',
                occurredAt: LOYALTY_AT,
                summary: 'Loyalty: 120 points earned',
                system: 'loyalty',
                subject: { typename: 'LoyaltyAccount', id: link.externalId },
                amount: null,
                storeId: null,
                open: null,
                fulfillmentState: null,
              })),
        },
      },
      createContext: () => ({}),
    },
    { port: 0 },
  );
}
