import { randomBytes } from 'node:crypto';
import { badInput } from '../../../lib/errors.ts';
import type { Db, Queryable, Row } from './db.ts';
import type { NoticeOption, NoticeRule } from './notice-channel.ts';

/**
 * `<created_at ISO>|<id>` from a cursor this API gave out, or BAD_USER_INPUT: a garbage
 * cursor would otherwise reach Postgres's timestamptz cast and fail as an internal error.
 */
function decodeFlowCursor(cursor: string): [string, string] {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const [at, id, ...rest] = decoded.split('|');
  const valid = Buffer.from(decoded).toString('base64url') === cursor && rest.length === 0 && !!at && !!id && Number.isFinite(Date.parse(at));
  if (!valid) throw badInput('after is not a cursor this API gave out', 'after');
  return [at, id];
}

export type FlowKind = 'PICKUP_IN_STORE' | 'CART_TO_STORE';
export type FlowState = 'PENDING' | 'RUNNING' | 'WAITING_RETRY' | 'WAITING_EVENT' | 'COMPLETED' | 'FAILED';
export type StepState = 'PENDING' | 'RUNNING' | 'WAITING_RETRY' | 'WAITING_EVENT' | 'DONE' | 'SKIPPED' | 'FAILED';

export interface Notification {
  channel: 'SOCIAL' | 'EMAIL' | null;
  state: 'SENT' | 'NOT_NOTIFIED';
  /** The rule that chose the channel, or why none; absent on notices recorded before rules were. */
  rule?: NoticeRule;
  /** The customer's preferred channel when it was decided (journey naming: EMAIL, LINE...). */
  preferredChannel?: string | null;
  /** Every channel considered, in order, with its consent and why it was or was not allowed. */
  options?: NoticeOption[];
  reason: string;
  messageId: string | null;
  at: string;
}

export interface StepRecord {
  flowId: string;
  seq: number;
  name: string;
  state: StepState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  result: Record<string, unknown> | null;
  at: string;
}

