import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { serveApollo } from '../../lib/serve.ts';
import { REVIEW_AUTHOR, REVIEWS, REVIEWS_OF_ANY_USER, type Review } from '../data.ts';
import { typeDefsOf } from './schema.ts';

const resolvers = {
  Review: {
    __resolveReference: ({ id }: { id: string }) => REVIEWS.find((r) => r.id === id),
    author: () => REVIEW_AUTHOR,
  },
  User: {
    __resolveReference: ({ id }: { id: string }) => ({ id }),
    reviews: (): Review[] => REVIEWS_OF_ANY_USER,
  },
  Product: {
    __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
    reviews: ({ upc }: { upc: string }): Review[] => REVIEWS.filter((r) => r.product.upc === upc),
  },
};

await serveApollo('reviews', new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: typeDefsOf('reviews'), resolvers }) }));
