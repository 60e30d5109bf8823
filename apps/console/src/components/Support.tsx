import { useState } from 'react';
import { RecordInteractionDocument, SupportContextDocument, type RecordInteractionMutation } from '../../../../schema/generated/graphql.ts';
import { newIdempotencyKey, run, type Caller, type GraphQLErrorShape } from '../api.ts';
import { CHANNELS, type Channel } from '../channels.ts';
import { useOperation } from '../use-operation.ts';
import { SystemErrors } from './SystemErrors.tsx';

/**
 * What support sees before answering on any channel (SupportContext: open cases first, what was
 * said, the preferred channel and consent), and "record interaction": a note (or a call for PHONE)
 * in the CRM, the system of record. The idempotency key is kept until the CRM confirms, so
 * pressing the button again after a failure never logs the interaction twice.
 */
export function Support({ caller, id, crmContactId }: { caller: Caller; id: string; crmContactId: string | null | undefined }) {
  const { result, loading, reload } = useOperation(SupportContextDocument, { id }, caller);
  const customer = result?.data?.customer;
  const [channel, setChannel] = useState<Channel>('PHONE');
  const [summary, setSummary] = useState('');
  const [key, setKey] = useState(() => newIdempotencyKey('interaction'));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<RecordInteractionMutation['recordInteraction'] | null>(null);
  const [errors, setErrors] = useState<GraphQLErrorShape[]>([]);

  const record = async () => {
    setSaving(true);
    const answer = await run(
      RecordInteractionDocument,
      { input: { customerId: id, ...(crmContactId ? { crmContactId } : {}), channel, summary, idempotencyKey: key } },
      caller,
    );
    setSaving(false);
    setErrors(answer.errors);
    if (answer.data?.recordInteraction) {
      setSaved(answer.data.recordInteraction);
      setSummary('');
      setKey(newIdempotencyKey('interaction'));
      reload();
    }
  };

  return (
    <section className="panel support" data-testid="support">
      <h2>Support context {loading ? <small className="muted">loading…</small> : null}</h2>
      <SystemErrors errors={result?.errors ?? []} />
      {customer ? (
        <>
          <p>
            Preferred channel: <b data-testid="preferred-channel">{customer.channelInsight?.preferredChannel ?? 'none'}</b>{' '}
            <span className="muted">{customer.channelInsight?.preferredChannelReason}</span>
          </p>
          <h3>Open cases</h3>
          <ul data-testid="open-cases">
            {(customer.openCases?.nodes ?? []).length === 0 ? <li className="muted">None.</li> : null}
            {(customer.openCases?.nodes ?? []).map((c) => (
              <li key={c.id}>
                <span className="channel">{c.channel}</span> {c.summary} <span className="source">{c.system}</span>
              </li>
            ))}
          </ul>
          <h3>Interactions</h3>
          <ol className="events" data-testid="interactions">
            {(customer.interactions?.nodes ?? []).map((i) => (
              <li key={i.id} data-testid="interaction">
                <time>{i.occurredAt.slice(0, 16).replace('T', ' ')}</time> <span className="channel">{i.channel}</span> {i.summary} <span className="source">{i.system}</span>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <form
        className="record"
        onSubmit={(e) => {
          e.preventDefault();
          if (summary.trim()) void record();
        }}
      >
        <h3>Record interaction</h3>
        <select data-testid="interaction-channel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <textarea data-testid="interaction-summary" placeholder="What the customer said or asked" value={summary} onChange={(e) => setSummary(e.target.value)} />
        <button type="submit" data-testid="interaction-record" disabled={saving || !summary.trim()}>
          {saving ? 'Recording…' : 'Record interaction'}
        </button>
        <SystemErrors errors={errors} />
        {saved ? (
          <p className="ok" data-testid="interaction-saved">
            Recorded in the CRM on contact {saved.contact.name ?? saved.contact.id}
            {saved.contactCreated ? ' (new contact)' : ''}: {saved.note?.body ?? saved.call?.title}
          </p>
        ) : null}
      </form>
    </section>
  );
}
