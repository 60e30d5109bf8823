import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { withVocabulary } from '../../lib/schema-sources.ts';
import { startSubgraph } from '../../lib/subgraph-server.ts';

/**
 * A test-only subgraph standing for a new system (a loyalty programme keyed by the POS
 * customer id), named as no integrator would name a system: it contributes
 * `Customer.zzTestLoyaltyTimeline` and nothing else. It proves a new
 * system's events reach `Customer.journey` with no change to the existing subgraphs.
 */
/** The test subgraph's registry-style name. */
export const SUBGRAPH_NAME = 'zz-test-loyalty';

export const loyaltySdl = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

/** The moment every loyalty event happens: after every generated event, so it leads the journey. */
export const LOYALTY_AT = '2031-01-01T00:00:00.000Z';

interface Rep {
  links?: { system: string; externalId: string }[];
}

export function startLoyaltySubgraph() {
  return startSubgraph(
    {
      name: SUBGRAPH_NAME,
      typeDefs: parse(withVocabulary(loyaltySdl)),
      resolvers: {
        Customer: {
          zzTestLoyaltyTimeline: (customer: Rep) =>
            (customer.links ?? [])
              .filter((link) => link.system === 'pos')
              .map((link) => ({
                id: `${SUBGRAPH_NAME}:note:${link.externalId}`,
                channel: 'STORE',
                kind: 'NOTE',
                occurredAt: LOYALTY_AT,
                summary: 'Loyalty: 120 points earned',
                system: SUBGRAPH_NAME,
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
