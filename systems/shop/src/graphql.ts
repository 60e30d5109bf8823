import type { FastifyInstance } from 'fastify';
import { buildSchema, execute, parse, validate, type DocumentNode, type FieldNode, type OperationDefinitionNode, Kind } from 'graphql';
import type { DraftOrderRecord } from './routes/draft-orders.ts';
import { tagList } from './routes/draft-orders.ts';
import type { ShopStore, VariantRecord } from './store.ts';

/**
 * The part of Shopify's GraphQL Admin API the product reads (`POST /admin/api/{version}/graphql.json`):
 * `orders`, `productVariants` and `draftOrders` connections with Shopify's search syntax (`query:
 * "customer_id:1 OR customer_id:2"`, `sku:`, `tag:`), cursor paging, and Shopify's calculated query
 * cost: every answer carries `extensions.cost` (requested and actual cost, the bucket's throttle
 * status); a query costing more than is available answers HTTP 200 with a `THROTTLED` error, one over
 * the single-query maximum with `MAX_COST_EXCEEDED`, as Shopify does. Fields Shopify has and the
 * product does not read are left out: asking for them is a validation error (so is it on Shopify for
 * fields that do not exist).
 */
const SDL = /* GraphQL */ `
  scalar UnsignedInt64
  scalar DateTime
  scalar Money
  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  enum OrderSortKeys { ID CREATED_AT UPDATED_AT PROCESSED_AT }
  enum ProductVariantSortKeys { ID SKU }
  enum DraftOrderSortKeys { ID UPDATED_AT }
  enum DraftOrderStatus { OPEN INVOICE_SENT COMPLETED }
  type Customer { id: ID! legacyResourceId: UnsignedInt64! }
  type Order { id: ID! legacyResourceId: UnsignedInt64! name: String! createdAt: DateTime! updatedAt: DateTime! customer: Customer }
  type OrderEdge { cursor: String! node: Order! }
  type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! }
  type Product { id: ID! legacyResourceId: UnsignedInt64! title: String! }
  type InventoryItem { id: ID! legacyResourceId: UnsignedInt64! tracked: Boolean! sku: String }
  type ProductVariant { id: ID! legacyResourceId: UnsignedInt64! sku: String title: String! price: Money! compareAtPrice: Money product: Product! inventoryItem: InventoryItem! }
  type ProductVariantEdge { cursor: String! node: ProductVariant! }
  type ProductVariantConnection { edges: [ProductVariantEdge!]! nodes: [ProductVariant!]! pageInfo: PageInfo! }
  type DraftOrder { id: ID! legacyResourceId: UnsignedInt64! name: String! status: DraftOrderStatus! tags: [String!]! customer: Customer updatedAt: DateTime! }
  type DraftOrderEdge { cursor: String! node: DraftOrder! }
  type DraftOrderConnection { edges: [DraftOrderEdge!]! nodes: [DraftOrder!]! pageInfo: PageInfo! }
  type QueryRoot {
    orders(first: Int, after: String, last: Int, before: String, query: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
    productVariants(first: Int, after: String, last: Int, before: String, query: String, sortKey: ProductVariantSortKeys, reverse: Boolean): ProductVariantConnection!
    draftOrders(first: Int, after: String, last: Int, before: String, query: String, sortKey: DraftOrderSortKeys, reverse: Boolean): DraftOrderConnection!
  }
  schema { query: QueryRoot }
`;
const schema = buildSchema(SDL);

/** Shopify's standard-plan bucket: 1,000 points, 50 restored per second, 1,000 at most per query. */
export const COST = { maximumAvailable: 1000, restoreRate: 50, maxQueryCost: 1000 } as const;
const MAX_PAGE = 250;

