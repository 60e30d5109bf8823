import { randomBytes } from 'node:crypto';
import type { ConversationRow, MessageRow, Node, PageRow, SocialStore } from './store.ts';
import type { PageTokens, TokenScope } from './tokens.ts';
import { shuffle } from '../../lib/shuffle.ts';

/**
 * The Graph API read engine, shared by the HTTP routes and by batch sub-requests (a Graph
 * batch runs its sub-requests inside one HTTP call, so they must not go back through HTTP:
 * that would count them as separate vendor calls).
 */
export const GRAPH_VERSION = 'v19.0';
/** The Graph versions Meta serves (v19.0 to v23.0 at the time of writing); a path without one is served at the app's default version. */
export const GRAPH_VERSIONS = ['v19.0', 'v20.0', 'v21.0', 'v22.0', 'v23.0'];
/** Route prefixes: every supported version, and none (unversioned paths). */
export const VERSION_PREFIXES = ['', ...GRAPH_VERSIONS.map((v) => `/${v}`)];
/** Graph's limits for one multi-ID read and one batch. */
export const MAX_IDS = 50;
export const MAX_BATCH = 50;
/** Instagram exposes only the 20 most recent messages of a conversation in detail. */
const INSTAGRAM_MESSAGE_WINDOW = 20;

export interface GraphResult {
  status: number;
  body: unknown;
}

export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: GraphErrorBody,
  ) {
    super(body.error.message);
  }
}

export interface GraphErrorBody {
  error: { message: string; type: string; code: number; error_subcode?: number; is_transient?: boolean; fbtrace_id: string };
}

export function graphError(
  status: number,
  code: number,
  message: string,
  opts: { type?: string; subcode?: number; transient?: boolean } = {},
): GraphFailure {
  return new GraphFailure(status, {
    error: {
      message,
      type: opts.type ?? 'OAuthException',
      code,
      ...(opts.subcode !== undefined ? { error_subcode: opts.subcode } : {}),
      ...(opts.transient ? { is_transient: true } : {}),
      fbtrace_id: randomBytes(8).toString('base64').replace(/=+$/, ''),
    },
  });
}

export const unknownObject = (id: string) =>
  graphError(
    400,
    100,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { type: 'GraphMethodException', subcode: 33 },
  );

const badParam = (message: string) => graphError(400, 100, `(#100) ${message}`);

// ---------------------------------------------------------------------------------------
// fields=a,b,messages.limit(5){id,from}

export interface FieldSpec {
  name: string;
  limit?: number;
  sub?: FieldSpec[];
}

export function parseFields(raw: string | null | undefined): FieldSpec[] | null {
  if (!raw || raw.trim() === '') return null;
  const out: FieldSpec[] = [];
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  for (const part of parts.map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z_]+)((?:\.[a-z_]+\([^)]*\))*)(?:\{(.*)\})?$/s.exec(part);
    if (!match?.[1]) throw badParam(`Syntax error "Expected end of string instead of "${part}"." at character 0: ${raw}`);
    const spec: FieldSpec = { name: match[1] };
    const limit = /\.limit\((\d+)\)/.exec(match[2] ?? '');
    if (limit?.[1]) spec.limit = Number(limit[1]);
    if (match[3] !== undefined) spec.sub = parseFields(match[3]) ?? [];
    out.push(spec);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Nodes

const nodeTypeName: Record<Node['kind'], string> = { page: 'Page', profile: 'User', conversation: 'UnifiedThread', message: 'Message' };

const defaults: Record<Node['kind'], string[]> = {
  page: ['id', 'name'],
  profile: ['id', 'name'],
  conversation: ['id', 'updated_time'],
  message: ['id', 'created_time'],
};

/**
 * The fields each node type exposes, as Graph documents them; any other is refused with
 * (#100) "Tried accessing nonexisting field". The data set's `page_id` and `platform` on
 * profiles and threads are not Graph fields: a client knows both from the Page token it used.
 */
