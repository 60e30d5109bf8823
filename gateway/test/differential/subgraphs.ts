import { GraphQLError } from 'graphql';
import type { SubgraphDef } from './harness.ts';

/**
 * A small retail graph that exercises every federation feature the planner can put in a plan:
 * two keys on User, @requires, @provides, @override, @interfaceObject, @shareable,
 * @inaccessible, an interface and a union, a resolver that throws, an entity the owning
 * subgraph cannot find under a non-null field, and a subgraph that is down.
 */

const LINK = (imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

const USERS = [
  { id: 'u1', email: 'ada@example.com', name: 'Ada', username: 'ada', secret: 's1', age: 36 },
  { id: 'u2', email: 'bob@example.com', name: 'Bob', username: 'bob', secret: 's2', age: 41 },
  { id: 'u3', email: 'cy@example.com', name: 'Cy', username: 'cy', secret: 's3', age: null },
];
const PRODUCTS = [
  { upc: 'p1', name: 'Table', price: 899, weight: 100, createdBy: 'u1' },
  { upc: 'p2', name: 'Couch', price: 1299, weight: 1000, createdBy: 'u2' },
  { upc: 'p3', name: 'Glass', price: 15, weight: 20, createdBy: 'u1' },
];
const REVIEWS = [
  { id: 'r1', body: 'Sturdy', author: 'u1', product: 'p1' },
  { id: 'r2', body: 'Wobbly', author: 'u1', product: 'p1' },
  { id: 'r3', body: 'Comfy', author: 'u2', product: 'p2' },
  // Points at a product the products subgraph does not know: Product.name (String!) is missing.
  { id: 'r4', body: 'Ghost', author: 'u3', product: 'p404' },
];
const MEDIA = [
  { __typename: 'Book', id: 'm1', title: 'Dune', pages: 412 },
  { __typename: 'Movie', id: 'm2', title: 'Alien', minutes: 117 },
];

const user = (ref: { id?: string; email?: string }) => USERS.find((u) => (ref.id ? u.id === ref.id : u.email === ref.email)) ?? null;

export const retailSubgraphs: SubgraphDef[] = [
  {
    name: 'accounts',
    typeDefs: `${LINK(['@key', '@shareable', '@inaccessible'])}
      type Query { me: User users: [User!]! user(id: ID!): User }
      type User @key(fields: "id") @key(fields: "email") {
        id: ID!
        email: String!
        name: String @shareable
        username: String @shareable
        secret: String @inaccessible
        age: Int
      }`,
    resolvers: {
      Query: { me: () => USERS[0], users: () => USERS, user: (_: unknown, { id }: { id: string }) => user({ id }) },
      User: { __resolveReference: user },
    },
  },
  {
    name: 'products',
    typeDefs: `${LINK(['@key', '@shareable', '@provides', '@external'])}
      type Query {
        topProducts(first: Int = 5): [Product]
        product(upc: String!): Product
        search(text: String): [SearchResult!]!
        media: [Media!]!
      }
      type Product @key(fields: "upc") {
        upc: String!
        name: String!
        price: Int
        weight: Int
        createdBy: User @provides(fields: "name")
        warehouse: String
      }
      type User @key(fields: "id") { id: ID! name: String @external }
      type Collection { title: String! items: [Product!]! }
      union SearchResult = Product | Collection
      interface Media @key(fields: "id") { id: ID! title: String! }
      type Book implements Media @key(fields: "id") { id: ID! title: String! pages: Int }
      type Movie implements Media @key(fields: "id") { id: ID! title: String! minutes: Int }`,
    resolvers: {
      Query: {
        topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first),
        product: (_: unknown, { upc }: { upc: string }) => PRODUCTS.find((p) => p.upc === upc) ?? null,
        search: () => [PRODUCTS[0], { title: 'Living room', items: [PRODUCTS[1], PRODUCTS[0]] }, PRODUCTS[2]],
        media: () => MEDIA,
      },
      Product: {
        __resolveReference: (ref: { upc: string }) => PRODUCTS.find((p) => p.upc === ref.upc) ?? null,
        createdBy: (p: { createdBy: string }) => ({ id: p.createdBy, name: user({ id: p.createdBy })?.name }),
        warehouse: () => 'products-warehouse',
      },
      SearchResult: { __resolveType: (v: { upc?: string }) => (v.upc ? 'Product' : 'Collection') },
      Media: {
        __resolveType: (m: { __typename: string }) => m.__typename,
        __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null,
      },
      Book: { __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null },
      Movie: { __resolveReference: (ref: { id: string }) => MEDIA.find((m) => m.id === ref.id) ?? null },
    },
  },
  {
    name: 'inventory',
    typeDefs: `${LINK(['@key', '@external', '@requires', '@override'])}
      type Product @key(fields: "upc") {
        upc: String!
        price: Int @external
        weight: Int @external
        inStock: Boolean
        shippingEstimate: Int @requires(fields: "price weight")
        restock: String
        warehouse: String @override(from: "products")
        lastBuyer: User
      }
      type User @key(fields: "email", resolvable: false) { email: String! }`,
    resolvers: {
      Product: {
        __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref }),
        inStock: (p: { upc: string }) => p.upc !== 'p2',
        shippingEstimate: (p: { price: number; weight: number }) => (p.price > 1000 ? 0 : Math.round(p.weight / 2)),
        restock: (p: { upc: string }) => {
          if (p.upc === 'p2') throw new GraphQLError('Restock date unknown', { extensions: { code: 'RESTOCK_UNKNOWN' } });
          if (p.upc === 'p3') throw new Error('inventory database timeout');
          return '2025-01-01';
        },
        warehouse: () => 'inventory-warehouse',
        lastBuyer: (p: { upc: string }) => ({ email: p.upc === 'p1' ? 'bob@example.com' : 'ada@example.com' }),
      },
    },
  },
  {
    name: 'reviews',
    typeDefs: `${LINK(['@key', '@external', '@provides', '@interfaceObject'])}
      type Query { reviews: [Review] }
      type Review @key(fields: "id") {
        id: ID!
        body: String
        author: User @provides(fields: "username")
        product: Product!
      }
      type User @key(fields: "id") { id: ID! username: String @external reviews: [Review!]! }
      type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }
      type Media @key(fields: "id") @interfaceObject { id: ID! rating: Int }`,
    resolvers: {
      Query: { reviews: () => REVIEWS },
      Review: {
        author: (r: { author: string }) => ({ id: r.author, username: user({ id: r.author })?.username }),
        product: (r: { product: string }) => ({ upc: r.product }),
      },
      User: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        reviews: (u: { id: string }) => REVIEWS.filter((r) => r.author === u.id),
      },
      Product: {
        __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
        reviews: (p: { upc: string }) => REVIEWS.filter((r) => r.product === p.upc),
      },
      Media: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, rating: ref.id === 'm1' ? 5 : 3 }) },
    },
  },
  {
    name: 'shipping',
    down: true,
    typeDefs: `${LINK(['@key'])}
      type Product @key(fields: "upc") { upc: String! carrier: String }`,
    resolvers: {},
  },
];
