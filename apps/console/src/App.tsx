import { useMemo, useState } from 'react';
import { Customer360Document } from '../../../schema/generated/graphql.ts';
import type { Caller } from './api.ts';
import { useOperation } from './use-operation.ts';
import { Journey } from './components/Journey.tsx';
import { PickupQueue } from './components/PickupQueue.tsx';
import { Profile } from './components/Profile.tsx';
import { Search } from './components/Search.tsx';
import { Support } from './components/Support.tsx';

/**
 * Roles of README "Security": what each may read raw or masked and which mutations it may run.
 * `steward` and `admin` are granted in dev mode only to a caller that names itself (the actor field).
 */
const ROLES = [
  { role: 'agent', label: 'agent (support)' },
  { role: 'associate', label: 'associate (store staff)' },
  { role: 'analyst', label: 'analyst (masked personal data)' },
  { role: 'steward', label: 'steward (identity decisions)' },
  { role: 'admin', label: 'admin' },
] as const;

function CustomerPage({ caller, id }: { caller: Caller; id: string }) {
  // One Customer360 for the profile, and the CRM contact that "record interaction" writes to.
  const { result, loading } = useOperation(Customer360Document, { id }, caller);
  const crmContactId = result?.data?.customer?.crmContacts?.[0]?.id;
  return (
    <div className="customer" data-testid="customer" data-customer-id={id}>
      <Profile result={result} loading={loading} />
      <Journey caller={caller} id={id} />
      <Support caller={caller} id={id} crmContactId={crmContactId} />
    </div>
  );
}

export function App() {
  const [view, setView] = useState<'customers' | 'pickup'>('customers');
  const [role, setRole] = useState<string>('agent');
  const [actor, setActor] = useState('console@retail.example');
  const [customerId, setCustomerId] = useState<string | null>(null);
  const caller = useMemo<Caller>(() => ({ role, actor }), [role, actor]);
  return (
    <div className="app">
      <header>
        <h1>Customer 360</h1>
        <nav>
          <button className={view === 'customers' ? 'active' : ''} data-testid="view-customers" onClick={() => setView('customers')}>
            Customers
          </button>
          <button className={view === 'pickup' ? 'active' : ''} data-testid="view-pickup" onClick={() => setView('pickup')}>
            Pickup queue
          </button>
        </nav>
        <label>
          Acting as{' '}
          <select data-testid="role-select" value={role} onChange={(e) => setRole(e.target.value)}>
            {ROLES.map((r) => (
              <option key={r.role} value={r.role}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Actor <input data-testid="actor-input" value={actor} onChange={(e) => setActor(e.target.value)} />
        </label>
        <a href="/docs">Reference docs</a> <a href="/">Explorer</a>
      </header>
      {view === 'customers' ? (
        <main className="customers">
          <Search caller={caller} onOpen={setCustomerId} selected={customerId} />
          {customerId ? <CustomerPage key={customerId} caller={caller} id={customerId} /> : <p className="muted">Search for a customer by name, email or phone.</p>}
        </main>
      ) : (
        <main>
          <PickupQueue caller={caller} />
        </main>
      )}
    </div>
  );
}
