/**
 * Emails as matching compares them: the provider's own rules (which spellings reach one
 * mailbox), role addresses (a team's inbox, never one person's), and typo domains (a person's
 * own address mistyped at sign-up). Pure functions over an already trimmed, lower-cased email.
 */

/** Domains that are one mailbox service: `googlemail.com` is Gmail. */
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/**
 * Providers that deliver `local+tag@` to `local@` (documented by Google, Microsoft, Apple,
 * Proton, Fastmail). Yahoo uses a different scheme (disposable `-` addresses) and the Polish and
 * Vietnamese portals (wp.pl, o2.pl, onet.pl, interia.pl...) do not document one: a `+` there is
 * part of the address.
 */
const PLUS_TAG_PROVIDERS = new Set([
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'hotmail.co.th',
  'outlook.co.th',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'fastmail.com',
]);
/** Gmail ignores dots in the local part (`a.nna@` is `anna@`); no other large provider does. */
const DOTLESS_PROVIDERS = new Set(['gmail.com']);

/**
 * One mailbox, one spelling: `A.Nna+shop@GoogleMail.com` → `anna@gmail.com`. Other providers keep
 * their local part as typed: folding there could join two people's mailboxes.
 */
export function canonicalEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  let local = email.slice(0, at);
  const rawDomain = email.slice(at + 1);
  const domain = DOMAIN_ALIASES[rawDomain] ?? rawDomain;
  if (PLUS_TAG_PROVIDERS.has(domain)) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  if (DOTLESS_PROVIDERS.has(domain)) local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

/**
 * Local parts that name a function, not a person: colleagues share `orders@company`, a shop's
 * cashiers type `info@` for walk-ins. English plus the markets' own words (PL `biuro`, `kontakt`,
 * `sklep`, `zamowienia`; VN `lienhe`, `hotro`, `ketoan`).
 */
const ROLE_LOCALS = new Set([
  'accounting', 'accounts', 'admin', 'administrator', 'billing', 'booking', 'bookings', 'careers', 'contact', 'contactus',
  'cs', 'customercare', 'customerservice', 'enquiries', 'enquiry', 'finance', 'hello', 'help', 'helpdesk', 'hr', 'info',
  'inquiries', 'inquiry', 'invoice', 'invoices', 'jobs', 'mail', 'marketing', 'media', 'noreply', 'no-reply', 'donotreply',
  'do-not-reply', 'office', 'order', 'orders', 'postmaster', 'press', 'procurement', 'purchasing', 'reception',
  'reservations', 'sales', 'service', 'shop', 'store', 'support', 'team', 'webmaster', 'hostmaster', 'abuse', 'security',
  'biuro', 'kontakt', 'sklep', 'zamowienia', 'zamówienia', 'faktury', 'ksiegowosc', 'lienhe', 'hotro', 'ketoan', 'cskh',
  'kinhdoanh', 'banhang',
]);

/** `orders@acme.pl`, `info.th@shop.co.th`, `sales-team@` are a team's inbox. */
export function isRoleEmail(email: string): boolean {
  const local = email.slice(0, email.lastIndexOf('@'));
  if (ROLE_LOCALS.has(local)) return true;
  // `sales.pl`, `info-th`, `orders2`: a role word with a branch or a number.
  const head = local.split(/[.\-_+\d]/)[0] ?? '';
  return head !== local && ROLE_LOCALS.has(head);
}

/** Large providers of the markets, the domains people mistype. */
const KNOWN_DOMAINS = [
  'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'live.com', 'msn.com',
  'hotmail.co.th', 'yahoo.co.th', 'yahoo.com.vn', 'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl', 'gazeta.pl', 'op.pl', 'vp.pl', 'tlen.pl',
];
const KNOWN = new Set(KNOWN_DOMAINS);

/**
 * The provider a domain is a typo of (`gmial.com`, `yahoo.co`, `hotmail.con` → the real one), or
 * null. A typo is one edit, one swap of neighbours, or a cut top-level domain, on a domain that
 * is not itself a known one. A guess, so matching uses it only with an agreeing name.
 */
export function typoDomainOf(domain: string): string | null {
  if (KNOWN.has(domain) || DOMAIN_ALIASES[domain]) return null;
  for (const known of KNOWN_DOMAINS) {
    if (known.startsWith(domain) && known.length - domain.length <= 2 && domain.includes('.')) return known; // yahoo.co, gmail.co
    if (withinOneEdit(domain, known)) return known;
  }
  return null;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    const [i, j] = diff;
    return diff.length === 2 && j === i! + 1 && a[i!] === b[j!] && a[j!] === b[i!];
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

/** A mailbox provider anyone can sign up to: its domain says nothing about who owns an address. */
export function isPublicProvider(domain: string): boolean {
  return KNOWN.has(DOMAIN_ALIASES[domain] ?? domain) || /^(yahoo|hotmail|outlook|live|gmail|icloud|aol|gmx|proton(mail)?|yandex|mail|zoho)\./.test(domain);
}
