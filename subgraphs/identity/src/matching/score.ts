import type { NameAgreement } from './names.ts';

/**
 * The scored matcher: a Fellegi-Sunter log-likelihood ratio per candidate pair, the sum over
 * fields of log2(m/u) for the level the pair reaches on that field, where m = P(level | same
 * person) and u = P(level | two people). Matching's blocking keys make the candidates, so the
 * cost is linear in the pairs that share a value.
 *
 * The m/u values are a documented equal, not estimated per run: an estimate (EM) over one
 * connected component would differ from the estimate over the whole data set, and matching must
 * give the same answer on both. They are set from what the markets' data is like: people keep
 * one or two emails and phones, so two records of one person agree on a shared channel value
 * most of the time (m), two strangers almost never (u), except on a value several people carry,
 * where u grows with the number of distinct names carrying it (term-frequency adjustment:
 * - log2(names)).
 */

export type IdentifierLevel = 'AGREE' | 'AGREE_WEAK' | 'AGREE_SHARED' | 'DISAGREE' | 'MISSING';

interface Mu {
  m: number;
  u: number;
}

/** m and u per field and level (see above). MISSING is m = u: no information. */
export const MU: {
  email: Record<Exclude<IdentifierLevel, 'MISSING'>, Mu>;
  phone: Record<Exclude<IdentifierLevel, 'MISSING'>, Mu>;
  name: Record<NameAgreement, Mu>;
} = {
  email: {
    AGREE: { m: 0.9, u: 0.0001 }, // one mailbox: 13.1 bits
    AGREE_WEAK: { m: 0.05, u: 0.0005 }, // a typo domain corrected: 6.6 bits
    AGREE_SHARED: { m: 0.05, u: 0.0005 }, // a value several names carry: 6.6 bits before the tf adjustment
    DISAGREE: { m: 0.3, u: 0.99 }, // both have emails, none in common: -1.7 bits (people have several)
  },
  phone: {
    AGREE: { m: 0.85, u: 0.0002 }, // 12.1 bits
    AGREE_WEAK: { m: 0.1, u: 0.002 }, // one market's reading of a number of unknown country: 5.6 bits
    AGREE_SHARED: { m: 0.1, u: 0.002 }, // a family's phone: 5.6 bits before the tf adjustment
    DISAGREE: { m: 0.3, u: 0.99 },
  },
  name: {
    EXACT: { m: 0.6, u: 0.001 }, // 9.2 bits
    STRONG: { m: 0.3, u: 0.002 }, // 7.2 bits
    PARTIAL: { m: 0.08, u: 0.02 }, // 2 bits
    DISAGREE: { m: 0.02, u: 0.977 }, // -5.6 bits
  },
};

const bits = ({ m, u }: Mu) => Math.log2(m / u);

export interface FieldScore {
  level: string;
  weight: number;
  /** The value compared (email, phone) or the two names. */
  value?: string | string[];
  /** Where the value was seen when it was not in a record's own fields (typed in a message, a typo domain, a reading). */
  note?: string;
}

export interface PairScore {
  /** Sum of the field weights, in bits; higher = more likely one person. */
  score: number;
  fields: { email: FieldScore; phone: FieldScore; name: FieldScore };
}

export interface IdentifierComparison {
  level: IdentifierLevel;
  value?: string;
  /** Distinct names carrying a shared value (tf adjustment); 1 when not shared. */
  names?: number;
  note?: string;
}

const round = (x: number) => Math.round(x * 100) / 100;

function identifierScore(kind: 'email' | 'phone', c: IdentifierComparison): FieldScore {
  if (c.level === 'MISSING') return { level: 'MISSING', weight: 0 };
  let weight = bits(MU[kind][c.level]);
  if (c.level === 'AGREE_SHARED') weight -= Math.log2(Math.max(1, c.names ?? 1));
  return { level: c.level, weight: round(weight), ...(c.value ? { value: c.value } : {}), ...(c.note ? { note: c.note } : {}) };
}

export function scorePair(email: IdentifierComparison, phone: IdentifierComparison, name: NameAgreement | null, names: [string, string]): PairScore {
  const fields = {
    email: identifierScore('email', email),
    phone: identifierScore('phone', phone),
    name: name === null ? { level: 'MISSING', weight: 0 } : { level: name, weight: round(bits(MU.name[name])), value: names },
  };
  return { score: round(fields.email.weight + fields.phone.weight + fields.name.weight), fields };
}

export interface ScoreThresholds {
  /** At or above: a pair without a rule of its own is linked, if it also has two agreeing identifiers. */
  link: number;
  /** At or above (and below link): a suggestion for a person, ranked by score. */
  suggest: number;
}

export const DEFAULT_THRESHOLDS: ScoreThresholds = { link: 18, suggest: 6 };
