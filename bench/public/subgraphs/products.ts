import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { serveApollo } from '../../lib/serve.ts';
import { PRODUCTS, TOP_PRODUCTS_DEFAULT } from '../data.ts';
import { typeDefsOf } from './schema.ts';

const resolvers = {
  Query: {
    topProducts: (_: unknown, { first }: { first?: number | null }) => PRODUCTS.slice(0, first ?? TOP_PRODUCTS_DEFAULT),
  },
  Product: {
    __resolveReference: ({ upc }: { upc: string }) => PRODUCTS.find((p) => p.upc === upc),
  },
};

await serveApollo('products', new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: typeDefsOf('products'), resolvers }) }));
