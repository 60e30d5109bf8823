import { randomUUID } from 'node:crypto';
import type { Logger } from '../../../lib/logger.ts';
import { StepError, type SubgraphCall } from './clients.ts';
import type { Config } from './config.ts';
import { chooseNoticeChannel, type NoticeDecision } from './notice-channel.ts';
import { gatherNoticeFacts, identityRequiredSelection, type Person } from './notice-facts.ts';
import type { FlowKind, FlowRecord, FlowStore, Notification, StepRecord, WebhookEvent } from './store.ts';

/**
 * The flow engine. Flows and their steps live in the database; a worker loop picks due steps
 * (so a restarted process resumes where the last one stopped), runs each with the idempotency
 * key `<flow id>:<step name>` (a step that ran but was not recorded runs again harmlessly), and
 * on a retryable failure schedules the next attempt with exponential backoff and jitter, up to
 * FLOW_MAX_ATTEMPTS; then the flow is FAILED with the error. Webhook events are stored first
 * (webhooks.ts), then applied here by the same loop.
 */
export const STEPS: Record<FlowKind, readonly string[]> = {
  PICKUP_IN_STORE: ['createPickupOrder', 'awaitReady', 'notifyCustomer', 'awaitCollected', 'fulfilShopOrder'],
  CART_TO_STORE: ['readCart', 'createPosDraft', 'markCartHandedOff'],
};
const EVENT_STEPS = new Set(['awaitReady', 'awaitCollected']);
export const isEventStep = (name: string) => EVENT_STEPS.has(name);

type StepOutcome = { state: 'DONE' | 'SKIPPED'; result?: Record<string, unknown>; flowPatch?: { posOrderId?: string; data?: Record<string, unknown>; notification?: Notification } };

interface ShopOrderPayload {
  id: number;
  name?: string;
  customer?: { id: number; first_name?: string | null; last_name?: string | null } | null;
  line_items?: { sku?: string | null; quantity: number }[];
  shipping_lines?: { code?: string; title?: string }[];
  note_attributes?: { name: string; value: string }[];
}

const ORDER_FIELDS = 'id state referenceId pickup { uid state } store { id name }';

export class FlowEngine {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly store: FlowStore,
    private readonly call: SubgraphCall,
    private readonly config: Config,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  /** Runs the loop now (a webhook arrived, a flow was created). */
  wake(): void {
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Resolves after the next loop pass (used by mutations waiting for their flow). */
  nextPass(): Promise<void> {
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      do {
        this.again = false;
        await this.applyEvents();
        const due = await this.store.dueSteps(20);
        // Steps of different flows run in parallel; one flow has at most one due step.
        await Promise.all(due.map((step) => this.runStep(step)));
        if (due.length > 0) this.again = true;
        for (const resolve of this.waiters) resolve();
        this.waiters.clear();
      } while (this.again && !this.stopped);
    } catch (error) {
      this.logger.error({ err: error }, 'flow worker pass failed');
    } finally {
      this.running = false;
      this.schedule(this.config.FLOW_POLL_MS);
    }
  }

