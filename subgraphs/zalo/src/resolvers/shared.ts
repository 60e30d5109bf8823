/** Zalo's `dd/MM/yyyy` as an ISO date (`yyyy-MM-dd`); null when absent or malformed. */
export function isoDate(value: string | undefined): string | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value ?? '');
  return match ? `${match[3]}-${match[2]}-${match[1]}` : null;
}
