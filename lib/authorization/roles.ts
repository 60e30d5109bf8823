/**
 * The roles a caller can hold, from verified JWT claims (the gateway) or the gateway's signed
 * internal token (subgraphs). What each may do is declared in the schema with `@requiresRole`
 * and `@pii` (spec.ts); this module holds only the rules that are not per field:
 *
 *   role       who                          reads PII     writes
 *   agent      support (CRM, social)        raw           recordInteraction, recordCrmNote, sendSocialMessage, carts
 *   associate  store staff (POS)            raw           store sales, pickup queue, POS drafts, carts, cart handoff
 *   analyst    data analysis                masked        none
 *   steward    identity decisions           raw           link, unlink, merge, unmerge, decideSuggestion
 *   admin      operators                    raw           everything (every @requiresRole is satisfied)
 *   (no role)  an authenticated caller       masked        none
 *
 * `admin` and `steward` are privileged: dev mode never grants them to a caller that does not
 * name itself, and they cannot be AUTH_DEV_ROLES defaults.
 */
export const ROLES = ['agent', 'associate', 'analyst', 'steward', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'steward'];

/** Roles that read personal data as stored; every other caller reads it masked (mask.ts). */
export const RAW_PII_ROLES: readonly Role[] = ['agent', 'associate', 'steward', 'admin'];

const known = new Set<string>(ROLES);
export const isRole = (value: string): value is Role => known.has(value);

/** The caller's roles, known ones only, sorted and deduplicated: the cache key of an analysis. */
export function normaliseRoles(roles: readonly string[]): Role[] {
  return [...new Set(roles.filter(isRole))].sort();
}

/** A field requiring `required` (any one of them) is open to `roles`; admin satisfies every requirement. */
export function satisfies(roles: readonly string[], required: readonly string[]): boolean {
  return roles.includes('admin') || required.some((role) => roles.includes(role));
}

export const seesRawPii = (roles: readonly string[]): boolean => roles.some((role) => (RAW_PII_ROLES as readonly string[]).includes(role));

/** A configured role list (`agent,associate`): the roles, or what is wrong with it. */
export function parseRolesStrict(value: string): Role[] | string {
  const roles = value.split(/[\s,]+/).filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  return unknown.length > 0 ? `unknown roles ${unknown.join(', ')} (known: ${ROLES.join(', ')})` : normaliseRoles(roles);
}