const scalarFields: Record<Node['kind'], string[]> = {
  page: ['id', 'name', 'category', 'access_token', 'tasks', 'instagram_business_account'],
  profile: ['id', 'first_name', 'last_name', 'name', 'profile_pic', 'locale'],
  conversation: ['id', 'participants', 'senders', 'updated_time', 'message_count', 'unread_count', 'link'],
  message: ['id', 'created_time', 'from', 'to', 'message'],
};

function renderNode(store: SocialStore, node: Node, fields: FieldSpec[] | null, ctx: EdgeContext): Record<string, unknown> {
  const specs: FieldSpec[] = fields ?? defaults[node.kind].map((name) => ({ name }));
  const out: Record<string, unknown> = {};
  const row = node.row as unknown as Record<string, unknown>;
  for (const spec of specs) {
    if (node.kind === 'conversation' && spec.name === 'messages') {
      out.messages = messagesEdge(store, node.row, { fields: spec.sub ?? null, limit: spec.limit, after: null }, null);
      continue;
    }
    if (node.kind === 'page') {
      if (!scalarFields.page.includes(spec.name)) throw badParam(`Tried accessing nonexisting field (${spec.name}) on node type (Page)`);
      Object.assign(out, pageFields(store, node.row, [spec], ctx));
      continue;
    }
    if (node.kind === 'conversation' && spec.name === 'senders') {
      // The people who wrote in the thread, as Graph lists them (participants who sent a message).
      const ids = new Set(store.messagesOf(node.row.id).map((m) => m.from.id));
      out.senders = { data: node.row.participants.data.filter((p) => ids.has(p.id)) };
      continue;
    }
    if (node.kind === 'conversation' && spec.name === 'link') {
      out.link = `/${node.row.page_id}/inbox/${node.row.id}`;
      continue;
    }
    if (!scalarFields[node.kind].includes(spec.name)) {
      throw badParam(`Tried accessing nonexisting field (${spec.name}) on node type (${nodeTypeName[node.kind]})`);
    }
    // Graph leaves out fields that have no value rather than sending null.
    const value = row[spec.name];
    if (value !== undefined && value !== null) out[spec.name] = value;
  }
  if (!('id' in out)) out.id = node.row.id;
  return out;
}

// ---------------------------------------------------------------------------------------
// Edges and paging

interface EdgeContext {
  /** Base URL, version prefix ('' or `/v21.0`) and query of the request, to build `paging.next`. */
  baseUrl: string;
  version: string;
  path: string;
  query: URLSearchParams;
  /** Who the call acts as (tokens.ts), and the page tokens to hand out in `me/accounts`. */
  scope: TokenScope;
  tokens: PageTokens | null;
}

interface EdgeArgs {
  fields: FieldSpec[] | null;
  limit: number | undefined;
  after: string | null;
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw badParam('The parameter after is not a valid cursor');
  return Number(match[1]);
}

function page<T>(items: T[], args: EdgeArgs, render: (item: T) => unknown, ctx: EdgeContext | null, maxLimit = 100) {
  const limit = Math.min(Math.max(args.limit ?? 25, 1), maxLimit);
  const offset = decodeCursor(args.after);
  const slice = items.slice(offset, offset + limit);
  if (slice.length === 0) return { data: [] };
  const after = encodeCursor(offset + slice.length);
  const paging: Record<string, unknown> = { cursors: { before: encodeCursor(offset), after } };
  // Meta leaves `next` out on the last page: that, not an empty page, is the end signal.
  if (offset + slice.length < items.length && ctx) {
    const next = new URLSearchParams(ctx.query);
    next.set('after', after);
    next.delete('before');
    next.set('limit', String(limit));
    paging.next = `${ctx.baseUrl}${ctx.version}/${ctx.path}?${next.toString()}`;
  }
  return { data: slice.map(render), paging };
}