export interface FlowRecord {
  id: string;
  kind: FlowKind;
  state: FlowState;
  subjectSystem: string;
  subjectId: string;
  storeId: string | null;
  posOrderId: string | null;
  data: Record<string, unknown>;
  notification: Notification | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEvent {
  vendor: 'shopify' | 'square';
  /** The identity of the delivery from its signed bytes (lib/webhooks.ts replayKey). */
  replayKey: string;
  /** The vendor's event id, for logs (Shopify's is an unsigned header: never an identity). */
  eventId: string;
  topic: string;
  body: Record<string, unknown>;
  receivedAt: string;
  attempts: number;
}

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

const toFlow = (r: Row): FlowRecord => ({
  id: String(r.id),
  kind: r.kind as FlowKind,
  state: r.state as FlowState,
  subjectSystem: String(r.subject_system),
  subjectId: String(r.subject_id),
  storeId: (r.store_id as string | null) ?? null,
  posOrderId: (r.pos_order_id as string | null) ?? null,
  data: json<Record<string, unknown>>(r.data) ?? {},
  notification: r.notification ? json<Notification>(r.notification) : null,
  lastError: (r.last_error as string | null) ?? null,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const toStep = (r: Row): StepRecord => ({
  flowId: String(r.flow_id),
  seq: Number(r.seq),
  name: String(r.name),
  state: r.state as StepState,
  attempts: Number(r.attempts),
  lastError: (r.last_error as string | null) ?? null,
  nextAttemptAt: isoOrNull(r.next_attempt_at),
  result: r.result ? json<Record<string, unknown>>(r.result) : null,
  at: iso(r.at),
});

/** Every read and write of the flows database. */
export class FlowStore {
  constructor(readonly db: Db) {}

  /**
   * Creates a flow with its steps (the first due now) unless one exists for the same subject
   * or idempotency key; returns the flow and whether it was created.
   */
  async createFlow(input: {
    kind: FlowKind;
    subjectSystem: string;
    subjectId: string;
    storeId: string | null;
    data: Record<string, unknown>;
    steps: readonly string[];
    idempotencyKey?: string;
  }): Promise<{ flow: FlowRecord; created: boolean }> {
    return this.db.transaction(async (tx) => {
      const existing = await tx.query(
        'SELECT * FROM flows WHERE (kind = $1 AND subject_system = $2 AND subject_id = $3) OR (idempotency_key IS NOT NULL AND idempotency_key = $4) LIMIT 1',
        [input.kind, input.subjectSystem, input.subjectId, input.idempotencyKey ?? null],
      );
      if (existing[0]) return { flow: toFlow(existing[0]), created: false };
      const id = `flw_${randomBytes(10).toString('hex')}`;
      const rows = await tx.query(
        `INSERT INTO flows (id, kind, state, subject_system, subject_id, store_id, data, idempotency_key)
         VALUES ($1, $2, 'PENDING', $3, $4, $5, $6::jsonb, $7) RETURNING *`,
        [id, input.kind, input.subjectSystem, input.subjectId, input.storeId, JSON.stringify(input.data), input.idempotencyKey ?? null],
      );
      for (const [seq, name] of input.steps.entries()) {
        await tx.query(`INSERT INTO flow_steps (flow_id, seq, name, state, next_attempt_at) VALUES ($1, $2, $3, 'PENDING', ${seq === 0 ? 'now()' : 'NULL'})`, [id, seq, name]);
      }
      return { flow: toFlow(rows[0]!), created: true };
    });
  }

  async flow(id: string): Promise<FlowRecord | null> {
    const rows = await this.db.query('SELECT * FROM flows WHERE id = $1', [id]);
    return rows[0] ? toFlow(rows[0]) : null;
  }

  async flowsBySubject(system: string, externalId: string): Promise<FlowRecord[]> {
    return (await this.db.query('SELECT * FROM flows WHERE subject_system = $1 AND subject_id = $2 ORDER BY created_at, id', [system, externalId])).map(toFlow);
  }

  async flowByPosOrder(posOrderId: string): Promise<FlowRecord | null> {
    const rows = await this.db.query('SELECT * FROM flows WHERE pos_order_id = $1 ORDER BY created_at LIMIT 1', [posOrderId]);
    return rows[0] ? toFlow(rows[0]) : null;
  }

  /** Newest first; the cursor is `<created_at ISO>|<id>`. */
  async flows(args: { state: FlowState | null; first: number; after: string | null }): Promise<{ nodes: FlowRecord[]; endCursor: string | null; hasNextPage: boolean }> {
    const [at, id] = args.after !== null ? decodeFlowCursor(args.after) : [null, null];
    const rows = await this.db.query(
      `SELECT * FROM flows WHERE ($1::text IS NULL OR state = $1)
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::text))
       ORDER BY created_at DESC, id DESC LIMIT $4`,
      [args.state, at ?? null, id ?? null, args.first + 1],
    );
    const nodes = rows.slice(0, args.first).map(toFlow);
    const last = nodes.at(-1);
    const hasNextPage = rows.length > args.first;
    return { nodes, hasNextPage, endCursor: last && hasNextPage ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null };
  }

  async steps(flowId: string, q: Queryable = this.db): Promise<StepRecord[]> {
    return (await q.query('SELECT * FROM flow_steps WHERE flow_id = $1 ORDER BY seq', [flowId])).map(toStep);
  }

  /** Due steps of live flows: PENDING/WAITING_RETRY past their time, or RUNNING past their lease. */
  async dueSteps(limit: number): Promise<StepRecord[]> {
    const rows = await this.db.query(
      `SELECT s.* FROM flow_steps s JOIN flows f ON f.id = s.flow_id
       WHERE s.state IN ('PENDING', 'WAITING_RETRY', 'RUNNING') AND s.next_attempt_at IS NOT NULL AND s.next_attempt_at <= now()
         AND f.state NOT IN ('COMPLETED', 'FAILED')
       ORDER BY s.next_attempt_at LIMIT $1`,
      [limit],
    );
    return rows.map(toStep);
  }

  /** Takes a due step for one attempt (atomic: of several workers, one wins). */
  async claim(step: StepRecord, leaseMs: number): Promise<StepRecord | null> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `UPDATE flow_steps SET state = 'RUNNING', attempts = attempts + 1, at = now(), next_attempt_at = now() + ($3::int * interval '1 millisecond')
         WHERE flow_id = $1 AND seq = $2 AND state IN ('PENDING', 'WAITING_RETRY', 'RUNNING') AND next_attempt_at IS NOT NULL AND next_attempt_at <= now()
         RETURNING *`,
        [step.flowId, step.seq, leaseMs],
      );
      if (!rows[0]) return null;
      await tx.query(`UPDATE flows SET state = 'RUNNING', updated_at = now() WHERE id = $1 AND state NOT IN ('COMPLETED', 'FAILED')`, [step.flowId]);
      return toStep(rows[0]);
    });
  }

  /**
   * Finishes a step (DONE or SKIPPED) and moves the flow on: the next step becomes due now, or
   * WAITING_EVENT when it waits for a webhook; no next step completes the flow.
   */
  async finishStep(
    flowId: string,
    seq: number,
    outcome: { state: 'DONE' | 'SKIPPED'; result?: Record<string, unknown>; flowPatch?: { posOrderId?: string; data?: Record<string, unknown>; notification?: Notification } },
    isEventStep: (name: string) => boolean,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE flow_steps SET state = $3, result = $4::jsonb, last_error = NULL, next_attempt_at = NULL, at = now() WHERE flow_id = $1 AND seq = $2`, [
        flowId,
        seq,
        outcome.state,
        JSON.stringify(outcome.result ?? {}),
      ]);
      const patch = outcome.flowPatch ?? {};
      if (patch.posOrderId) await tx.query('UPDATE flows SET pos_order_id = $2 WHERE id = $1', [flowId, patch.posOrderId]);
      if (patch.data) await tx.query('UPDATE flows SET data = data || $2::jsonb WHERE id = $1', [flowId, JSON.stringify(patch.data)]);
      if (patch.notification) await tx.query('UPDATE flows SET notification = $2::jsonb WHERE id = $1', [flowId, JSON.stringify(patch.notification)]);
      const next = (await tx.query(`SELECT * FROM flow_steps WHERE flow_id = $1 AND seq > $2 AND state NOT IN ('DONE', 'SKIPPED') ORDER BY seq LIMIT 1`, [flowId, seq]))[0];
      if (!next) {
        await tx.query(`UPDATE flows SET state = 'COMPLETED', last_error = NULL, updated_at = now() WHERE id = $1`, [flowId]);
        return;
      }
      const waits = isEventStep(String(next.name));
      await tx.query(`UPDATE flow_steps SET state = $3, next_attempt_at = ${waits ? 'NULL' : 'now()'}, at = now() WHERE flow_id = $1 AND seq = $2`, [flowId, next.seq, waits ? 'WAITING_EVENT' : 'PENDING']);
      await tx.query(`UPDATE flows SET state = $2, last_error = NULL, updated_at = now() WHERE id = $1`, [flowId, waits ? 'WAITING_EVENT' : 'PENDING']);
    });
  }

  /** A failed attempt: retried at `retryAt`, or (null) the step and the flow FAILED. */
  async failStep(flowId: string, seq: number, error: string, retryAt: Date | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (retryAt) {
        await tx.query(`UPDATE flow_steps SET state = 'WAITING_RETRY', last_error = $3, next_attempt_at = $4, at = now() WHERE flow_id = $1 AND seq = $2`, [flowId, seq, error, retryAt.toISOString()]);
        await tx.query(`UPDATE flows SET state = 'WAITING_RETRY', last_error = $2, updated_at = now() WHERE id = $1`, [flowId, error]);
      } else {
        await tx.query(`UPDATE flow_steps SET state = 'FAILED', last_error = $3, next_attempt_at = NULL, at = now() WHERE flow_id = $1 AND seq = $2`, [flowId, seq, error]);
        await tx.query(`UPDATE flows SET state = 'FAILED', last_error = $2, updated_at = now() WHERE id = $1`, [flowId, error]);
      }
    });
  }

  // --- webhook events -------------------------------------------------------------------

  /**
   * Stores a verified event under its replay key; false when the same signed bytes were stored
   * before (a redelivery or a replay), which is counted on the stored row.
   */
  async storeEvent(vendor: WebhookEvent['vendor'], replayKey: string, eventId: string, topic: string, rawBody: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO webhook_events (replay_key, vendor, event_id, topic, body) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (replay_key) DO NOTHING RETURNING replay_key`,
      [replayKey, vendor, eventId, topic, rawBody],
    );
    if (rows.length > 0) return true;
    await this.db.query('UPDATE webhook_events SET replays = replays + 1, last_replay_at = now() WHERE replay_key = $1', [replayKey]);
    return false;
  }

  /** Times the event with this replay key came again after it was stored (null: never stored). */
  async replaysOf(replayKey: string): Promise<number | null> {
    const rows = await this.db.query<{ replays: number }>('SELECT replays FROM webhook_events WHERE replay_key = $1', [replayKey]);
    return rows[0] ? Number(rows[0].replays) : null;
  }

  async pendingEvents(limit: number): Promise<WebhookEvent[]> {
    const rows = await this.db.query('SELECT * FROM webhook_events WHERE processed_at IS NULL ORDER BY received_at, replay_key LIMIT $1', [limit]);
    return rows.map((r) => ({
      vendor: r.vendor as WebhookEvent['vendor'],
      replayKey: String(r.replay_key),
      eventId: String(r.event_id),
      topic: String(r.topic),
      body: json<Record<string, unknown>>(r.body),
      receivedAt: iso(r.received_at),
      attempts: Number(r.attempts),
    }));
  }

  async markEvent(event: WebhookEvent, outcome: string | null): Promise<void> {
    if (outcome === null) {
      await this.db.query('UPDATE webhook_events SET attempts = attempts + 1 WHERE replay_key = $1', [event.replayKey]);
    } else {
      await this.db.query('UPDATE webhook_events SET processed_at = now(), attempts = attempts + 1, outcome = $2 WHERE replay_key = $1', [event.replayKey, outcome]);
    }
  }

  async eventCount(): Promise<number> {
    return Number((await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_events'))[0]?.n ?? 0);
  }

  // --- subscriptions --------------------------------------------------------------------

  async saveSubscription(vendor: string, subscriptionId: string, url: string, signatureKey: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_subscriptions (vendor, subscription_id, notification_url, signature_key) VALUES ($1, $2, $3, $4)
       ON CONFLICT (vendor) DO UPDATE SET subscription_id = EXCLUDED.subscription_id, notification_url = EXCLUDED.notification_url, signature_key = EXCLUDED.signature_key, updated_at = now()`,
      [vendor, subscriptionId, url, signatureKey],
    );
  }

  async subscription(vendor: string): Promise<{ notificationUrl: string; signatureKey: string | null } | null> {
    const rows = await this.db.query('SELECT * FROM webhook_subscriptions WHERE vendor = $1', [vendor]);
    return rows[0] ? { notificationUrl: String(rows[0].notification_url), signatureKey: (rows[0].signature_key as string | null) ?? null } : null;
  }
}
