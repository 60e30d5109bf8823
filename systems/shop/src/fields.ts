/**
 * Shopify's `fields=id,email` on REST reads: each resource in the answer keeps only the named
 * top-level fields (`{customers: [...]}`, `{order: {...}}`); unknown names are simply absent.
 */
export function applyFields(payload: string, fields: string): string {
  const names = new Set(fields.split(',').map((f) => f.trim()).filter(Boolean));
  if (names.size === 0) return payload;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof body !== 'object' || body === null) return payload;
  const pick = (item: unknown) =>
    typeof item === 'object' && item !== null ? Object.fromEntries(Object.entries(item).filter(([key]) => names.has(key))) : item;
  const out = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, Array.isArray(value) ? value.map(pick) : key === 'count' ? value : pick(value)]));
  return JSON.stringify(out);
}
