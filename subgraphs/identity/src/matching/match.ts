import type { SourceReference } from '../../../../lib/identity-feed.ts';
import { nameKey, type KeyStats } from './blocking.ts';
import { agrees, agreesStrongly, compareNamesDetailed, type NameAgreement, type NameComparison, type NameParts } from './names.ts';
import { DEFAULT_THRESHOLDS, scorePair, type IdentifierComparison, type PairScore, type ScoreThresholds } from './score.ts';
import { emailUnusable, isOverShared, mergeOwnValues, NO_OWN_VALUES, ownValuesOf, phoneUnusable, type OwnValues, type ValueLimits } from './values.ts';

/**
 * Why two records were put together. Stored on every link. `FIRST_RECORD`: the record a new
 * customer was created from; `MANUAL`: a person decided (link, unlink).
 */
export type MatchRule = 'EXPLICIT_REFERENCE' | 'EMAIL' | 'PHONE_AND_NAME' | 'PHONE_ONLY';
export type LinkRule = MatchRule | 'FIRST_RECORD' | 'MANUAL';
/** `SHARED_PHONE` / `SHARED_EMAIL`: a value people whose names disagree carry; `SCORED`: the scorer's candidate. */
export type SuggestionRule = MatchRule | 'SHARED_PHONE' | 'SHARED_EMAIL' | 'SCORED';

/** A phone or email found in text the person typed (see record.ts typedValues). */
export interface TypedValue {
  kind: 'email' | 'phone';
  /** Canonical email or E.164 phone. */
  value: string;
  /** "typed in a LINE message on 2026-03-02". */
  provenance: string;
  messageId: string;
  /** Read differently in several markets (a local number of unknown country): evidence only with an agreeing name. */
  ambiguous?: boolean;
}

/** What matching needs of a source record, already normalised. */
export interface MatchInput {
  system: string;
  externalId: string;
  /** Canonical emails (email.ts) and E.164 phones (junk, role and own values are filtered here, not by the caller). */
  emails: readonly string[];
  phones: readonly string[];
  /**
   * Readings of a local number on a record of unknown country that are not its number
   * (`0812345678`: TH or VN). Evidence only together with an agreeing name, never for PHONE_ONLY
   * nor a suggestion.
   */
  otherReadings?: readonly string[];
  /** Emails at a typo domain, corrected (`anna@gmial.com` → `anna@gmail.com`): evidence only with an agreeing name. */
  typoEmails?: readonly string[];
  /** Identifiers typed in messages, with provenance. */
  typed?: readonly TypedValue[];
  name: NameParts;
  references: readonly SourceReference[];
  updatedAt?: string;
  /** The retailer's own record (see SourceRecord.retailer): never linked; its values are own values. */
  retailer?: boolean;
}

export interface Edge {
  a: string;
  b: string;
  rule: MatchRule;
  evidence: Record<string, unknown>;
}

export interface Suggestion {
  a: string;
  b: string;
  rule: SuggestionRule;
  /** The value(s) the pair shares, and `score` / `fields`: the scorer's explanation field by field. */
  evidence: Record<string, unknown>;
}

export interface Cluster {
  /** Smallest `system:externalId` of the cluster: derives a new customer's id. */
  anchor: string;
  members: string[];
  /** The edges that joined the cluster (a spanning tree): the reason each link is recorded with. */
  edges: Edge[];
}

export interface MatchResult {
  /** Every record of the input but the retailer's own, each in exactly one cluster. */
  clusters: Cluster[];
  /** Pairs for a person to decide, highest score first. */
  suggestions: Suggestion[];
  /** Values ignored as evidence because too many records or names carry them. */
  overShared: string[];
}

