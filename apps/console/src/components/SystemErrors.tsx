import type { GraphQLErrorShape } from '../api.ts';

/**
 * Partial failures, one line per system: the gateway answers what it can and names the system
 * that failed (`extensions.system`, e.g. pos UPSTREAM_UNAVAILABLE); the rest of the page still shows.
 */
export function SystemErrors({ errors }: { errors: readonly GraphQLErrorShape[] }) {
  if (errors.length === 0) return null;
  const bySystem = new Map<string, GraphQLErrorShape[]>();
  for (const error of errors) {
    const system = error.extensions?.system ?? (error.extensions?.code === 'FORBIDDEN' ? 'access' : 'gateway');
    bySystem.set(system, [...(bySystem.get(system) ?? []), error]);
  }
  return (
    <div className="errors" role="alert" data-testid="system-errors">
      {[...bySystem].map(([system, list]) => (
        <div key={system} className="error" data-system={system}>
          <b>{system}</b>: {[...new Set(list.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`))].join('; ')}
          {list.some((e) => e.path) ? <span className="paths"> (at {[...new Set(list.map((e) => e.path?.join('.')).filter(Boolean))].slice(0, 3).join(', ')})</span> : null}
        </div>
      ))}
    </div>
  );
}
