import { useState } from 'react';
import { ConsoleStoresDocument, MarkPickupReadyDocument, StorePickupQueueDocument } from '../../../../schema/generated/graphql.ts';
import { newIdempotencyKey, run, type Caller, type GraphQLErrorShape } from '../api.ts';
import { useOperation } from '../use-operation.ts';
import { SystemErrors } from './SystemErrors.tsx';

/**
 * A store associate's pickup shelf: pick the store, see the web orders to collect there, and
 * "mark ready" (Square fulfilment PREPARED; the flows service then notifies the customer on a
 * channel they allow). Needs the associate role; other roles get the gateway's FORBIDDEN.
 */
export function PickupQueue({ caller }: { caller: Caller }) {
  const stores = useOperation(ConsoleStoresDocument, {}, caller);
  const [storeId, setStoreId] = useState<string>('');
  const queue = useOperation(StorePickupQueueDocument, storeId ? { storeId } : null, caller);
  // One key per order, kept until the POS confirms, so a second press never marks twice.
  const [keys] = useState(() => new Map<string, string>());
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);

  const markReady = async (posOrderId: string) => {
    const key = keys.get(posOrderId) ?? newIdempotencyKey('ready');
    keys.set(posOrderId, key);
    setBusy(posOrderId);
    const answer = await run(MarkPickupReadyDocument, { posOrderId, idempotencyKey: key }, caller);
    setBusy(null);
    setErrors(answer.errors);
    if (answer.data?.markPickupReady) queue.reload();
  };

  const orders = queue.result?.data?.store?.pickupQueue ?? [];
  return (
    <section className="panel pickup" data-testid="pickup">
      <h2>Pickup queue</h2>
      <SystemErrors errors={stores.result?.errors ?? []} />
      <select data-testid="store-select" value={storeId} onChange={(e) => setStoreId(e.target.value)}>
        <option value="">Choose a store…</option>
        {(stores.result?.data?.stores ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
            {s.city ? `, ${s.city}` : ''}
            {s.status === 'ACTIVE' ? '' : ` (${s.status})`}
          </option>
        ))}
      </select>
      {queue.loading ? <span className="muted"> loading…</span> : null}
      <SystemErrors errors={[...(queue.result?.errors ?? []), ...errors]} />
      {storeId && queue.result ? (
        <table className="queue" data-testid="pickup-queue">
          <thead>
            <tr>
              <th>Order</th>
              <th>Customer</th>
              <th>Items</th>
              <th>State</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {orders.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  Nothing to collect.
                </td>
              </tr>
            ) : null}
            {orders.map((o) => (
              <tr key={o.id} data-testid="pickup-order" data-pos-order-id={o.id} data-reference-id={o.referenceId ?? ''} data-state={o.pickup?.state ?? ''}>
                <td>
                  {o.referenceId ?? o.id}
                  <div className="muted">{o.createdAt.slice(0, 16).replace('T', ' ')}</div>
                </td>
                <td>{o.identity?.customer?.profile.name?.value ?? o.pickup?.recipientName ?? '—'}</td>
                <td>{o.lineItems.map((l) => `${l.quantity} × ${l.name}`).join(', ')}</td>
                <td data-testid="pickup-state">{o.pickup?.state ?? '—'}</td>
                <td>
                  {o.pickup?.state === 'PROPOSED' || o.pickup?.state === 'RESERVED' ? (
                    <button data-testid="mark-ready" disabled={busy === o.id} onClick={() => void markReady(o.id)}>
                      {busy === o.id ? 'Marking…' : 'Mark ready'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
