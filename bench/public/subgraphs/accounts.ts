import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { serveApollo } from '../../lib/serve.ts';
import { USERS, type User } from '../data.ts';
import { typeDefsOf } from './schema.ts';

const byId = (id: string): User | undefined => USERS.find((u) => u.id === id);

const resolvers = {
  Query: {
    me: () => USERS[0],
    user: (_: unknown, { id }: { id: string }) => byId(id),
    users: () => USERS,
  },
  User: {
    __resolveReference: ({ id }: { id: string }) => byId(id),
  },
};

await serveApollo('accounts', new ApolloServer({ schema: buildSubgraphSchema({ typeDefs: typeDefsOf('accounts'), resolvers }) }));
