import { jaroWinkler } from '@skyra/jaro-winkler';
import { sameGivenName, isThaiNickname, isVietnameseFamilyName, polishStem } from './name-variants.ts';
import { foldName } from './normalize.ts';
import { latinSkeleton, SKELETON_MARK, THAI_SCRIPT, thaiSkeleton } from './thai.ts';

/** A record's name, folded, split the way matching compares it. */
export interface NameParts {
  /** First given token (kept for callers that show one given name). */
  given: string | null;
  family: string | null;
  /** Every token of the given name(s), in order: "minh vy" (a Vietnamese middle name first), "anna maria". */
  givenTokens?: string[];
  familyTokens?: string[];
  /** Every token of the full name, sorted (catches given/family order swaps, common in VN data). */
  tokens: string[];
  /** Some of the name was written in Thai script: romanised by transliteration, compared loosely. */
  thaiScript?: boolean;
  /** Given and family names came from their own fields, not split from a display name (a social handle, a nickname). */
  fromFields?: boolean;
}

/**
 * How two names relate, strongest first:
 * - `EXACT`: the same tokens;
 * - `STRONG`: the same person's given and family name, up to spelling (typo, diacritics,
 *   transliteration, diminutive, order, an extra middle name);
 * - `PARTIAL`: compatible but weak: the given name agrees and the family name differs or is
 *   missing (maiden name, given name only), or the family name agrees and the given name is an
 *   initial or a nickname;
 * - `DISAGREE`: two people (different given names; the same family name with different given
 *   names is a family).
 * `null` when either side has no name or nothing comparable.
 */
export type NameAgreement = 'EXACT' | 'STRONG' | 'PARTIAL' | 'DISAGREE';

const THAI = /\p{Script=Thai}/u;

export function nameParts(givenName: string | null, familyName: string | null, displayName: string | null): NameParts {
  let givenTokens = nameTokens(givenName);
  let familyTokens = nameTokens(familyName);
  let thaiScript = THAI.test(`${givenName ?? ''}${familyName ?? ''}`);
  const fromFields = givenTokens.length > 0 || familyTokens.length > 0;
  if (!fromFields) {
    // Only a display name: "Somchai Jaidee" (given first), "Nguyen Van An" (a Vietnamese family name first).
    const parts = nameTokens(displayName);
    thaiScript = THAI.test(displayName ?? '');
    if (parts.length >= 2 && isVietnameseFamilyName(parts[0]!) && !isVietnameseFamilyName(parts[parts.length - 1]!)) {
      familyTokens = [parts[0]!];
      givenTokens = parts.slice(1);
    } else if (parts.length >= 2) {
      givenTokens = parts.slice(0, -1);
      familyTokens = [parts[parts.length - 1]!];
    } else givenTokens = parts;
  }
  const tokens = [...givenTokens, ...familyTokens].sort();
  return {
    given: givenTokens[0] ?? null,
    family: familyTokens.length > 0 ? familyTokens.join(' ') : null,
    givenTokens,
    familyTokens,
    tokens,
    ...(thaiScript ? { thaiScript } : {}),
    ...(fromFields ? { fromFields } : {}),
  };
}

const split = (folded: string | null): string[] => (folded ? folded.split(' ').filter(Boolean) : []);

/** Folded tokens; a token in Thai script becomes its consonant skeleton (thai.ts), marked. */
function nameTokens(raw: string | null): string[] {
  if (!raw || !THAI_SCRIPT.test(raw)) return split(foldName(raw));
  return raw
    .split(/[\s.,]+/)
    .filter(Boolean)
    .flatMap((t) => (THAI_SCRIPT.test(t) ? [`${SKELETON_MARK}${thaiSkeleton(t)}`] : split(foldName(t))))
    .filter((t) => t !== SKELETON_MARK);
}

/** Equal, or one typo (one insertion, deletion, substitution or swap of neighbours) on names long enough for that to mean something. */
export function nearlyEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 1) return false;
  return editDistanceAtMostOne(a, b) || isOneTransposition(a, b);
}

function isOneTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && j === i! + 1 && a[i!] === b[j] && a[j] === b[i!];
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a.length > b.length) [a, b] = [b, a];
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length === b.length) i++;
    j++;
  }
  return edits + (b.length - j) + (a.length - i) <= 1;
}

/** Jaro-Winkler similarity at or above which two long tokens are one name mistyped ("katarzyna"/"katarzina" 0.96). */
const SIMILAR = 0.93;

/**
 * `slip`: one letter doubled, dropped or swapped with its neighbour on a short name ("Beatta",
 * "Zofa", "Mraia", "Jery" for Beata, Zofia, Maria, Jerzy). Kept apart from `typo`: a short name
 * one letter away is also another name of the same family (Jan / Jana, Phong / Phuong), so it
 * is a weak agreement (enough for a mailbox, not for a household's phone).
 */
