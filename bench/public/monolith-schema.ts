import { buildSchema, type GraphQLFieldResolver, type GraphQLSchema, GraphQLObjectType } from 'graphql';
import { INVENTORY, PRODUCTS, REVIEW_AUTHOR, REVIEWS, REVIEWS_OF_ANY_USER, TOP_PRODUCTS_DEFAULT, USERS, type Product, type Review } from './data.ts';

/** The public scenario's API schema as one service; the answers equal the federated ones. */
const sdl = /* GraphQL */ `
  type Query {
    me: User
    user(id: ID!): User
    users: [User]
    topProducts(first: Int = ${TOP_PRODUCTS_DEFAULT}): [Product]
  }
  type User { id: ID! name: String username: String birthday: Int reviews: [Review] }
  type Product { upc: String! name: String price: Int weight: Int inStock: Boolean shippingEstimate: Int reviews: [Review] }
  type Review { id: ID! body: String product: Product author: User }
`;

type Resolvers = Record<string, Record<string, GraphQLFieldResolver<never, unknown, never>>>;

const resolvers: Resolvers = {
  Query: {
    me: () => USERS[0],
    user: (_: never, { id }: { id: string }) => USERS.find((u) => u.id === id),
    users: () => USERS,
    topProducts: (_: never, { first }: { first: number }) => PRODUCTS.slice(0, first),
  },
  User: { reviews: () => REVIEWS_OF_ANY_USER },
  Product: {
    inStock: (p: Product) => INVENTORY.find((s) => s.upc === p.upc)?.inStock ?? null,
    shippingEstimate: () => null, // as in the federated inventory subgraph
    reviews: (p: Product) => REVIEWS.filter((r) => r.product.upc === p.upc),
  },
  Review: {
    product: (r: Review) => PRODUCTS.find((p) => p.upc === r.product.upc),
    // The federated answer takes username from the reviews subgraph (@provides) and the rest from accounts.
    author: () => ({ ...USERS.find((u) => u.id === REVIEW_AUTHOR.id), username: REVIEW_AUTHOR.username }),
  },
};

export function makeExecutableSchemaFromSdl(): GraphQLSchema {
  const schema = buildSchema(sdl);
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`monolith: no type ${typeName}`);
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`monolith: no field ${typeName}.${fieldName}`);
      field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}