function messagesEdge(store: SocialStore, conversation: ConversationRow, args: EdgeArgs, ctx: EdgeContext | null) {
  let items = store.messagesOf(conversation.id);
  if (conversation.platform === 'instagram') items = items.slice(0, INSTAGRAM_MESSAGE_WINDOW);
  return page(items, args, (m: MessageRow) => renderNode(store, { kind: 'message', row: m }, args.fields, ctx ?? emptyCtx), ctx);
}

const emptyCtx: EdgeContext = { baseUrl: '', version: '', path: '', query: new URLSearchParams(), scope: { kind: 'system' }, tokens: null };

function edgeArgs(query: URLSearchParams): EdgeArgs {
  const limitRaw = query.get('limit');
  const limit = limitRaw === null ? undefined : Number(limitRaw);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw badParam('The parameter limit must be a positive integer');
  return { fields: parseFields(query.get('fields')), limit, after: query.get('after') };
}

// ---------------------------------------------------------------------------------------
// Entry points

export interface ReadRequest {
  segments: string[];
  query: URLSearchParams;
  baseUrl: string;
  /** '' for an unversioned path, else `/v21.0`. */
  version: string;
  scope: TokenScope;
  tokens: PageTokens | null;
}

/** `GET /{id}`, `GET /{id}/{edge}` and `GET /?ids=` (path = segments after the version). */
export function readGraph(store: SocialStore, req: ReadRequest): GraphResult {
  try {
    return { status: 200, body: dispatch(store, req) };
  } catch (error) {
    if (error instanceof GraphFailure) return { status: error.status, body: error.body };
    throw error;
  }
}

/** A page-scoped object (person, thread, message) is read only with its page's token. */
function requirePage(ctx: EdgeContext, id: string, pageId: string): void {
  if (ctx.scope.kind === 'system') throw graphError(400, 190, '(#190) This method must be called with a Page Access Token');
  if (ctx.scope.pageId !== pageId) throw unknownObject(id);
}

/** The page a node belongs to (null for pages themselves, which any token reads). */
function ownerOf(store: SocialStore, node: Node): string | null {
  if (node.kind === 'profile' || node.kind === 'conversation') return node.row.page_id;
  if (node.kind === 'message') {
    const thread = store.node(node.row.conversation_id);
    return thread?.kind === 'conversation' ? thread.row.page_id : null;
  }
  return null;
}

function readable(store: SocialStore, id: string, ctx: EdgeContext): Node {
  const node = store.node(id);
  if (!node) throw unknownObject(id);
  const owner = ownerOf(store, node);
  if (owner !== null) requirePage(ctx, id, owner);
  return node;
}