export interface MatchOptions {
  /** Over-shared cut-offs (see values.ts isOverShared). */
  maxRecordsPerValue: number;
  /** Default 4. */
  maxNamesPerValue?: number;
  /**
   * Data-set-wide statistics per blocking key (see blocking.ts). Given by a pipeline that
   * matches one connected component at a time; absent, they are counted from `input`.
   */
  keyStats?: ReadonlyMap<string, KeyStats>;
  /**
   * The retailer's own contact values over the whole data set (values.ts ownValuesOf over the
   * retailer's records, plus configured domains). Retailer records in `input` add theirs.
   */
  ownValues?: OwnValues;
  /** The scorer's thresholds (score.ts); default link 18, suggest 6. */
  thresholds?: ScoreThresholds;
  /**
   * Whether a record with no name at all links on its phone alone (PHONE_ONLY); default true.
   * False: a nameless walk-in is always a suggestion. A nameless record on a household member's
   * number looks exactly like the person's own walk-in, so this trades recall (about 2 points of
   * the pairs with usable evidence on the hard profile) for those wrong merges.
   */
  namelessPhoneOnly?: boolean;
}

export const DEFAULT_MAX_NAMES_PER_VALUE = 4;
/**
 * A nameless record and another carrying its phone, last updated further apart than this: the
 * number may have changed hands (operators re-assign numbers after months unused), so PHONE_ONLY
 * does not link them; a person decides.
 */
const RECYCLED_AFTER_MS = 2 * 365 * 24 * 3600 * 1000;

export const recordKey = (system: string, externalId: string) => `${system}:${externalId}`;

const RULE_ORDER: Record<MatchRule, number> = { EXPLICIT_REFERENCE: 0, EMAIL: 1, PHONE_AND_NAME: 2, PHONE_ONLY: 3 };
const compareStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How a record carries a value: in its own fields, typed in a message, or as a guess (another reading, a typo domain corrected). */
type How = 'own' | 'typed' | 'reading' | 'typo' | 'typed-ambiguous';
const FIRM: ReadonlySet<How> = new Set(['own', 'typed']);
const HOW_RANK: Record<How, number> = { own: 0, typed: 1, reading: 2, typo: 2, 'typed-ambiguous': 3 };

interface Carried {
  how: How;
  note?: string;
}

interface Node {
  key: string;
  name: NameParts;
  nameKey: string;
  fullyNamed: boolean;
  references: readonly SourceReference[];
  /** Usable values (`e:` / `p:` keys) and how the record carries each. */
  values: Map<string, Carried>;
  /** Usable emails of the record's own fields (for the guard). */
  ownEmails: string[];
  /** When the record was last updated (ms), for recycled phones. */
  updated: number | null;
}

interface PairValue {
  key: string;
  kind: 'e' | 'p';
  value: string;
  firm: boolean;
  personal: boolean;
  note?: string;
  typedBy?: string;
}

/**
 * Deterministic, order-independent union of records into people. Records, values and edges are
 * sorted before anything is decided, so the same set of records always gives the same clusters,
 * whatever order the feeds delivered them in; every decision reads only the records sharing a
 * value (and `keyStats`), so a connected component over blocking keys gets the same answer as
 * the whole data set.
 *
 * Evidence, strongest first (see README "Matching"):
 * 1. an explicit reference;
 * 2. a *personal* value (no two named carriers' names disagree) in both records' own fields or
 *    typed by the person: EMAIL; a phone with agreeing names (PHONE_AND_NAME) or one side
 *    nameless (PHONE_ONLY);
 * 3. a personal guess (another market's reading, a typo domain, an ambiguous typed number) with
 *    an agreeing name;
 * 4. anything else goes to the scorer (score.ts): a *shared* value (carriers' names disagree) is
 *    evidence only together with another agreeing identifier, so it links only with two
 *    agreeing identifiers and a score at the link threshold; otherwise a suggestion.
 * Guards refuse a join that would put together two records that have different emails and
 * disagreeing names (DIFFERENT_EMAILS_AND_NAMES), two fully named records whose names disagree
 * and that share no value (NAMES_DISAGREE), or a nameless record into a cluster whose names
 * disagree (PHONE_ONLY, CLUSTER_NAMES_DISAGREE). A refused join becomes a suggestion.
 */