type TokenAgreement = 'exact' | 'variant' | 'typo' | 'slip' | 'initial' | null;

function tokenAgree(x: string, y: string, _loose: boolean): TokenAgreement {
  if (x === y) return 'exact';
  if (x.startsWith(SKELETON_MARK) || y.startsWith(SKELETON_MARK)) return skeletonAgree(x, y);
  if (x.length === 1 || y.length === 1) return x[0] === y[0] ? 'initial' : null;
  if (sameGivenName(x, y)) return 'variant';
  const sx = polishStem(x);
  if (sx !== null && sx === polishStem(y) && sx.length >= 4) return 'variant';
  // One typo only on names long enough for a one-letter change not to make another name
  // (Marta/Maria, Thanh/Thang, Hung/Tung, Phong/Phuong are different people).
  if (Math.min(x.length, y.length) >= 6 && nearlyEqual(x, y)) return 'typo';
  if (Math.min(x.length, y.length) >= 6 && jaroWinkler(x, y) >= SIMILAR) return 'typo';
  // A substitution on a short name is another name (Marta / Maria, Hung / Tung): only a slip of the keyboard.
  if (Math.min(x.length, y.length) >= 4 && x[0] === y[0] && (isOneTransposition(x, y) || (Math.abs(x.length - y.length) === 1 && editDistanceAtMostOne(x, y)))) return 'slip';
  return null;
}

/** A Thai-script token against another token: the same consonant skeleton, or nearly for long ones (Jakkrit / จักรกฤษณ์). */
function skeletonAgree(x: string, y: string): TokenAgreement {
  // An initial against a name in Thai script: its sound class against the skeleton's first
  // ("S." / สราวุธ); a romanised `c` is ช or จ (Chatchai, Chanthra).
  const initial = x.length === 1 ? x : y.length === 1 ? y : null;
  if (initial) {
    const other = initial === x ? y : x;
    const first = other.startsWith(SKELETON_MARK) ? other.slice(1, 2) : latinSkeleton(other).slice(0, 1);
    const cls = initial === 'c' ? 'T' : latinSkeleton(initial);
    return first !== '' && cls === first ? 'initial' : null;
  }
  const sk = (t: string) => (t.startsWith(SKELETON_MARK) ? t.slice(1) : latinSkeleton(t));
  const [a, b] = [sk(x), sk(y)];
  if (a === '' || b === '') return null;
  if (a === b) return 'typo';
  return Math.min(a.length, b.length) >= 3 && jaroWinkler(a, b) >= 0.85 ? 'typo' : null;
}

/** Polish family names change with gender (Kowalski / Kowalska): one family. */
const familyStem = (t: string) => t.replace(/(sk|ck|dzk)a$/, '$1i');

function familyAgree(a: string[], b: string[], loose: boolean): boolean {
  return familyLevel(a, b, loose) === 'agree';
}

/** `agree` (one part equal up to a typo: Kowalska-Nowak / Nowak), `initial` (W. / Wieczorek), else `differ`. */
function familyLevel(a: string[], b: string[], loose: boolean): 'agree' | 'initial' | 'differ' {
  let initial = false;
  for (const x of a) for (const y of b) {
    const agreement = tokenAgree(familyStem(x), familyStem(y), loose);
    if (agreement === 'initial') initial = true;
    else if (agreement && agreement !== 'variant') return 'agree';
  }
  return initial ? 'initial' : 'differ';
}

type GivenAgreement = 'full' | 'typo' | 'slip' | 'initial' | 'unknown' | 'no';

/**
 * Given names of one person: as many names, each agreeing, in order; or the names of one side
 * all among the other's, in order. A Vietnamese middle name comes first and the called name last
 * ("Minh Vy" is "Vy"), a Polish second name last ("Anna Maria" is "Anna"), and records often
 * drop it. "Minh Anh" and "Minh Duc" (siblings sharing a middle name) differ. A Thai nickname on
 * either side that agrees with nothing says nothing (`unknown`).
 */
function givenAgree(a: string[], b: string[], loose: boolean): GivenAgreement {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let initial = false;
  let typo = false;
  let slip = false;
  let j = 0;
  let ok = true;
  for (const t of short) {
    let found: TokenAgreement = null;
    while (j < long.length && !(found = tokenAgree(t, long[j]!, loose))) j++;
    if (!found) {
      ok = false;
      break;
    }
    if (found === 'initial') initial = true;
    if (found === 'typo') typo = true;
    if (found === 'slip') slip = true;
    j++;
  }
  // Equal counts must agree position by position (two names, both differing, are two people).
  if (ok && short.length === long.length && short.some((t, i) => !tokenAgree(t, long[i]!, loose))) ok = false;
  if (ok) return initial ? 'initial' : slip ? 'slip' : typo ? 'typo' : 'full';
  return a.every(isThaiNickname) || b.every(isThaiNickname) ? 'unknown' : 'no';
}

