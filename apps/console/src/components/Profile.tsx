import type { Customer360Query } from '../../../../schema/generated/graphql.ts';
import type { Result } from '../api.ts';
import { SourceBadge } from './SourceBadge.tsx';
import { SystemErrors } from './SystemErrors.tsx';

/**
 * The golden profile (each value with the system it came from), the linked records, and what
 * each system holds of the person (Customer360). A system that is down shows as an error naming
 * it; the other systems' parts still show.
 */
export function Profile({ result, loading }: { result: Result<Customer360Query> | null; loading: boolean }) {
  const customer = result?.data?.customer;
  return (
    <section className="panel profile" data-testid="profile">
      <h2>Golden profile {loading ? <small className="muted">loading…</small> : null}</h2>
      <SystemErrors errors={result?.errors ?? []} />
      {result && !customer && result.errors.length === 0 ? <p>Unknown customer.</p> : null}
      {customer ? (
        <>
          <table className="golden">
            <tbody>
              <tr data-testid="profile-name">
                <th>Name</th>
                <td>
                  {customer.profile.name?.value ?? '—'} <SourceBadge source={customer.profile.name?.source} />
                </td>
              </tr>
              <tr>
                <th>Emails</th>
                <td>
                  {customer.profile.emails.map((e) => (
                    <div key={`${e.value}-${e.source.system}`} data-testid="profile-email">
                      {e.value} <SourceBadge source={e.source} />
                    </div>
                  ))}
                </td>
              </tr>
              <tr>
                <th>Phones</th>
                <td>
                  {customer.profile.phones.map((p) => (
                    <div key={`${p.value}-${p.source.system}`} data-testid="profile-phone">
                      {p.value} <SourceBadge source={p.source} />
                    </div>
                  ))}
                </td>
              </tr>
              <tr>
                <th>Consent</th>
                <td>
                  {customer.profile.consent.map((c) => (
                    <span key={c.channel} className={`consent ${c.state.toLowerCase()}`}>
                      {c.channel} {c.state} <SourceBadge source={c.source} />
                    </span>
                  ))}
                </td>
              </tr>
            </tbody>
          </table>
          <h3>Linked records</h3>
          <ul className="links" data-testid="links">
            {customer.links.map((l) => (
              <li key={`${l.system}:${l.externalId}`}>
                <span className="source">{l.system}</span> {l.externalId} <span className="muted">({l.rule})</span>
              </li>
            ))}
          </ul>
          <div className="systems">
            <div data-system="crm">
              <h4>CRM</h4>
              {customer.crmContacts === null ? <p className="muted">unavailable</p> : customer.crmContacts.map((c) => <p key={c.id}>{c.name ?? c.id} · {c.lifecycleStage ?? ''} · {c.tickets?.length ?? 0} tickets</p>)}
            </div>
            <div data-system="shop">
              <h4>Web shop</h4>
              {customer.shopAccounts === null
                ? <p className="muted">unavailable</p>
                : customer.shopAccounts.flatMap((a) => a.orders ?? []).map((o) => <p key={o.name}>{o.name} · {o.total.amount} {o.total.currencyCode} · {o.fulfillmentStatus}</p>)}
            </div>
            <div data-system="pos">
              <h4>Stores</h4>
              {customer.posCustomers === null
                ? <p className="muted">unavailable</p>
                : customer.posCustomers.flatMap((c) => c.sales ?? []).map((s, i) => <p key={i}>{s.createdAt.slice(0, 10)} · {s.store?.name ?? ''} · {s.total.amount} {s.total.currencyCode}</p>)}
            </div>
            <div data-system="social">
              <h4>Social</h4>
              {customer.socialProfiles === null ? <p className="muted">unavailable</p> : customer.socialProfiles.map((p, i) => <p key={i}>{p.platform} · {p.name ?? ''} · {p.conversations?.length ?? 0} conversations</p>)}
            </div>
          </div>
        </>
      ) : null}
    </section>
  );
}
