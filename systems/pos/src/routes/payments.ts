import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Money, Payment, PosStore } from '../store.ts';
import { decodeCursor, idempotencyKeyOf, limitOf, notFound, page, RequestError, sendErrors } from '../square.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/** Square's `external_details.type` values (Payments API, ExternalPaymentDetails). */
const EXTERNAL_TYPES = new Set(['CHECK', 'BANK_TRANSFER', 'OTHER_GIFT_CARD', 'CRYPTO', 'SQUARE_CASH', 'SOCIAL', 'EXTERNAL', 'EMONEY', 'CARD', 'STORED_BALANCE', 'FOOD_VOUCHER', 'OTHER']);
/** CreatePayment's idempotency_key is capped at 45 characters (most other writes: 192). */
const PAYMENT_KEY_MAX = 45;

/** Square payment ids: 22+ URL-safe characters. */
const paymentId = () => randomBytes(21).toString('base64url').replace(/[-_]/g, 'X').slice(0, 28);

function moneyOf(value: unknown, field: string): Money {
  const m = obj(value);
  if (!Number.isInteger(m.amount) || (m.amount as number) < 0) throw new RequestError('INVALID_VALUE', `\`${field}.amount\` must be a non-negative integer.`, `${field}.amount`);
  if (typeof m.currency !== 'string' || !/^[A-Z]{3}$/.test(m.currency)) throw new RequestError('INVALID_VALUE', `\`${field}.currency\` must be an ISO 4217 code.`, `${field}.currency`);
  return { amount: m.amount as number, currency: m.currency };
}

/**
 * Square's Payments API for payments taken outside Square's card rails (vendor-apis.md §2):
 *   POST /v2/payments          CreatePayment {idempotency_key ≤45, source_id: "CASH" + cash_details{buyer_supplied_money}
 *                               | "EXTERNAL" + external_details{type, source}, amount_money, order_id?, location_id?, customer_id?,
 *                               reference_id?, autocomplete? (default true)} → {payment}
 *   GET  /v2/payments/{id}     GetPayment → {payment}
 *   GET  /v2/payments          ListPayments ?begin_time&end_time&sort_order&location_id&limit≤100&cursor → {payments, cursor?}
 * `autocomplete: false` leaves the payment APPROVED, which is what PayOrder takes (routes/sales.ts):
 * PayOrder completes it and records it on the order as a tender. Card sources (`cnon:…`) are not
 * served here: a store sale's card is charged by the terminal, not through this API.
 */