export function compareNames(a: NameParts, b: NameParts): NameAgreement | null {
  return compareNamesDetailed(a, b).level;
}

/** compareNamesDetailed's answer. */
export interface NameComparison {
  level: NameAgreement | null;
  weak: boolean;
  /** A weak agreement beside one family name that is not the market's commonest: the person or a relative, never a stranger. */
  sameFamily?: boolean;
}

/**
 * compareNames, and whether a PARTIAL rests on something a household shares as easily as a
 * person (`weak`: a nickname, an initial, two different family names). Emails accept a weak
 * PARTIAL (a maiden name on one mailbox); phones do not.
 */
export function compareNamesDetailed(a: NameParts, b: NameParts): NameComparison {
  const out = (level: NameAgreement | null, weak = false) => ({ level, weak: level === 'PARTIAL' && weak });
  if (a.tokens.length === 0 || b.tokens.length === 0) return out(null);
  if (a.tokens.join(' ') === b.tokens.join(' ')) return out('EXACT');
  const loose = a.thaiScript === true || b.thaiScript === true;
  const ga = a.givenTokens ?? (a.given ? [a.given] : []);
  const gb = b.givenTokens ?? (b.given ? [b.given] : []);
  const fa = a.familyTokens ?? (a.family ? a.family.split(' ') : []);
  const fb = b.familyTokens ?? (b.family ? b.family.split(' ') : []);
  // A weak agreement beside one family name (an initial, a nickname, a slip of the given name;
  // the family name itself or its initial agrees): the person or a relative, never a stranger.
  // Not so where one family name is the market's commonest (Nguyễn, Trần, Lê: two in five
  // Vietnamese): sharing it says little, and Mai / Lan Nguyen are two people.
  const sameFamily = (level: NameAgreement) => ({ level, weak: true, ...([...fa, ...fb].some(isVietnameseFamilyName) ? {} : { sameFamily: true }) });
  // Given and family swapped (Vietnamese order), with a typo on either ("Nguyne Lam" / "Lam Nguyen").
  if (ga.length && fa.length && gb.length && fb.length && ['full', 'typo'].includes(givenAgree(ga, fb, loose)) && familyAgree(fa, gb, loose)) return out('STRONG');
  // Every token of a name of two or more in the other, whatever the fields: the Vietnamese
  // middle name written with the family name ("Phạm | Bích Giang" / "Giang Pham"), a whole name
  // in the given-name field ("Nguyễn Vinh" / "Đức Vinh Nguyen").
  if (tokensWithin(a.tokens, b.tokens, loose) || tokensWithin(b.tokens, a.tokens, loose)) return out('STRONG');
  const nickname = nicknameAgree(a, ga, b, gb, loose) ?? nicknameAgree(b, gb, a, ga, loose);
  if (nickname) return out(nickname, true);
  const ordered = compareOrdered(ga, fa, gb, fb, loose, out, sameFamily);
  if (ordered.level !== 'DISAGREE' || !(ga.length && fa.length && gb.length && fb.length)) return ordered;
  // Family name first on one side (Vietnamese order, or fields swapped by a form) and only a weak
  // agreement that way round: an initial ("Khoa | T." / "Trần | Khoa"), a slip ("Honag | Phong" /
  // "Phong | Hoang"), or another family name ("Hoàng | Quỳnh" / "Quynh | Tran"). As weak as the
  // same readings in the usual order.
  // Read as the second side written family name first. (Not also the other way round: each
  // reading more is one more chance for two relatives of one common name to agree.)
  for (const [given1, family1, given2, family2] of [[ga, fa, fb, gb]] as const) {
    const given = givenAgree(given1, given2, loose);
    if (given !== 'full' && given !== 'typo' && given !== 'slip') continue;
    // A given name that agrees only across fields must not be a family name itself (Nguyen | Lan / Lam | Nguyen: two people).
    if (given1.some(isVietnameseFamilyName)) continue;
    const family = familyLevel(family1, family2, loose);
    if (family === 'initial' || (family === 'agree' && given === 'slip')) return sameFamily('PARTIAL');
    if (family === 'differ' && given === 'full') return out('PARTIAL', true);
  }
  return ordered;
}

