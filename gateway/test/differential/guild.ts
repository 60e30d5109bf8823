// The benchmark's copy of The Guild's data, so the differential suite and the bench run the same thing.
import { INVENTORY, PRODUCTS, REVIEWS, USERS } from '../../../bench/public/data.ts';
import type { SubgraphDef } from './harness.ts';

/**
 * The federation subgraphs of The Guild's gateways benchmark (accounts, inventory, products,
 * reviews), with its data, so the benchmark's nested query is part of the correctness guard.
 */
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';
type Review = (typeof REVIEWS)[number];

export const guildSubgraphs: SubgraphDef[] = [
  {
    name: 'accounts',
    typeDefs: `${LINK}
      type Query { me: User users: [User] user(id: ID!): User }
      type User @key(fields: "id") { id: ID! name: String username: String @shareable birthday: Int }`,
    resolvers: {
      Query: { me: () => USERS[0], users: () => USERS, user: (_: unknown, { id }: { id: string }) => USERS.find((u) => u.id === id) },
      User: { __resolveReference: (ref: { id: string }) => USERS.find((u) => u.id === ref.id) },
    },
  },
  {
    name: 'inventory',
    typeDefs: `${LINK}
      type Product @key(fields: "upc") { upc: String! weight: Int @external price: Int @external inStock: Boolean shippingEstimate: Int @requires(fields: "price weight") }`,
    resolvers: {
      Product: {
        __resolveReference: (ref: { upc: string }) => ({ ...INVENTORY.find((p) => p.upc === ref.upc) }),
        shippingEstimate: () => null,
      },
    },
  },
  {
    name: 'products',
    typeDefs: `${LINK}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String! name: String price: Int weight: Int }`,
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
      Product: { __resolveReference: (ref: { upc: string }) => PRODUCTS.find((p) => p.upc === ref.upc) },
    },
  },
  {
    name: 'reviews',
    typeDefs: `${LINK}
      type Review @key(fields: "id") { id: ID! body: String author: User @provides(fields: "username") product: Product }
      type User @key(fields: "id") { id: ID! username: String @external reviews: [Review] }
      type Product @key(fields: "upc") { upc: String! reviews: [Review] }`,
    resolvers: {
      Review: { author: () => ({ id: '1', username: 'urigo' }), product: (r: Review) => r.product },
      User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }), reviews: () => REVIEWS.slice(0, 2) },
      Product: {
        __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
        reviews: (p: { upc: string }) => REVIEWS.filter((r) => r.product.upc === p.upc),
      },
    },
  },
];