export function matchRecords(input: readonly MatchInput[], opts: MatchOptions): MatchResult {
  const records = [...input].sort((x, y) => compareStr(recordKey(x.system, x.externalId), recordKey(y.system, y.externalId)));
  const own = mergeOwnValues(opts.ownValues ?? NO_OWN_VALUES, ownValuesOf(records.filter((r) => r.retailer)));
  const limits: ValueLimits = { maxRecordsPerValue: opts.maxRecordsPerValue, maxNamesPerValue: opts.maxNamesPerValue ?? DEFAULT_MAX_NAMES_PER_VALUE };
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;

  const nodes: Node[] = [];
  const byKey = new Map<string, Node>();
  for (const r of records) {
    if (r.retailer) continue;
    const key = recordKey(r.system, r.externalId);
    if (byKey.has(key)) continue;
    const node: Node = {
      key,
      name: r.name,
      nameKey: nameKey(r),
      fullyNamed: r.name.fromFields === true && (r.name.givenTokens?.length ?? 0) > 0 && r.name.family !== null,
      references: r.references,
      values: new Map(),
      ownEmails: [],
      updated: r.updatedAt && !Number.isNaN(Date.parse(r.updatedAt)) ? Date.parse(r.updatedAt) : null,
    };
    const carry = (k: 'e' | 'p', value: string, how: How, note?: string) => {
      if ((k === 'e' ? emailUnusable(value, own) : phoneUnusable(value, own)) !== null) return;
      const vk = `${k}:${value}`;
      const existing = node.values.get(vk);
      if (!existing || HOW_RANK[how] < HOW_RANK[existing.how]) node.values.set(vk, note ? { how, note } : { how });
    };
    for (const e of r.emails) carry('e', e, 'own');
    for (const e of r.typoEmails ?? []) carry('e', e, 'typo', 'typo domain corrected');
    for (const p of r.phones) carry('p', p, 'own');
    for (const p of r.otherReadings ?? []) carry('p', p, 'reading', 'region-less local number');
    for (const t of r.typed ?? []) carry(t.kind === 'email' ? 'e' : 'p', t.value, t.ambiguous ? 'typed-ambiguous' : 'typed', t.provenance);
    node.ownEmails = [...node.values.entries()].filter(([k, c]) => k.startsWith('e:') && c.how === 'own').map(([k]) => k.slice(2));
    nodes.push(node);
    byKey.set(key, node);
  }

  const names = new Map<string, NameComparison>();
  const detail = (x: Node, y: Node) => {
    const k = x.key < y.key ? `${x.key}\u0000${y.key}` : `${y.key}\u0000${x.key}`;
    if (!names.has(k)) names.set(k, compareNamesDetailed(x.name, y.name));
    return names.get(k)!;
  };
  const cmp = (x: Node, y: Node): NameAgreement | null => detail(x, y).level;

  // A phone is a household's as often as a person's: names agree on it only when the agreement
  // does not rest on a nickname, an initial or two different family names (Piotr Stepien and
  // Piotr Michalski share a given name, not a phone).
  const phoneAgrees = (x: Node, y: Node) => {
    const d = detail(x, y);
    return agrees(d.level) && !d.weak;
  };
  // On a number no two carriers' names disagree on, a weak agreement beside one family name
  // (Ice Intharasuk / Chutima Intharasuk, B. Lewandowska / Beatka Lewandowska) is the person:
  // a relative on the household's phone would show their own full name on another record.
  const personalPhoneAgrees = (x: Node, y: Node) => {
    const d = detail(x, y);
    return agrees(d.level) && (!d.weak || d.sameFamily === true);
  };
  const conflicting = (vk: string, x: Node, y: Node) => {
    const d = detail(x, y);
    // A weak agreement makes a phone a household's only between records holding it in their own
    // fields; a number typed by the person in a message is theirs.
    // A display name or handle ("jurek.wis", "Ice ✨") that disagrees does not make a value
    // shared: it is not a name matching can judge (it still never links on it).
    const judged = x.name.fromFields === true && y.name.fromFields === true;
    return (d.level === 'DISAGREE' && judged) || (vk.startsWith('p:') && d.weak && d.sameFamily !== true && x.values.get(vk)?.how === 'own' && y.values.get(vk)?.how === 'own');
  };

  // Carriers per value, dropping over-shared values (data-set-wide stats when given).
  const carriers = new Map<string, Node[]>();
  for (const n of nodes) for (const vk of n.values.keys()) carriers.set(vk, [...(carriers.get(vk) ?? []), n]);
  const overShared: string[] = [];
  const namesOf = new Map<string, number>();
  for (const [vk, carrying] of [...carriers].sort(([x], [y]) => compareStr(x, y))) {
    const stats = opts.keyStats?.get(vk) ?? { records: carrying.length, names: new Set(carrying.map((c) => c.nameKey).filter(Boolean)).size };
    if (isOverShared(stats, limits)) {
      overShared.push(vk.slice(2));
      carriers.delete(vk);
    } else namesOf.set(vk, Math.max(1, stats.names));
  }

  // Pairs of records sharing a value or a reference.
  interface Pair {
    a: Node;
    b: Node;
    values: PairValue[];
    refs: { from: string; to: string; via: string }[];
  }
  const pairs = new Map<string, Pair>();
  const pairOf = (x: Node, y: Node): Pair => {
    const [a, b] = x.key < y.key ? [x, y] : [y, x];
    const k = `${a.key}\u0000${b.key}`;
    let p = pairs.get(k);
    if (!p) pairs.set(k, (p = { a, b, values: [], refs: [] }));
    return p;
  };
  for (const [vk, carrying] of carriers) {
    if (carrying.length < 2) continue;
    const named = carrying.filter((c) => c.name.tokens.length > 0);
    let personal = true;
    for (let i = 0; i < named.length && personal; i++) for (let j = i + 1; j < named.length && personal; j++) if (conflicting(vk, named[i]!, named[j]!)) personal = false;
    for (let i = 0; i < carrying.length; i++) {
      for (let j = i + 1; j < carrying.length; j++) {
        const x = carrying[i]!;
        const y = carrying[j]!;
        const cx = x.values.get(vk)!;
        const cy = y.values.get(vk)!;
        const weak = [cx, cy].find((c) => !FIRM.has(c.how));
        const typed = [[x, cx], [y, cy]].find(([, c]) => (c as Carried).how.startsWith('typed')) as [Node, Carried] | undefined;
        const note = weak?.note ?? typed?.[1].note;
        pairOf(x, y).values.push({
          key: vk,
          kind: vk.startsWith('e:') ? 'e' : 'p',
          value: vk.slice(2),
          firm: weak === undefined,
          personal,
          ...(note ? { note } : {}),
          ...(typed ? { typedBy: typed[0].key } : {}),
        });
      }
    }
  }
  for (const n of nodes) {
    for (const ref of n.references) {
      const target = byKey.get(recordKey(ref.system, ref.externalId));
      if (!target || target === n) continue;
      pairOf(n, target).refs.push({ from: n.key, to: target.key, via: ref.via });
    }
  }

  const edges: (Edge & { tier: number })[] = [];
  const suggestions: (Suggestion & { score: number })[] = [];
  for (const { a, b, values, refs } of pairs.values()) {
    values.sort((x, y) => compareStr(x.key, y.key));
    const level = cmp(a, b);
    const namesShown: [string, string] = [a.name.tokens.join(' '), b.name.tokens.join(' ')];
    const scored = scorePair(compareIdentifier('e', a, b, values, namesOf), compareIdentifier('p', a, b, values, namesOf), level, namesShown);
    const explain = { score: scored.score, fields: scored.fields };
    const typedNote = (v: PairValue) => (v.typedBy ? { typed: v.note, typedBy: v.typedBy } : {});
    if (refs.length > 0) {
      const ref = refs.sort((x, y) => compareStr(x.from, y.from) || compareStr(x.via, y.via))[0]!;
      edges.push({ a: a.key, b: b.key, rule: 'EXPLICIT_REFERENCE', evidence: { ...ref }, tier: 0 });
      continue;
    }
    const firmEmail = values.find((v) => v.kind === 'e' && v.firm && v.personal);
    const firmPhone = values.find((v) => v.kind === 'p' && v.firm && v.personal);
    const weakEmail = values.find((v) => v.kind === 'e' && !v.firm && v.personal);
    const weakPhone = values.find((v) => v.kind === 'p' && !v.firm && v.personal);
    if (firmEmail) {
      edges.push({ a: a.key, b: b.key, rule: 'EMAIL', evidence: { email: firmEmail.value, ...typedNote(firmEmail) }, tier: 1 });
      continue;
    }
    // A number the person typed themself is theirs: a display name or handle that agrees at all
    // ("marta.d" for Marta Dudek) is enough.
    if (firmPhone && (personalPhoneAgrees(a, b) || (firmPhone.typedBy !== undefined && agrees(level)))) {
      edges.push({ a: a.key, b: b.key, rule: 'PHONE_AND_NAME', evidence: { phone: firmPhone.value, names: namesShown, ...typedNote(firmPhone) }, tier: 1 });
      continue;
    }
    const recycled = firmPhone && level === null && a.updated !== null && b.updated !== null && Math.abs(a.updated - b.updated) > RECYCLED_AFTER_MS;
    if (firmPhone && level === null && !recycled && opts.namelessPhoneOnly !== false && phoneOnlyAllowed(a, b, carriers.get(firmPhone.key) ?? [])) {
      edges.push({ a: a.key, b: b.key, rule: 'PHONE_ONLY', evidence: { phone: firmPhone.value, ...typedNote(firmPhone) }, tier: 1 });
      continue;
    }
    // A number the person typed themself, beside a name matching cannot compare ("Mint", a
    // nickname; "Maria S." / "M. Szymanska"): theirs as much as a nameless record's phone, so
    // PHONE_ONLY's conditions apply (no other record of the typer's system holds it; the
    // cluster's names agree, see the guards).
    const typer = firmPhone?.typedBy !== undefined ? byKey.get(firmPhone.typedBy) : undefined;
    if (firmPhone && typer && level === null && !recycled && phoneOnlyAllowed(a, b, carriers.get(firmPhone.key) ?? [], typer)) {
      edges.push({ a: a.key, b: b.key, rule: 'PHONE_ONLY', evidence: { phone: firmPhone.value, names: namesShown, ...typedNote(firmPhone) }, tier: 1 });
      continue;
    }
    if (weakEmail && agrees(level)) {
      edges.push({ a: a.key, b: b.key, rule: 'EMAIL', evidence: { email: weakEmail.value, names: namesShown, reading: weakEmail.note, ...typedNote(weakEmail) }, tier: 2 });
      continue;
    }
    if (weakPhone && phoneAgrees(a, b)) {
      edges.push({ a: a.key, b: b.key, rule: 'PHONE_AND_NAME', evidence: { phone: weakPhone.value, names: namesShown, reading: weakPhone.note, ...typedNote(weakPhone) }, tier: 2 });
      continue;
    }
    // A shared value (a household's phone, a team's inbox) between two records of one full name:
    // the other carriers are other people, these two are one (guards keep the households apart).
    const sharedPhone = values.find((v) => v.kind === 'p' && v.firm && !v.personal);
    if (sharedPhone && phoneAgrees(a, b)) {
      edges.push({ a: a.key, b: b.key, rule: 'PHONE_AND_NAME', evidence: { phone: sharedPhone.value, names: namesShown, sharedBy: namesOf.get(sharedPhone.key) ?? 1, ...typedNote(sharedPhone) }, tier: 2 });
      continue;
    }
    const sharedEmail = values.find((v) => v.kind === 'e' && v.firm && !v.personal);
    if (sharedEmail && phoneAgrees(a, b)) {
      edges.push({ a: a.key, b: b.key, rule: 'EMAIL', evidence: { email: sharedEmail.value, names: namesShown, sharedBy: namesOf.get(sharedEmail.key) ?? 1, ...typedNote(sharedEmail) }, tier: 2 });
      continue;
    }
    // A shared value is evidence together with another agreeing identifier: the same mailbox and
    // the same phone, with names that agree (a nickname, an initial), are one person; a
    // household sharing both still has two names that disagree, and stays a suggestion.
    const firmOfBoth = sharedEmail ?? values.find((v) => v.kind === 'e' && v.firm);
    const firmPhoneToo = values.find((v) => v.kind === 'p' && v.firm);
    if (firmOfBoth && firmPhoneToo && agrees(level)) {
      edges.push({ a: a.key, b: b.key, rule: 'EMAIL', evidence: { email: firmOfBoth.value, phone: firmPhoneToo.value, names: namesShown, sharedBy: Math.max(namesOf.get(firmOfBoth.key) ?? 1, namesOf.get(firmPhoneToo.key) ?? 1) }, tier: 2 });
      continue;
    }
    // A guess (another market's reading, a typo domain) on a shared value needs the full name.
    const sharedGuess = values.find((v) => !v.firm && !v.personal);
    if (sharedGuess && agreesStrongly(level)) {
      const on = sharedGuess.kind === 'e' ? { email: sharedGuess.value } : { phone: sharedGuess.value };
      edges.push({ a: a.key, b: b.key, rule: sharedGuess.kind === 'e' ? 'EMAIL' : 'PHONE_AND_NAME', evidence: { ...on, names: namesShown, reading: sharedGuess.note, sharedBy: namesOf.get(sharedGuess.key) ?? 1, ...typedNote(sharedGuess) }, tier: 2 });
      continue;
    }
    // The scorer: shared values, or guesses without an agreeing name. Two names from their own
    // fields that disagree are two people whatever they share (a couple's phone and inbox); a
    // display name or handle that disagrees says less.
    const identifiers = new Set(values.filter((v) => v.firm || agrees(level)).map((v) => v.key));
    const twoPeople = level === 'DISAGREE' && a.name.fromFields === true && b.name.fromFields === true;
    if (!twoPeople && identifiers.size >= 2 && scored.score >= thresholds.link) {
      const on = values.find((v) => v.kind === 'e') ?? values[0]!;
      edges.push({
        a: a.key,
        b: b.key,
        rule: on.kind === 'e' ? 'EMAIL' : 'PHONE_AND_NAME',
        evidence: { ...(on.kind === 'e' ? { email: on.value } : { phone: on.value }), names: namesShown, matchedOn: [...identifiers].sort(), scored: true, ...explain },
        tier: 3,
      });
      continue;
    }
    const firmPhone2 = values.find((v) => v.kind === 'p' && v.firm);
    if (firmPhone2) {
      suggestions.push({ a: a.key, b: b.key, rule: 'SHARED_PHONE', evidence: { phone: firmPhone2.value, names: namesShown, ...(recycled ? { possiblyRecycled: true } : {}), ...explain }, score: scored.score });
    } else if (scored.score >= thresholds.suggest) {
      const on = sharedEmail ?? values[0];
      suggestions.push({
        a: a.key,
        b: b.key,
        rule: sharedEmail ? 'SHARED_EMAIL' : 'SCORED',
        evidence: { ...(on ? { [on.kind === 'e' ? 'email' : 'phone']: on.value } : {}), names: namesShown, ...explain },
        score: scored.score,
      });
    }
  }

  edges.sort((x, y) => x.tier - y.tier || RULE_ORDER[x.rule] - RULE_ORDER[y.rule] || compareStr(x.a, y.a) || compareStr(x.b, y.b));

  // Union-find over record keys, with member lists and a "names disagree inside" flag for the guards.
  const parent = new Map(nodes.map((n) => [n.key, n.key]));
  const members = new Map(nodes.map((n) => [n.key, [n]]));
  const disagreeInside = new Map(nodes.map((n) => [n.key, false]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const tree: Edge[] = [];
  for (const { tier: _tier, ...edge } of edges) {
    const ra = find(edge.a);
    const rb = find(edge.b);
    if (ra === rb) continue;
    const left = members.get(ra)!;
    const right = members.get(rb)!;
    const check = crossCheck(left, right, cmp);
    let blockedBy: string | null = null;
    if (check.differentEmails) blockedBy = 'DIFFERENT_EMAILS_AND_NAMES';
    else if (edge.rule !== 'EXPLICIT_REFERENCE' && check.namesDisagree) blockedBy = 'NAMES_DISAGREE';
    else if (edge.rule === 'PHONE_ONLY' && (check.anyDisagree || disagreeInside.get(ra) || disagreeInside.get(rb))) blockedBy = 'CLUSTER_NAMES_DISAGREE';
    if (blockedBy) {
      const conflict = check.conflict;
      suggestions.push({ a: edge.a, b: edge.b, rule: edge.rule, evidence: { ...edge.evidence, blockedBy, ...(conflict ? { conflict } : {}) }, score: Number.POSITIVE_INFINITY });
      continue;
    }
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    parent.set(child, root);
    members.set(root, [...members.get(root)!, ...members.get(child)!]);
    disagreeInside.set(root, disagreeInside.get(root)! || disagreeInside.get(child)! || check.anyDisagree);
    members.delete(child);
    tree.push(edge);
  }

  const clusters = new Map<string, Cluster>();
  for (const n of nodes) {
    const root = find(n.key);
    if (!clusters.has(root)) clusters.set(root, { anchor: root, members: members.get(root)!.map((m) => m.key).sort(), edges: [] });
  }
  for (const edge of tree) clusters.get(find(edge.a))!.edges.push(edge);

  // Suggest only what is still apart, once per pair of clusters: the strongest (a blocked link
  // first, then by score), ties in key order. Listed highest score first.
  const seen = new Set<string>();
  const kept: (Suggestion & { score: number })[] = [];
  for (const s of suggestions.sort((x, y) => y.score - x.score || compareStr(x.a, y.a) || compareStr(x.b, y.b))) {
    const [ca, cb] = [find(s.a), find(s.b)].sort(compareStr) as [string, string];
    if (ca === cb || seen.has(`${ca}|${cb}`)) continue;
    seen.add(`${ca}|${cb}`);
    kept.push(s);
  }

  return {
    clusters: [...clusters.values()].sort((x, y) => compareStr(x.anchor, y.anchor)),
    suggestions: kept.map(({ score: _score, ...s }) => s),
    overShared: overShared.sort(),
  };
}

/**
 * PHONE_ONLY needs a record with no name at all (a nickname alone is a name matching cannot
 * compare, not an absence), or one that typed the number itself (`typer`), and no other record of the nameless one's system carrying the
 * number: a POS finds its customers by phone, so a second, nameless POS customer on a number
 * is someone else of the household more often than the same person.
 */
function phoneOnlyAllowed(a: Node, b: Node, carrying: readonly Node[], typer?: Node): boolean {
  const nameless = typer ?? (a.name.tokens.length === 0 ? a : b.name.tokens.length === 0 ? b : null);
  if (!nameless) return false;
  const system = nameless.key.slice(0, nameless.key.indexOf(':'));
  return !carrying.some((c) => c !== nameless && c.key.startsWith(`${system}:`));
}

/** What the scorer compares on one identifier field: the strongest agreement of the pair, else whether both have values that differ. */
function compareIdentifier(kind: 'e' | 'p', a: Node, b: Node, values: PairValue[], namesOf: Map<string, number>): IdentifierComparison {
  const of = values.filter((v) => v.kind === kind);
  const best = of.find((v) => v.firm && v.personal) ?? of.find((v) => v.personal) ?? of[0];
  if (best) {
    const level = best.personal ? (best.firm ? 'AGREE' : 'AGREE_WEAK') : 'AGREE_SHARED';
    return { level, value: best.value, names: namesOf.get(best.key) ?? 1, ...(best.note ? { note: best.note } : {}) };
  }
  const has = (n: Node) => [...n.values.entries()].some(([k, c]) => k.startsWith(`${kind}:`) && c.how === 'own');
  return has(a) && has(b) ? { level: 'DISAGREE' } : { level: 'MISSING' };
}

/** One pass over the cross pairs of two clusters about to be joined: what the guards need. */
function crossCheck(left: Node[], right: Node[], cmp: (x: Node, y: Node) => NameAgreement | null) {
  let differentEmails = false;
  let namesDisagree = false;
  let anyDisagree = false;
  let conflict: { a: string; b: string } | null = null;
  for (const x of left) {
    if (x.name.tokens.length === 0) continue;
    for (const y of right) {
      if (y.name.tokens.length === 0 || cmp(x, y) !== 'DISAGREE') continue;
      anyDisagree = true;
      conflict ??= { a: x.key, b: y.key };
      if (x.ownEmails.length > 0 && y.ownEmails.length > 0 && !y.ownEmails.some((e) => x.ownEmails.includes(e))) {
        differentEmails = true;
        conflict = { a: x.key, b: y.key };
      }
      if (x.fullyNamed && y.fullyNamed && ![...x.values.keys()].some((k) => y.values.has(k))) namesDisagree = true;
    }
  }
  return { differentEmails, namesDisagree, anyDisagree, conflict };
}

export type { PairScore };
