import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { serveApollo } from '../../lib/serve.ts';
import { INVENTORY } from '../data.ts';
import { typeDefsOf } from './schema.ts';

const resolvers = {
  Product: {
    __resolveReference: ({ upc }: { upc: string }) => ({ upc, inStock: INVENTORY.find((s) => s.upc === upc)?.inStock ?? null }),
    // The original (inventory.rs) drops the @requires'd price and weight, so this is always
    // null; expected-structure.json says so too. The gateway still has to fetch them first.
    shippingEstimate: () => null,
  },
};

await serveApollo('inventory', new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: typeDefsOf('inventory'), resolvers }) }));