  private retryDelay(attempts: number): number {
    const exp = Math.min(this.config.FLOW_RETRY_MAX_MS, this.config.FLOW_RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
    return Math.round(exp * (0.5 + Math.random() * 0.5));
  }

  private async runStep(due: StepRecord): Promise<void> {
    const step = await this.store.claim(due, this.config.FLOW_LEASE_MS);
    if (!step) return; // another worker took it
    const flow = await this.store.flow(step.flowId);
    if (!flow) return;
    const log = this.logger.child({ flowId: flow.id, step: step.name, attempt: step.attempts });
    try {
      const outcome = await this.execute(flow, step);
      await this.store.finishStep(flow.id, step.seq, outcome, isEventStep);
      log.info({ state: outcome.state }, 'flow step done');
    } catch (error) {
      const retryable = error instanceof StepError ? error.retryable : true;
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = retryable && step.attempts < this.config.FLOW_MAX_ATTEMPTS ? new Date(Date.now() + this.retryDelay(step.attempts)) : null;
      await this.store.failStep(flow.id, step.seq, message, retryAt);
      log.warn({ error: message, retryAt }, retryAt ? 'flow step failed; retry scheduled' : 'flow step failed for good');
    }
  }

  private key(flow: FlowRecord, step: string): string {
    return `${flow.id}:${step}`;
  }

  private async execute(flow: FlowRecord, step: StepRecord): Promise<StepOutcome> {
    switch (step.name) {
      case 'createPickupOrder':
        return this.createPickupOrder(flow);
      case 'notifyCustomer':
        return this.notifyCustomer(flow);
      case 'fulfilShopOrder': {
        await this.call('shop', 'mutation($id: ID!, $k: String!) { fulfilShopOrder(orderId: $id, idempotencyKey: $k) { id } }', { id: flow.subjectId, k: this.key(flow, step.name) });
        return { state: 'DONE' };
      }
      case 'readCart':
        return this.readCart(flow);
      case 'createPosDraft':
        return this.createPosDraft(flow);
      case 'markCartHandedOff': {
        const note = `Handed to store ${flow.storeId} as POS draft order ${flow.posOrderId}`;
        await this.call('shop', 'mutation($id: ID!, $n: String!, $k: String!) { markCartHandedOff(cartId: $id, note: $n, idempotencyKey: $k) { id status } }', {
          id: flow.subjectId,
          n: note,
          k: this.key(flow, step.name),
        });
        return { state: 'DONE' };
      }
      default:
        // Event steps are finished by applyEvents, never run.
        throw new StepError(`step ${step.name} cannot run`, false);
    }
  }

  // --- PICKUP_IN_STORE ------------------------------------------------------------------

  private async createPickupOrder(flow: FlowRecord): Promise<StepOutcome> {
    const order = flow.data.order as ShopOrderPayload;
    const lines = (order.line_items ?? []).filter((l) => l.sku).map((l) => ({ sku: l.sku as string, quantity: l.quantity }));
    if (lines.length === 0) throw new StepError('the web order has no lines with a SKU', false);
    const recipient = [order.customer?.first_name, order.customer?.last_name].filter(Boolean).join(' ') || null;
    const data = await this.call<{ createPickupOrder: { id: string; store: { name: string } | null } }>(
      'pos',
      `mutation($input: CreateStoreOrderInput!) { createPickupOrder(input: $input) { ${ORDER_FIELDS} } }`,
      { input: { storeId: flow.storeId, lines, referenceId: `shop-order:${order.id}`, recipientName: recipient, idempotencyKey: this.key(flow, 'createPickupOrder') } },
    );
    const created = data.createPickupOrder;
    return { state: 'DONE', result: { posOrderId: created.id }, flowPatch: { posOrderId: created.id, data: { storeName: created.store?.name ?? flow.storeId } } };
  }

  /**
   * The pickup-ready notice, only on a channel the customer allows (notice-channel.ts: consent
   * GRANTED, or for SOCIAL a reply inside the 24-hour messaging window; DENIED never), their
   * preferred channel first. The decision (rule, every option considered and why) is recorded on
   * the flow, sent or not: no allowed channel is a visible NOT_NOTIFIED, never a silent skip.
   */
  private async notifyCustomer(flow: FlowRecord): Promise<StepOutcome> {
    const order = flow.data.order as ShopOrderPayload;
    const now = new Date().toISOString();
    const requestId = randomUUID();
    const notNotified = (rule: Notification['rule'], reason: string, decision?: NoticeDecision): StepOutcome => ({
      state: 'DONE',
      result: { notified: false, rule, reason },
      flowPatch: { notification: { channel: null, state: 'NOT_NOTIFIED', rule, reason, preferredChannel: decision?.preferredChannel ?? null, options: decision?.options ?? [], messageId: null, at: now } },
    });
    if (!order.customer) return notNotified('GUEST_ORDER', 'guest order: no customer record to notify');
    const data = await this.call<{ customerBySourceId: Person | null }>(
      'identity',
      `query($id: ID!) { customerBySourceId(system: "shop", externalId: $id) { id links { system externalId } profile { primaryEmail { value } consent { channel state } } ${identityRequiredSelection()} } }`,
      { id: String(order.customer.id) },
      requestId,
    );
    const person = data.customerBySourceId;
    if (!person) return notNotified('UNKNOWN_CUSTOMER', `shop customer ${order.customer.id} is not linked to a person in the identity hub`);
    const facts = await gatherNoticeFacts(this.call, person, requestId);
    const decision = chooseNoticeChannel({ channels: facts.channels, preferredChannel: facts.preferredChannel, ...(facts.preferenceNote ? { preferenceNote: facts.preferenceNote } : {}) });
    if (!decision.channel || !decision.address) return notNotified(decision.rule, decision.reason, decision);

    const store = String(flow.data.storeName ?? flow.storeId);
    const text = `Your order ${order.name ?? `#${order.id}`} is ready for pickup at ${store}.`;
    const sent = (messageId: string | null, detail: string): StepOutcome => ({
      state: 'DONE',
      result: { notified: true, channel: decision.channel, rule: decision.rule },
      flowPatch: {
        notification: { channel: decision.channel, state: 'SENT', rule: decision.rule, reason: `${decision.reason} (${detail})`, preferredChannel: decision.preferredChannel, options: decision.options, messageId, at: now },
      },
    });
    if (decision.channel === 'SOCIAL' && facts.socialSystem === 'line') {
      // LINE: a push with the step's key as LINE's retry key (sent once even if this step is retried).
      const answer = await this.call<{ sendLineMessage: { messageId: string; alreadyAccepted: boolean } }>(
        'line',
        'mutation($u: ID!, $t: String!, $k: String!) { sendLineMessage(userId: $u, text: $t, idempotencyKey: $k) { messageId alreadyAccepted } }',
        { u: decision.address, t: text, k: this.key(flow, 'notifyCustomer') },
        requestId,
      );
      return sent(answer.sendLineMessage.messageId, `LINE user ${decision.address}, push`);
    }
    if (decision.channel === 'SOCIAL' && facts.socialSystem === 'zalo') {
      const answer = await this.call<{ sendZaloMessage: { messageId: string } }>(
        'zalo',
        'mutation($u: ID!, $t: String!, $k: String!) { sendZaloMessage(userId: $u, text: $t, idempotencyKey: $k) { messageId } }',
        { u: decision.address, t: text, k: this.key(flow, 'notifyCustomer') },
        requestId,
      );
      return sent(answer.sendZaloMessage.messageId, `Zalo user ${decision.address}, customer-service message`);
    }
    if (decision.channel === 'SOCIAL') {
      const answer = await this.call<{ sendSocialMessage: { messageId: string; messagingType: string } }>(
        'social',
        'mutation($p: ID!, $t: String!, $k: String!) { sendSocialMessage(profileId: $p, text: $t, tag: POST_PURCHASE_UPDATE, idempotencyKey: $k) { messageId messagingType } }',
        { p: decision.address, t: text, k: this.key(flow, 'notifyCustomer') },
        requestId,
      );
      return sent(answer.sendSocialMessage.messageId, `social profile ${decision.address}, ${answer.sendSocialMessage.messagingType}`);
    }
    const recorded = await this.call<{ recordInteraction: { note: { id: string } | null; contact: { id: string } } }>(
      'crm',
      'mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { contact { id } note { id } } }',
      { input: { customerId: person.id, channel: 'EMAIL', summary: `Email sent: ${text}`, idempotencyKey: this.key(flow, 'notifyCustomer') } },
      requestId,
    );
    return sent(recorded.recordInteraction.note?.id ?? null, `CRM contact ${recorded.recordInteraction.contact.id}`);
  }

  // --- CART_TO_STORE --------------------------------------------------------------------

  private async readCart(flow: FlowRecord): Promise<StepOutcome> {
    const data = await this.call<{ shopCart: { id: string; status: string; lines: { sku: string; quantity: number }[] } | null }>(
      'shop',
      'query($id: ID!) { shopCart(id: $id) { id status lines { sku quantity } } }',
      { id: flow.subjectId },
    );
    const cart = data.shopCart;
    if (!cart) throw new StepError(`NOT_FOUND: no web cart ${flow.subjectId}`, false, 'NOT_FOUND');
    if (cart.status !== 'OPEN' && cart.status !== 'HANDED_OFF') throw new StepError(`CONFLICT: cart ${cart.id} is ${cart.status}`, false, 'CONFLICT');
    if (cart.lines.length === 0) throw new StepError('BAD_USER_INPUT: the cart is empty', false, 'BAD_USER_INPUT');
    return { state: 'DONE', result: { lines: cart.lines }, flowPatch: { data: { lines: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) } } };
  }

