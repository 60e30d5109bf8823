import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/**
 * The console's GraphQL client: it sends only the hash of each typed document (GraphQL Code
 * Generator's client preset puts it in `__meta__.hash`), so it runs unchanged against a gateway in
 * trusted-documents mode, where only registered documents run (schema/generated/persisted-documents.json).
 * Who is asking travels as the dev-mode headers (README "Security"): `x-omnigraph-roles` and
 * `x-omnigraph-actor`; a deployment with AUTH_MODE=jwt would send a bearer token instead.
 */
export interface Caller {
  role: string;
  actor: string;
}

export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; system?: string; field?: string; [key: string]: unknown };
}

export interface Result<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
}

const hashOf = (document: unknown): string => {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('not a persisted typed document: run `npm run codegen`');
  return hash;
};

const operationNameOf = (document: TypedDocumentNode<unknown, unknown>): string | undefined => {
  const op = document.definitions.find((d) => d.kind === 'OperationDefinition');
  return op && 'name' in op ? op.name?.value : undefined;
};

export async function run<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, caller: Caller): Promise<Result<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'x-omnigraph-actor': caller.actor };
  if (caller.role) headers['x-omnigraph-roles'] = caller.role;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ documentId: hashOf(document), operationName: operationNameOf(document as TypedDocumentNode<unknown, unknown>), variables }),
    });
  } catch (error) {
    return { data: null, errors: [{ message: `the gateway cannot be reached (${String(error)})`, extensions: { code: 'NETWORK', system: 'gateway' } }] };
  }
  // Refusals (403 FORBIDDEN, 400 limits) carry a GraphQL body too.
  const body = (await response.json().catch(() => null)) as { data?: TData | null; errors?: GraphQLErrorShape[] } | null;
  if (!body) return { data: null, errors: [{ message: `HTTP ${response.status} without a GraphQL body`, extensions: { code: 'HTTP', system: 'gateway' } }] };
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** A fresh idempotency key per user action; a retry of the same action reuses it (the gateway then changes nothing twice). */
export const newIdempotencyKey = (what: string) => `console-${what}-${crypto.randomUUID()}`;
