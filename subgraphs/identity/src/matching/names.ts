import { foldName } from './normalize.ts';

/** A record's name, folded, split the way matching compares it. */
export interface NameParts {
  given: string | null;
  family: string | null;
  /** Every token of the given name(s), in order: "minh vy" (a Vietnamese middle name first), "anna maria". */
  givenTokens?: string[];
  /** Every token of the full name, sorted (catches given/family order swaps, common in VN data). */
  tokens: string[];
}

export function nameParts(givenName: string | null, familyName: string | null, displayName: string | null): NameParts {
  let given = foldName(givenName);
  let family = foldName(familyName);
  if (!given && !family) {
    // Only a display name ("Somchai Jaidee"): first token as given, last as family.
    const parts = (foldName(displayName) ?? '').split(' ').filter(Boolean);
    given = parts[0] ?? null;
    family = parts.length > 1 ? (parts[parts.length - 1] ?? null) : null;
  }
  const tokens = [given, family].filter((t): t is string => !!t).flatMap((t) => t.split(' ')).sort();
  // Compare first given name only: "anna maria" vs "anna" is the same given name.
  return { given: given?.split(' ')[0] ?? null, family, givenTokens: given?.split(' ') ?? [], tokens };
}

/** Equal, or one typo (one insertion, deletion, substitution or swap of neighbours) on names long enough for that to mean something. */
export function nearlyEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.min(a.length, b.length) < 4 || Math.abs(a.length - b.length) > 1) return false;
  return editDistanceAtMostOne(a, b) || isOneTransposition(a, b);
}

/** "somchia" for "somchai": swapped neighbours are the commonest typo. */
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

/**
 * Could these two names be the same person? `true` / `false`, or `null` when either side has
 * no name. Given names decide: a family phone shared by "Anna Kowalska" and "Piotr Kowalski"
 * has the same family name but different given names, so it is NOT compatible. A matching
 * given name (one typo allowed) is compatible even when the family name differs (maiden name).
 * Family names decide only when a given name is missing on one side.
 */
export function namesCompatible(a: NameParts, b: NameParts): boolean | null {
  if (a.tokens.length === 0 || b.tokens.length === 0) return null;
  if (a.tokens.join(' ') === b.tokens.join(' ')) return true;
  // Given and family swapped, with a typo on either ("Nguyne Lam" / "Lam Nguyen").
  if (a.given && a.family && b.given && b.family && nearlyEqual(a.given, b.family) && nearlyEqual(a.family, b.given)) return true;
  if (a.given && b.given) return givenNamesCompatible(a.givenTokens ?? [a.given], b.givenTokens ?? [b.given]);
  if (a.family && b.family) return nearlyEqual(a.family, b.family);
  // One side has only a given name, the other only a family name: nothing to compare.
  return null;
}

/**
 * Given names of one person: as many names, each equal (one typo allowed), in order; or the
 * names of one side all among the other's, in order. A Vietnamese middle name comes first and
 * the called name last ("Minh Vy" is "Vy"), a Polish second name last ("Anna Maria" is "Anna"),
 * and records often drop it. "Minh Anh" and "Minh Duc" (siblings sharing a middle name) differ.
 */
function givenNamesCompatible(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return false;
  if (short.length === long.length) return short.every((t, i) => nearlyEqual(t, long[i]!));
  let j = 0;
  for (const t of short) {
    while (j < long.length && long[j] !== t) j++;
    if (j === long.length) return false;
    j++;
  }
  return true;
}