  private async createPosDraft(flow: FlowRecord): Promise<StepOutcome> {
    const data = await this.call<{ createPosOrderDraft: { id: string } }>('pos', `mutation($input: CreateStoreOrderInput!) { createPosOrderDraft(input: $input) { ${ORDER_FIELDS} } }`, {
      input: { storeId: flow.storeId, lines: flow.data.lines, referenceId: `shop-cart:${flow.subjectId}`.slice(0, 40), idempotencyKey: this.key(flow, 'createPosDraft') },
    });
    return { state: 'DONE', result: { posOrderId: data.createPosOrderDraft.id }, flowPatch: { posOrderId: data.createPosOrderDraft.id } };
  }

  // --- events ---------------------------------------------------------------------------

  /** Applies stored webhook events in arrival order; one that cannot apply yet waits for a later pass. */
  private async applyEvents(): Promise<void> {
    for (const event of await this.store.pendingEvents(50)) {
      try {
        const outcome = await this.applyEvent(event);
        const expired = Date.now() - Date.parse(event.receivedAt) > this.config.FLOW_EVENT_TTL_MS;
        await this.store.markEvent(event, outcome ?? (expired ? 'dropped: no flow could take it' : null));
      } catch (error) {
        this.logger.error({ err: error, eventId: event.eventId }, 'applying a webhook event failed');
        await this.store.markEvent(event, null);
      }
    }
  }