function dispatch(store: SocialStore, req: ReadRequest): unknown {
  const { segments, query } = req;
  const ctx: EdgeContext = { baseUrl: req.baseUrl, version: req.version, path: segments.join('/'), query, scope: req.scope, tokens: req.tokens };
  const [id, edge, extra] = segments;
  if (extra !== undefined) throw badParam('Unknown path components: /' + segments.slice(2).join('/'));
  if (!id) return multiRead(store, query, ctx);
  if (/^v\d+\.\d+$/.test(id)) throw graphError(400, 2635, `(#2635) API version ${id} is not available: call v19.0 to v23.0, or no version.`);
  if (id === 'me') {
    // With a Page token, `me` is that page; with the system user's token, the user and its pages.
    if (ctx.scope.kind === 'page') {
      const self = store.node(ctx.scope.pageId);
      if (edge === undefined && self) return renderNode(store, self, parseFields(query.get('fields')), ctx);
      throw badParam(`Tried accessing nonexisting field (${edge}) on node type (Page)`);
    }
    if (edge === 'accounts') {
      const fields = parseFields(query.get('fields')) ?? ['access_token', 'category', 'name', 'id', 'tasks'].map((name) => ({ name }));
      for (const f of fields) if (!scalarFields.page.includes(f.name)) throw badParam(`Tried accessing nonexisting field (${f.name}) on node type (Page)`);
      return page(store.pages, edgeArgs(query), (p: PageRow) => ({ ...pageFields(store, p, fields, ctx), id: p.id }), ctx);
    }
    if (edge === undefined) return { id: 'me', name: 'Omni Store (stand-in system user)' };
    throw badParam(`Tried accessing nonexisting field (${edge}) on node type (User)`);
  }
  const node = readable(store, id, ctx);
  if (edge === undefined) return renderNode(store, node, parseFields(query.get('fields')), ctx);
  const args = edgeArgs(query);
  if (node.kind === 'page' && edge === 'conversations') requirePage(ctx, id, node.row.id);
  if (node.kind === 'page' && edge === 'conversations') {
    // Meta serves Messenger threads by default and Instagram threads only with
    // platform=instagram; the LINE and Zalo profiles of this stand-in answer to their own name too.
    const platform = (query.get('platform') ?? 'messenger').toLowerCase();
    const wanted = platform === node.row.platform || (platform === 'messenger' && node.row.platform !== 'instagram');
    const userId = query.get('user_id');
    // No copy of the page's whole list per request when no user filter applies (a million-thread page is paged thousands of times).
    const all = wanted ? store.conversationsOf(node.row.id) : [];
    const items = userId === null ? all : all.filter((c) => c.participants.data.some((p) => p.id === userId));
    return page(items, args, (c: ConversationRow) => renderNode(store, { kind: 'conversation', row: c }, args.fields, ctx), ctx);
  }
  if (node.kind === 'conversation' && edge === 'messages') return messagesEdge(store, node.row, args, ctx);
  throw badParam(`Tried accessing nonexisting field (${edge}) on node type (${nodeTypeName[node.kind]})`);
}

/**
 * A page's fields. `access_token` only to the system user that manages it (or the page itself).
 * `instagram_business_account`: the data set's Instagram accounts have no Facebook Page of their
 * own, so each stands as its own page here, linked to itself (README: deliberate difference).
 */
function pageFields(_store: SocialStore, p: PageRow, fields: FieldSpec[], ctx: EdgeContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name } of fields) {
    if (name === 'id' || name === 'name') out[name] = p[name];
    else if (name === 'category') out.category = 'Retail company';
    else if (name === 'tasks') out.tasks = ['MESSAGING', 'MODERATE', 'ADVERTISE', 'ANALYZE'];
    else if (name === 'access_token') {
      if (ctx.tokens && (ctx.scope.kind === 'system' || ctx.scope.pageId === p.id)) out.access_token = ctx.tokens.tokenOf(p.id);
    } else if (name === 'instagram_business_account') {
      if (p.platform === 'instagram') out.instagram_business_account = { id: p.id, username: p.name };
    } else throw badParam(`Tried accessing nonexisting field (${name}) on node type (Page)`);
  }
  return out;
}

/**
 * `GET /?ids=A,B&fields=`: an object keyed by id. Like Meta, one unknown id fails the
 * whole read (code 100, subcode 33) rather than being left out; key order is not the
 * request order.
 */
function multiRead(store: SocialStore, query: URLSearchParams, ctx: EdgeContext): Record<string, unknown> {
  const raw = query.get('ids');
  if (raw === null || raw.trim() === '') throw badParam('Unsupported get request: this endpoint requires the ids parameter');
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length > MAX_IDS) throw badParam(`Too many IDs. Maximum: ${MAX_IDS}`);
  const fields = parseFields(query.get('fields'));
  const out: Record<string, unknown> = {};
  for (const id of shuffle(ids)) {
    out[id] = renderNode(store, readable(store, id, ctx), fields, ctx);
  }
  return out;
}


/** Splits a batch `relative_url` ("v19.0/123/messages?limit=5" or "/123?fields=x") into version, segments and query. */
export function parseRelativeUrl(relative: string): { segments: string[]; query: URLSearchParams; version: string } {
  const url = new URL(relative.replace(/^\/+/, ''), 'http://graph.invalid/');
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let version = '';
  if (segments[0] && GRAPH_VERSIONS.includes(segments[0])) version = `/${segments.shift()}`;
  return { segments, query: url.searchParams, version };
}