export function paymentRoutes(app: FastifyInstance, store: PosStore): void {
  app.post<{ Body: Json | undefined }>('/v2/payments', async (req, reply) => {
    const body = obj(req.body);
    const key = idempotencyKeyOf(body, PAYMENT_KEY_MAX);
    const known = store.idempotency.replay('CreatePayment', key, body);
    if (known) return known;
    const amount = moneyOf(body.amount_money, 'amount_money');
    const sourceId = body.source_id;
    if (typeof sourceId !== 'string' || sourceId === '') throw new RequestError('MISSING_REQUIRED_PARAMETER', 'Field must be set: `source_id`.', 'source_id');
    if (sourceId !== 'CASH' && sourceId !== 'EXTERNAL') {
      throw new RequestError('INVALID_CARD_DATA', 'This stand-in takes `source_id` CASH or EXTERNAL only (card nonces need Square\'s card rails).', 'source_id');
    }
    let order;
    if (body.order_id !== undefined) {
      order = store.orderById.get(String(body.order_id));
      if (!order) return sendErrors(reply, 404, notFound(`Order with ID \`${String(body.order_id)}\` not found.`, 'order_id'));
      if (order.state !== 'OPEN') throw new RequestError('BAD_REQUEST', `Order in state ${order.state} cannot take a payment.`, 'order_id');
    }
    const locationId = String(body.location_id ?? order?.location_id ?? store.locations[0]?.id ?? '');
    const location = store.locationById.get(locationId);
    if (!location) return sendErrors(reply, 404, notFound(`Location \`${locationId}\` not found.`, 'location_id'));
    if (order && order.location_id !== location.id) throw new RequestError('INVALID_VALUE', 'The payment\'s location must be the order\'s location.', 'location_id');
    if (body.customer_id !== undefined && !store.customerById.has(String(body.customer_id))) {
      return sendErrors(reply, 404, notFound(`Customer with ID \`${String(body.customer_id)}\` not found.`, 'customer_id'));
    }
    const details: Json = {};
    if (sourceId === 'CASH') {
      const cash = obj(body.cash_details);
      if (cash.buyer_supplied_money === undefined) throw new RequestError('MISSING_REQUIRED_PARAMETER', 'Field must be set: `cash_details.buyer_supplied_money`.', 'cash_details.buyer_supplied_money');
      const supplied = moneyOf(cash.buyer_supplied_money, 'cash_details.buyer_supplied_money');
      if (supplied.currency !== amount.currency) throw new RequestError('INVALID_VALUE', 'Cash must be in the payment\'s currency.', 'cash_details.buyer_supplied_money.currency');
      if (supplied.amount < amount.amount) throw new RequestError('INSUFFICIENT_FUNDS', 'buyer_supplied_money must be at least amount_money.', 'cash_details.buyer_supplied_money');
      details.cash_details = { buyer_supplied_money: supplied, change_back_money: { amount: supplied.amount - amount.amount, currency: amount.currency } };
    } else {
      const external = obj(body.external_details);
      if (typeof external.type !== 'string' || !EXTERNAL_TYPES.has(external.type)) {
        throw new RequestError('INVALID_ENUM_VALUE', '`external_details.type` must be one of ' + [...EXTERNAL_TYPES].join(', ') + '.', 'external_details.type');
      }
      if (typeof external.source !== 'string' || external.source === '') throw new RequestError('MISSING_REQUIRED_PARAMETER', 'Field must be set: `external_details.source`.', 'external_details.source');
      details.external_details = { type: external.type, source: external.source, ...(typeof external.source_id === 'string' ? { source_id: external.source_id } : {}) };
    }
    if (String(location.currency ?? amount.currency) !== amount.currency) throw new RequestError('INVALID_VALUE', `The location takes ${String(location.currency)}.`, 'amount_money.currency');
    const now = new Date().toISOString();
    const complete = body.autocomplete !== false;
    const payment: Payment = {
      id: paymentId(),
      created_at: now,
      updated_at: now,
      amount_money: amount,
      total_money: amount,
      approved_money: amount,
      status: complete ? 'COMPLETED' : 'APPROVED',
      delay_action: 'CANCEL',
      source_type: sourceId,
      ...details,
      location_id: location.id,
      ...(order ? { order_id: order.id } : {}),
      ...(typeof body.customer_id === 'string' ? { customer_id: body.customer_id } : {}),
      ...(typeof body.reference_id === 'string' ? { reference_id: body.reference_id } : {}),
      ...(typeof body.note === 'string' ? { note: body.note } : {}),
      receipt_number: '',
      version_token: randomBytes(12).toString('base64url'),
      application_details: { square_product: 'ECOMMERCE_API', application_id: 'sq0idp-standin' },
    };
    payment.receipt_number = payment.id.slice(0, 4);
    store.payments.push(payment);
    store.paymentById.set(payment.id, payment);
    return store.idempotency.remember('CreatePayment', key, body, { payment });
  });

  app.get<{ Params: { payment_id: string } }>('/v2/payments/:payment_id', async (req, reply) => {
    const payment = store.paymentById.get(req.params.payment_id);
    if (!payment) return sendErrors(reply, 404, notFound(`Could not find payment with id: ${req.params.payment_id}`, 'payment_id'));
    return { payment };
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/v2/payments', async (req) => {
    const q = req.query;
    const limit = limitOf(q.limit, 'limit', { min: 1, max: 100, fallback: 100 });
    const order = (q.sort_order ?? 'DESC').toUpperCase();
    if (order !== 'ASC' && order !== 'DESC') throw new RequestError('INVALID_ENUM_VALUE', '`sort_order` must be ASC or DESC.', 'sort_order');
    // Square's default window is the last year; begin_time/end_time are RFC 3339.
    const begin = q.begin_time ? Date.parse(q.begin_time) : Date.now() - 365 * 86400_000;
    const end = q.end_time ? Date.parse(q.end_time) : Infinity;
    if (Number.isNaN(begin) || Number.isNaN(end)) throw new RequestError('INVALID_TIME', '`begin_time` and `end_time` must be RFC 3339 timestamps.', q.begin_time ? 'begin_time' : 'end_time');
    const matches = store.payments
      .filter((p) => (!q.location_id || p.location_id === q.location_id) && Date.parse(p.created_at) >= begin && Date.parse(p.created_at) < end)
      .sort((a, b) => (order === 'ASC' ? 1 : -1) * (Date.parse(a.created_at) - Date.parse(b.created_at)));
    const fingerprint = `payments:${JSON.stringify([q.location_id, q.begin_time, q.end_time, order])}`;
    const { items, cursor } = page(matches, decodeCursor(q.cursor, fingerprint), limit, fingerprint);
    return { ...(items.length > 0 ? { payments: items } : {}), ...(cursor ? { cursor } : {}) };
  });
}