  /** The outcome to record, or null when the event cannot apply yet. */
  private async applyEvent(event: WebhookEvent): Promise<string | null> {
    if (event.vendor === 'shopify' && event.topic === 'orders/create') {
      const order = event.body as unknown as ShopOrderPayload;
      const pickup = (order.shipping_lines ?? []).some((l) => l.code === 'PICKUP' || /pick\s*up/i.test(l.title ?? ''));
      const storeId = order.note_attributes?.find((a) => a.name === 'pickup_store_id')?.value;
      if (!pickup || !storeId) return 'ignored: not a pickup order';
      const { flow, created } = await this.store.createFlow({
        kind: 'PICKUP_IN_STORE',
        subjectSystem: 'shop',
        subjectId: String(order.id),
        storeId,
        data: { order: { id: order.id, name: order.name, customer: order.customer ?? null, line_items: order.line_items ?? [], note_attributes: order.note_attributes ?? [] } },
        steps: STEPS.PICKUP_IN_STORE,
      });
      return created ? `flow ${flow.id} created` : `flow ${flow.id} already exists`;
    }
    if (event.vendor === 'square' && event.topic === 'order.fulfillment.updated') {
      const data = (event.body.data ?? {}) as { id?: string; object?: { order_fulfillment_updated?: { order_id?: string; fulfillment_update?: { new_state?: string }[] } } };
      const update = data.object?.order_fulfillment_updated;
      const orderId = update?.order_id ?? data.id;
      if (!orderId) return 'ignored: no order id';
      const flow = await this.store.flowByPosOrder(orderId);
      if (!flow) return null; // the step that records the POS order may not have finished yet
      if (flow.state === 'COMPLETED' || flow.state === 'FAILED') return `ignored: flow ${flow.id} is ${flow.state}`;
      const states = (update?.fulfillment_update ?? []).map((u) => u.new_state);
      const steps = await this.store.steps(flow.id);
      const current = steps.find((s) => s.state !== 'DONE' && s.state !== 'SKIPPED');
      if (!current) return `ignored: flow ${flow.id} has no open step`;
      if (states.includes('PREPARED')) {
        if (current.name === 'awaitReady' && current.state === 'WAITING_EVENT') {
          await this.store.finishStep(flow.id, current.seq, { state: 'DONE', result: { eventId: event.eventId } }, isEventStep);
          return `flow ${flow.id}: ready`;
        }
        return current.seq > steps.find((s) => s.name === 'awaitReady')!.seq ? `ignored: flow ${flow.id} is past awaitReady` : null;
      }
      if (states.includes('COMPLETED')) {
        if (current.name === 'awaitCollected' && current.state === 'WAITING_EVENT') {
          await this.store.finishStep(flow.id, current.seq, { state: 'DONE', result: { eventId: event.eventId } }, isEventStep);
          return `flow ${flow.id}: collected`;
        }
        if (current.name === 'awaitReady' && current.state === 'WAITING_EVENT') {
          // Collected without being marked ready: nothing to notify.
          const notify = steps.find((s) => s.name === 'notifyCustomer')!;
          const collected = steps.find((s) => s.name === 'awaitCollected')!;
          await this.store.finishStep(flow.id, current.seq, { state: 'SKIPPED' }, () => false);
          await this.store.db.query(`UPDATE flow_steps SET next_attempt_at = NULL WHERE flow_id = $1 AND seq = $2`, [flow.id, notify.seq]);
          await this.store.finishStep(flow.id, notify.seq, { state: 'SKIPPED' }, () => false);
          await this.store.db.query(`UPDATE flow_steps SET next_attempt_at = NULL WHERE flow_id = $1 AND seq = $2`, [flow.id, collected.seq]);
          await this.store.finishStep(flow.id, collected.seq, { state: 'DONE', result: { eventId: event.eventId } }, isEventStep);
          return `flow ${flow.id}: collected before ready`;
        }
        return null; // e.g. the notification is still being sent: apply after it
      }
      return `ignored: fulfilment states ${states.join(',')}`;
    }
    return `ignored: topic ${event.topic}`;
  }
}
