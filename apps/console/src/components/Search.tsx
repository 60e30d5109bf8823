import { useState } from 'react';
import { CustomerSearchDocument } from '../../../../schema/generated/graphql.ts';
import type { Caller } from '../api.ts';
import { useOperation } from '../use-operation.ts';
import { SystemErrors } from './SystemErrors.tsx';

/** Search by name, email or phone (the hub normalises them as matching does), 10 per page. */
export function Search({ caller, onOpen, selected }: { caller: Caller; onOpen: (id: string) => void; selected: string | null }) {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState<{ search: string; after: string | null; pages: (string | null)[] } | null>(null);
  const { result, loading } = useOperation(CustomerSearchDocument, asked ? { search: asked.search, first: 10, after: asked.after } : null, caller);
  const connection = result?.data?.customers;
  return (
    <section className="panel search">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) setAsked({ search: text.trim(), after: null, pages: [] });
        }}
      >
        <input data-testid="search-input" placeholder="Name, email or phone" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" data-testid="search-button">Search</button>
      </form>
      {loading ? <p className="muted">Searching…</p> : null}
      <SystemErrors errors={result?.errors ?? []} />
      {connection ? (
        <>
          <ul className="results" data-testid="search-results">
            {connection.edges.length === 0 ? <li className="muted">No customer matches.</li> : null}
            {connection.edges.map(({ node }) => (
              <li key={node.id}>
                <button className={node.id === selected ? 'result selected' : 'result'} data-testid="search-result" data-customer-id={node.id} onClick={() => onOpen(node.id)}>
                  <b>{node.profile.name?.value ?? '(no name)'}</b>
                  <span className="muted">{[node.profile.primaryEmail?.value, node.profile.primaryPhone?.value].filter(Boolean).join(' · ')}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="pager">
            <button disabled={!asked || asked.pages.length === 0} onClick={() => asked && setAsked({ ...asked, after: asked.pages.at(-1) ?? null, pages: asked.pages.slice(0, -1) })}>
              Previous
            </button>
            <button
              disabled={!connection.pageInfo.hasNextPage}
              onClick={() => asked && setAsked({ ...asked, after: connection.pageInfo.endCursor ?? null, pages: [...asked.pages, asked.after] })}
            >
              Next
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