/** compareNamesDetailed's reading in the usual order: given against given, family against family. */
function compareOrdered(
  ga: string[],
  fa: string[],
  gb: string[],
  fb: string[],
  loose: boolean,
  out: (level: NameAgreement | null, weak?: boolean) => NameComparison,
  sameFamily: (level: NameAgreement) => NameComparison,
): NameComparison {
  const family = fa.length && fb.length ? familyLevel(fa, fb, loose) : null;
  if (ga.length && gb.length) {
    switch (givenAgree(ga, gb, loose)) {
      case 'full':
        return family === 'agree' ? out('STRONG') : family === 'initial' ? sameFamily('PARTIAL') : out('PARTIAL', family !== null);
      case 'typo':
        // A mistyped given name is the person only where nothing else differs.
        return family === 'agree' ? out('STRONG') : family === 'differ' ? out('DISAGREE') : family === 'initial' ? sameFamily('PARTIAL') : out('PARTIAL');
      case 'slip':
        // A slip on a short given name: the person or a relative of one family (Jan / Jana).
        return family === 'agree' ? sameFamily('PARTIAL') : family === 'differ' ? out('DISAGREE') : out(null);
      case 'initial':
        return family === 'agree' ? sameFamily('PARTIAL') : family === 'differ' ? out('DISAGREE') : out(null);
      case 'unknown':
        // A nickname ("Nok") says nothing of the given name: beside the same family name it is the
        // person or a sibling (weak), alone it says nothing (and "Mai" is a Thai nickname and a
        // Vietnamese name).
        return family === 'agree' ? sameFamily('PARTIAL') : family === 'differ' ? out('DISAGREE') : out(null);
      case 'no':
        return out('DISAGREE');
    }
  }
  // One side has no given name: the family names decide; only a given name against only a family name says nothing.
  return family === null || family === 'initial' ? out(null) : family === 'agree' ? sameFamily('PARTIAL') : out('DISAGREE');
}

/** Every token of `short` (two or more) agrees (not by initial) with a distinct token of `long`. */
function tokensWithin(short: string[], long: string[], loose: boolean): boolean {
  if (short.length < 2 || short.length > long.length) return false;
  const used = new Set<number>();
  for (const t of short) {
    let found = -1;
    for (let i = 0; i < long.length && found < 0; i++) {
      const g = used.has(i) ? null : tokenAgree(t, long[i]!, loose);
      if (g && g !== 'initial' && g !== 'slip') found = i;
    }
    if (found < 0) return false;
    used.add(found);
  }
  return true;
}

/**
 * A Thai social profile often puts the nickname in one field and the given name in the other
 * ("Nok Pimchanok"): without its nicknames, every token of `x` agrees with a token of `y`, one of
 * them `y`'s given name → PARTIAL. Matching a family name only is not enough (a sibling's profile).
 */
function nicknameAgree(x: NameParts, _gx: string[], y: NameParts, gy: string[], loose: boolean): NameAgreement | null {
  const rest = x.tokens.filter((t) => !isThaiNickname(t));
  if (rest.length === x.tokens.length || rest.length === 0) return null;
  const hit = (t: string, u: string) => {
    const g = tokenAgree(t, u, loose);
    return g !== null && g !== 'initial' && g !== 'slip';
  };
  if (!rest.every((t) => y.tokens.some((u) => hit(t, u)))) return null;
  return rest.some((t) => gy.some((u) => hit(t, u))) ? 'PARTIAL' : null;
}

/**
 * Both names have a family name and they differ: a maiden name, or two people who share a given
 * name. Enough for an email the person owns, not for a phone a household shares.
 */
export function familiesDiffer(a: NameParts, b: NameParts): boolean {
  const fa = a.familyTokens ?? (a.family ? a.family.split(' ') : []);
  const fb = b.familyTokens ?? (b.family ? b.family.split(' ') : []);
  const loose = a.thaiScript === true || b.thaiScript === true;
  return fa.length > 0 && fb.length > 0 && !familyAgree(fa, fb, loose) && !(familyAgree(fa, b.givenTokens ?? [], loose) && familyAgree(b.familyTokens ?? [], a.givenTokens ?? [], loose));
}

/**
 * Could these two names be the same person? `true` / `false`, or `null` when either side has no
 * name (see compareNames: anything but DISAGREE is compatible).
 */
export function namesCompatible(a: NameParts, b: NameParts): boolean | null {
  const level = compareNames(a, b);
  return level === null ? null : level !== 'DISAGREE';
}

/** The name levels that count as an agreeing name where a value needs one. */
export const agrees = (level: NameAgreement | null): boolean => level === 'EXACT' || level === 'STRONG' || level === 'PARTIAL';
export const agreesStrongly = (level: NameAgreement | null): boolean => level === 'EXACT' || level === 'STRONG';
