import { badInput, codedError, ErrorCode } from '../../../../lib/errors.ts';
import { StepError } from '../clients.ts';
import type { Context } from '../context.ts';
import { STEPS } from '../engine.ts';
import type { Resolvers } from '../generated/resolvers.ts';
import type { FlowRecord } from '../store.ts';

const KEY_MAX = 150;
const SETTLED = new Set(['COMPLETED', 'FAILED', 'WAITING_RETRY', 'WAITING_EVENT']);

/** Checks the cart and the store before a flow is created, so bad input changes nothing. A system that cannot be reached does not block: the flow retries. */
async function validateHandoff(ctx: Context, cartId: string, storeId: string): Promise<void> {
  try {
    const data = await ctx.call<{ shopCart: { status: string; lines: unknown[] } | null }>('shop', 'query($id: ID!) { shopCart(id: $id) { status lines { sku } } }', { id: cartId }, ctx.requestId);
    if (!data.shopCart) throw codedError(ErrorCode.NOT_FOUND, `No web cart ${cartId}`, { system: 'shop', field: 'cartId' });
    if (data.shopCart.status !== 'OPEN') throw codedError(ErrorCode.CONFLICT, `Cart ${cartId} is ${data.shopCart.status}, not OPEN`, { system: 'shop', field: 'cartId' });
    if (data.shopCart.lines.length === 0) throw badInput('The cart is empty', 'cartId');
  } catch (error) {
    if (!(error instanceof StepError && error.retryable)) throw error instanceof StepError ? badInput(error.message, 'cartId') : error;
  }
  try {
    const data = await ctx.call<{ store: { status: string } | null }>('pos', 'query($id: ID!) { store(id: $id) { status } }', { id: storeId }, ctx.requestId);
    if (!data.store) throw badInput(`store ${storeId} does not exist`, 'storeId');
    if (data.store.status !== 'ACTIVE') throw badInput(`store ${storeId} is not trading`, 'storeId');
  } catch (error) {
    if (!(error instanceof StepError && error.retryable)) throw error instanceof StepError ? badInput(error.message, 'storeId') : error;
  }
}

export const resolvers: Resolvers = {
  Query: {
    flow: (_root, { id }, ctx) => ctx.store.flow(id),
    flowsForOrder: (_root, { system, externalId }, ctx) => ctx.store.flowsBySubject(system, externalId),
    flows: (_root, { state, first, after }, ctx) => {
      const size = first ?? 20;
      if (size < 1 || size > 100) throw badInput('first must be 1 to 100', 'first');
      return ctx.store.flows({ state: state ?? null, first: size, after: after ?? null });
    },
  },
  Mutation: {
    async handoffCartToStore(_root, { cartId, storeId, idempotencyKey }, ctx) {
      const key = idempotencyKey.trim();
      if (key.length === 0 || key.length > KEY_MAX) throw badInput(`idempotencyKey must be 1 to ${KEY_MAX} characters`, 'idempotencyKey');
      if (!/^[0-9A-Z]{4,32}$/.test(storeId)) throw badInput('storeId must be a Square location id', 'storeId');
      if (cartId.trim().length === 0 || cartId.length > 64) throw badInput('cartId must be a web cart id', 'cartId');
      const existing = (await ctx.store.flowsBySubject('shop', cartId)).find((f) => f.kind === 'CART_TO_STORE');
      let flow: FlowRecord;
      if (existing) {
        if (existing.storeId !== storeId) throw codedError(ErrorCode.CONFLICT, `Cart ${cartId} was already handed to store ${existing.storeId} (flow ${existing.id})`, { field: 'cartId' });
        flow = existing;
      } else {
        await validateHandoff(ctx, cartId, storeId);
        const created = await ctx.store.createFlow({ kind: 'CART_TO_STORE', subjectSystem: 'shop', subjectId: cartId, storeId, data: {}, steps: STEPS.CART_TO_STORE, idempotencyKey: `handoff:${key}` });
        flow = created.flow;
        if (flow.subjectId !== cartId) throw codedError(ErrorCode.CONFLICT, `idempotencyKey was used for cart ${flow.subjectId}`, { field: 'idempotencyKey' });
        ctx.engine.wake();
      }
      // Answer with the flow once it settles (usually COMPLETED), or as it is after FLOW_MUTATION_WAIT_MS.
      const deadline = Date.now() + ctx.config.FLOW_MUTATION_WAIT_MS;
      while (!SETTLED.has(flow.state) && Date.now() < deadline) {
        await Promise.race([ctx.engine.nextPass(), new Promise((r) => setTimeout(r, 200))]);
        flow = (await ctx.store.flow(flow.id)) ?? flow;
      }
      return flow;
    },
  },
  Flow: {
    __resolveReference: (ref, ctx) => ctx.store.flow(ref.id),
    subject: (f) => ({ system: f.subjectSystem, externalId: f.subjectId }),
    posOrder: (f) => (f.posOrderId ? { id: f.posOrderId } : null),
    steps: (f, _args, ctx) => ctx.store.steps(f.id),
  },
  FlowNotification: {
    // Notices decided before rules were recorded carry only channel, state and reason.
    rule: (n) => n.rule ?? 'UNRECORDED',
    preferredChannel: (n) => n.preferredChannel ?? null,
    options: (n) => n.options ?? [],
  },
};