/** Shopify search syntax, the part in use: `a OR b` of terms `field:value` (quotes optional), ANDed by spaces. */
export function parseSearch(query: string | undefined | null): { field: string; value: string }[][] | null {
  if (!query || query.trim() === '') return null;
  return query.split(/\s+OR\s+/).map((part) =>
    (part.match(/(\w+:(?:"[^"]*"|'[^']*'|\S+)|\S+)/g) ?? []).map((term) => {
      const colon = term.indexOf(':');
      return colon > 0 ? { field: term.slice(0, colon).toLowerCase(), value: term.slice(colon + 1).replace(/^["']|["']$/g, '') } : { field: 'default', value: term };
    }),
  );
}

function matchesSearch<T>(item: T, search: ReturnType<typeof parseSearch>, fieldValue: (item: T, field: string) => string[] | null): boolean {
  if (!search) return true;
  return search.some((terms) =>
    terms.every((t) => {
      const values = fieldValue(item, t.field);
      // An unknown field matches nothing (Shopify ignores it with a warning; nothing the product sends).
      return values !== null && values.some((v) => v.toLowerCase() === t.value.toLowerCase());
    }),
  );
}

const cursorOf = (id: number) => Buffer.from(JSON.stringify({ last_id: id })).toString('base64url');
const idOfCursor = (cursor: string): number | null => {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { last_id?: unknown };
    return typeof parsed.last_id === 'number' ? parsed.last_id : null;
  } catch {
    return null;
  }
};

class UserError extends Error {}

interface ConnArgs { first?: number | null; after?: string | null; last?: number | null; before?: string | null; query?: string | null; reverse?: boolean | null }

function connection<T extends { id: number }>(all: T[], args: ConnArgs) {
  if ((args.first == null) === (args.last == null)) throw new UserError('you must provide one of first or last');
  const size = (args.first ?? args.last)!;
  if (size < 0 || size > MAX_PAGE) throw new UserError(`The ${args.first != null ? 'first' : 'last'} argument must be between 0 and ${MAX_PAGE}`);
  const list = args.reverse ? [...all].reverse() : all;
  let start = 0;
  let end = list.length;
  if (args.after) {
    const id = idOfCursor(args.after);
    if (id === null) throw new UserError('Invalid cursor for current pagination sort.');
    start = list.findIndex((item) => item.id === id) + 1;
  }
  if (args.before) {
    const id = idOfCursor(args.before);
    if (id === null) throw new UserError('Invalid cursor for current pagination sort.');
    end = Math.max(0, list.findIndex((item) => item.id === id));
  }
  const slice = args.first != null ? list.slice(start, Math.min(end, start + size)) : list.slice(Math.max(start, end - size), end);
  const firstIndex = list.indexOf(slice[0]!);
  const lastIndex = firstIndex + slice.length - 1;
  return {
    nodes: slice,
    edges: slice.map((node) => ({ cursor: cursorOf(node.id), node })),
    pageInfo: {
      hasNextPage: slice.length > 0 && lastIndex < list.length - 1,
      hasPreviousPage: slice.length > 0 && firstIndex > 0,
      startCursor: slice[0] ? cursorOf(slice[0].id) : null,
      endCursor: slice.length > 0 ? cursorOf(slice[slice.length - 1]!.id) : null,
    },
  };
}

const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;
const customerRef = (c: { id: number } | null | undefined) => (c ? { id: gid('Customer', c.id), legacyResourceId: String(c.id) } : null);

/**
 * Requested cost, as Shopify calculates it: a connection costs 2 plus `first` (or `last`) times
 * the cost of what each node selects (1 for its own object, more for nested connections).
 */
function requestedCost(doc: DocumentNode, variables: Record<string, unknown>): number {
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const argValue = (field: FieldNode, name: string): number | null => {
    const arg = field.arguments?.find((a) => a.name.value === name);
    if (!arg) return null;
    if (arg.value.kind === Kind.INT) return Number(arg.value.value);
    if (arg.value.kind === Kind.VARIABLE) return Number(variables[arg.value.name.value] ?? 0);
    return null;
  };
  const costOf = (fields: readonly FieldNode[]): number =>
    fields.reduce((sum, field) => {
      const size = argValue(field, 'first') ?? argValue(field, 'last');
      if (size !== null) {
        const inner = (field.selectionSet?.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD);
        const nodeSelections = inner.flatMap((s) =>
          s.name.value === 'nodes' ? [s] : s.name.value === 'edges' ? (s.selectionSet?.selections ?? []).filter((e): e is FieldNode => e.kind === Kind.FIELD && e.name.value === 'node') : [],
        );
        const perNode = 1 + costOf(nodeSelections.flatMap((n) => (n.selectionSet?.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD)));
        return sum + 2 + size * perNode;
      }
      return sum + costOf((field.selectionSet?.selections ?? []).filter((s): s is FieldNode => s.kind === Kind.FIELD));
    }, 0);
  return op ? Math.max(1, costOf(op.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD))) : 1;
}

/** Returns a setter for the bucket's level: the stand-in's `PUT /__admin/graphql-cost` (tests drain it to see THROTTLED). */
export function graphqlRoute(app: FastifyInstance, store: ShopStore, drafts: Map<number, DraftOrderRecord>): (currentlyAvailable: number) => void {
  let available: number = COST.maximumAvailable;
  let restoredAt = Date.now();
  const throttleStatus = () => ({ maximumAvailable: COST.maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate: COST.restoreRate });
  const restore = () => {
    const now = Date.now();
    available = Math.min(COST.maximumAvailable, available + ((now - restoredAt) / 1000) * COST.restoreRate);
    restoredAt = now;
  };

  const allVariants = (): VariantRecord[] => store.products.flatMap((p) => p.variants).sort((a, b) => a.id - b.id);
  const productById = store.productById;

  const root = {
    orders: (args: ConnArgs) => {
      const search = parseSearch(args.query);
      const hits = store.orders.filter((o) =>
        matchesSearch(o, search, (order, field) => (field === 'customer_id' ? (order.customer ? [String(order.customer.id)] : []) : field === 'id' ? [String(order.id)] : field === 'name' ? [String(order.name)] : null)),
      );
      const page = connection(hits, args);
      return { ...page, nodes: page.nodes.map(orderNode), edges: page.edges.map((e) => ({ cursor: e.cursor, node: orderNode(e.node) })) };
    },
    productVariants: (args: ConnArgs) => {
      const search = parseSearch(args.query);
      const hits = allVariants().filter((v) => matchesSearch(v, search, (variant, field) => (field === 'sku' ? [String(variant.sku ?? '')] : field === 'product_id' ? [String(variant.product_id)] : field === 'id' ? [String(variant.id)] : null)));
      const page = connection(hits, args);
      return { ...page, nodes: page.nodes.map(variantNode), edges: page.edges.map((e) => ({ cursor: e.cursor, node: variantNode(e.node) })) };
    },
    draftOrders: (args: ConnArgs) => {
      const search = parseSearch(args.query);
      const hits = [...drafts.values()].filter((d) =>
        matchesSearch(d, search, (draft, field) =>
          field === 'customer_id' ? (draft.customer ? [String(draft.customer.id)] : []) : field === 'tag' ? tagList(draft.tags) : field === 'status' ? [draft.status] : field === 'id' ? [String(draft.id)] : null,
        ),
      );
      const page = connection(hits, args);
      return { ...page, nodes: page.nodes.map(draftNode), edges: page.edges.map((e) => ({ cursor: e.cursor, node: draftNode(e.node) })) };
    },
  };

  function orderNode(o: (typeof store.orders)[number]) {
    return { id: gid('Order', o.id), legacyResourceId: String(o.id), name: o.name, createdAt: o.created_at, updatedAt: o.updated_at ?? o.created_at, customer: customerRef(o.customer) };
  }
  function variantNode(v: VariantRecord) {
    const product = productById.get(v.product_id);
    return {
      id: gid('ProductVariant', v.id),
      legacyResourceId: String(v.id),
      sku: v.sku,
      title: v.title,
      price: v.price,
      compareAtPrice: v.compare_at_price ?? null,
      product: { id: gid('Product', v.product_id), legacyResourceId: String(v.product_id), title: product?.title ?? '' },
      inventoryItem: { id: gid('InventoryItem', v.inventory_item_id), legacyResourceId: String(v.inventory_item_id), tracked: v.inventory_management === 'shopify', sku: v.sku },
    };
  }
  function draftNode(d: DraftOrderRecord) {
    return { id: d.admin_graphql_api_id, legacyResourceId: String(d.id), name: d.name, status: d.status.toUpperCase(), tags: tagList(d.tags), customer: customerRef(d.customer as { id: number } | null), updatedAt: d.updated_at };
  }

  app.post<{ Body: { query?: unknown; variables?: unknown; operationName?: unknown } | null }>('/graphql.json', async (req, reply) => {
    const query = req.body?.query;
    if (typeof query !== 'string' || query.trim() === '') return reply.code(400).send({ errors: { query: 'Required parameter missing or invalid' } });
    const variables = (typeof req.body?.variables === 'object' && req.body?.variables !== null ? req.body.variables : {}) as Record<string, unknown>;
    let doc: DocumentNode;
    try {
      doc = parse(query);
    } catch (error) {
      return { errors: [{ message: (error as Error).message, extensions: { code: 'PARSE_ERROR' } }] };
    }
    const invalid = validate(schema, doc);
    if (invalid.length > 0) return { errors: invalid.map((e) => ({ message: e.message, locations: e.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) };
    restore();
    const requested = requestedCost(doc, variables);
    if (requested > COST.maxQueryCost) {
      return {
        errors: [{ message: `Query cost is ${requested}, which exceeds the single query max cost limit (${COST.maxQueryCost}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost: requested, maxCost: COST.maxQueryCost } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
      };
    }
    if (requested > available) {
      return {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: throttleStatus() } },
      };
    }
    const result = await execute({ schema, document: doc, rootValue: root, variableValues: variables, ...(typeof req.body?.operationName === 'string' ? { operationName: req.body.operationName } : {}) });
    // Actual cost: 2 per connection plus what it returned (Shopify refunds the difference).
    const returned = Object.values((result.data ?? {}) as Record<string, { nodes?: unknown[]; edges?: unknown[] }>).reduce((sum, conn) => sum + 2 + (conn?.nodes?.length ?? conn?.edges?.length ?? 0), 0);
    const actual = Math.min(requested, Math.max(1, returned));
    available -= actual;
    const errors = result.errors?.map((e) => (e.originalError instanceof UserError ? { message: e.message, path: e.path, extensions: { code: 'BAD_REQUEST' } } : { message: 'Internal error', path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    return {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(errors ? { errors } : {}),
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: throttleStatus() } },
    };
  });
  return (level: number) => {
    available = Math.max(0, Math.min(COST.maximumAvailable, level));
    restoredAt = Date.now();
  };
}
