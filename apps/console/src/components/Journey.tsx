import { useState } from 'react';
import { CustomerJourneyDocument } from '../../../../schema/generated/graphql.ts';
import type { Caller } from '../api.ts';
import { CHANNELS, type Channel } from '../channels.ts';
import { useOperation } from '../use-operation.ts';
import { SystemErrors } from './SystemErrors.tsx';

const PAGE = 10;

/** The person's journey across every system, newest first: channel filters, and paging by cursor. */
export function Journey({ caller, id }: { caller: Caller; id: string }) {
  const [channels, setChannels] = useState<Channel[]>([]);
  // Cursors of the pages before this one, so "Previous" goes back without the API paging backwards.
  const [page, setPage] = useState<{ after: string | null; before: (string | null)[] }>({ after: null, before: [] });
  const { result, loading } = useOperation(CustomerJourneyDocument, { id, first: PAGE, after: page.after, channels: channels.length ? channels : null }, caller);
  const journey = result?.data?.customer?.journey;
  const toggle = (channel: Channel) => {
    setChannels((current) => (current.includes(channel) ? current.filter((c) => c !== channel) : [...current, channel]));
    setPage({ after: null, before: [] });
  };
  return (
    <section className="panel journey" data-testid="journey">
      <h2>Journey {loading ? <small className="muted">loading…</small> : null}</h2>
      <div className="filters" data-testid="channel-filters">
        {CHANNELS.map((channel) => (
          <label key={channel}>
            <input type="checkbox" data-testid={`channel-${channel}`} checked={channels.includes(channel)} onChange={() => toggle(channel)} /> {channel}
          </label>
        ))}
      </div>
      <SystemErrors errors={result?.errors ?? []} />
      {journey?.unavailableSystems.length ? <p className="warning">Not shown, unavailable: {journey.unavailableSystems.join(', ')}</p> : null}
      {journey ? (
        <>
          <ol className="events" data-testid="journey-events" data-page={page.before.length + 1}>
            {journey.nodes.length === 0 ? <li className="muted">No events{channels.length ? ' on these channels' : ''}.</li> : null}
            {journey.nodes.map((event) => (
              <li key={event.id} data-testid="journey-event" data-channel={event.channel}>
                <time>{event.occurredAt.slice(0, 16).replace('T', ' ')}</time> <span className="channel">{event.channel}</span> <span className="kind">{event.kind}</span>{' '}
                {event.summary} <span className="source">{event.system}</span>
                {event.amount ? <span className="amount"> {event.amount.amount} {event.amount.currencyCode}</span> : null}
                {event.open ? <span className="open-case"> open</span> : null}
              </li>
            ))}
          </ol>
          <div className="pager">
            <button data-testid="journey-previous" disabled={page.before.length === 0} onClick={() => setPage({ after: page.before.at(-1) ?? null, before: page.before.slice(0, -1) })}>
              Previous
            </button>
            <span className="muted">page {page.before.length + 1}</span>
            <button
              data-testid="journey-next"
              disabled={!journey.pageInfo.hasNextPage}
              onClick={() => setPage({ after: journey.pageInfo.endCursor ?? null, before: [...page.before, page.after] })}
            >
              Next
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
