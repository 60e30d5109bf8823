import type { CrmDirection, CrmLifecycleStage, CrmTicketPriority } from '../generated/resolvers.ts';

/** HubSpot sends "" as well as null for an empty property; the graph says null for both. */
export const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** HubSpot booleans are the strings "true"/"false". */
export const bool = (value: string | null | undefined): boolean | null => (value === 'true' ? true : value === 'false' ? false : null);

const STAGES: Record<string, CrmLifecycleStage> = {
  subscriber: 'SUBSCRIBER',
  lead: 'LEAD',
  marketingqualifiedlead: 'MARKETING_QUALIFIED_LEAD',
  salesqualifiedlead: 'SALES_QUALIFIED_LEAD',
  opportunity: 'OPPORTUNITY',
  customer: 'CUSTOMER',
  evangelist: 'EVANGELIST',
  other: 'OTHER',
};
/** Portals can add custom stages (numeric ids): those read as OTHER rather than failing the field. */
export const lifecycleStage = (value: string | null | undefined): CrmLifecycleStage | null => {
  const key = text(value)?.toLowerCase();
  return key ? (STAGES[key] ?? 'OTHER') : null;
};

export const callDirection = (value: string | null | undefined): CrmDirection | null =>
  value === 'INBOUND' ? 'INBOUND' : value === 'OUTBOUND' ? 'OUTBOUND' : null;

/** HubSpot email direction: EMAIL (sent by us), INCOMING_EMAIL, FORWARDED_EMAIL. */
export const emailDirection = (value: string | null | undefined): CrmDirection | null =>
  value === 'EMAIL' ? 'OUTBOUND' : value === 'INCOMING_EMAIL' ? 'INBOUND' : value === 'FORWARDED_EMAIL' ? 'FORWARDED' : null;

export const ticketPriority = (value: string | null | undefined): CrmTicketPriority | null =>
  value === 'LOW' || value === 'MEDIUM' || value === 'HIGH' || value === 'URGENT' ? value : null;

/** Numbers HubSpot stores as strings; null when absent or not a number. */
export const num = (value: string | null | undefined): number | null => {
  const t = text(value);
  if (t === null) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
};

/** Every email of a contact: the primary, then `hs_additional_emails` (";"-separated), without repeats. */
export function contactEmails(primary: string | null | undefined, additional: string | null | undefined): string[] {
  const all = [text(primary), ...(additional ?? '').split(';').map((e) => text(e))].filter((e): e is string => e !== null);
  const seen = new Set<string>();
  return all.filter((e) => {
    const key = e.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const contactPhones = (phone: string | null | undefined, mobile: string | null | undefined): string[] =>
  [...new Set([text(phone), text(mobile)].filter((p): p is string => p !== null))];
