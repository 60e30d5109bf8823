import type { Edge, LinkRule, MatchResult } from '../matching/match.ts';
import { derivedCustomerId, splitKey } from '../store.ts';

export interface PlannedLink {
  system: string;
  external_id: string;
  customer_id: string;
  rule: LinkRule;
  evidence: Record<string, unknown>;
}

export interface PlannedSuggestion {
  system_a: string;
  external_id_a: string;
  system_b: string;
  external_id_b: string;
  rule: string;
  evidence: Record<string, unknown>;
}

/**
 * Turns clusters into new customers, new links and suggestions, given the links that exist.
 * Pure, so the decisions can be read (and tested) apart from the SQL.
 */
export function planLinks(
  result: MatchResult,
  existing: ReadonlyMap<string, { customerId: string; rule: string }>,
  existingCustomerIds: ReadonlySet<string>,
): { customers: string[]; links: PlannedLink[]; suggestions: PlannedSuggestion[] } {
  const customers: string[] = [];
  const links: PlannedLink[] = [];
  const suggestions: PlannedSuggestion[] = [];
  const taken = new Set(existingCustomerIds);
  const ownerAfter = new Map<string, string>([...existing].map(([k, v]) => [k, v.customerId]));
  const suggest = (a: string, b: string, rule: string, evidence: Record<string, unknown>) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    const sx = splitKey(x);
    const sy = splitKey(y);
    suggestions.push({ system_a: sx.system, external_id_a: sx.externalId, system_b: sy.system, external_id_b: sy.externalId, rule, evidence });
  };

  for (const cluster of result.clusters) {
    const linked = cluster.members.filter((m) => existing.has(m));
    let target: string;
    let starts: string[];
    if (linked.length === 0) {
      target = derivedCustomerId(cluster.anchor);
      // A derived id can only be taken if its anchor record once belonged to another cluster; salt it then.
      for (let salt = 2; taken.has(target); salt++) target = derivedCustomerId(`${cluster.anchor}#${salt}`);
      taken.add(target);
      customers.push(target);
      starts = [cluster.anchor];
    } else {
      const counts = new Map<string, number>();
      for (const m of linked) {
        const id = existing.get(m)!.customerId;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      target = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]![0];
      starts = linked.filter((m) => existing.get(m)!.customerId === target);
    }

    // Breadth-first from what the customer already holds: each new record is linked with the
    // rule and evidence of the edge that reached it.
    const adjacency = new Map<string, Edge[]>();
    for (const e of cluster.edges) {
      for (const end of [e.a, e.b]) {
        const list = adjacency.get(end);
        if (list) list.push(e);
        else adjacency.set(end, [e]);
      }
    }
    const reached = new Map<string, { rule: LinkRule; evidence: Record<string, unknown> }>();
    const queue = [...starts];
    for (const s of starts) reached.set(s, { rule: 'FIRST_RECORD', evidence: {} });
    while (queue.length > 0) {
      const at = queue.shift()!;
      for (const e of adjacency.get(at) ?? []) {
        const other = e.a === at ? e.b : e.a;
        if (reached.has(other)) continue;
        reached.set(other, { rule: e.rule, evidence: { ...e.evidence, matchedWith: at } });
        queue.push(other);
      }
    }
    for (const member of cluster.members) {
      if (existing.has(member)) continue;
      const how = reached.get(member) ?? { rule: 'FIRST_RECORD' as const, evidence: {} };
      const { system, externalId } = splitKey(member);
      links.push({ system, external_id: externalId, customer_id: target, rule: how.rule, evidence: how.evidence });
      ownerAfter.set(member, target);
    }

    // Matching joins records that already sit on different customers: never merge on our own.
    // One suggestion per other customer, between a record of each: directly matched, or joined
    // through new records (a sign-up carrying one customer's email and the other's phone); the
    // rule and evidence are those of the edge that reached the other customer's record.
    // A MANUAL link is a person's decision: no suggestion against it.
    const anchorOf = new Map<string, string>();
    for (const m of linked) {
      const link = existing.get(m)!;
      if (link.rule !== 'MANUAL' && !anchorOf.has(link.customerId)) anchorOf.set(link.customerId, m);
    }
    const own = anchorOf.get(target);
    for (const [customerId, member] of anchorOf) {
      if (customerId === target || !own) continue;
      const how = reached.get(member);
      if (!how || how.rule === 'FIRST_RECORD') continue;
      suggest(own, member, how.rule, { ...how.evidence, reason: 'LINKED_TO_DIFFERENT_CUSTOMERS' });
    }
  }

  for (const s of result.suggestions) {
    const ca = ownerAfter.get(s.a);
    if (ca && ca === ownerAfter.get(s.b)) continue;
    suggest(s.a, s.b, s.rule, s.evidence);
  }
  return { customers, links, suggestions };
}
