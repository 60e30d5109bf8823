/**
 * Thai names in Thai script against their romanisations. There is no single romanisation
 * (Jakkrit / Chakkrit, Siriporn / Sriporn), and transliteration tables (any-ascii) give a
 * letter-by-letter form (`smhying`) no one types. What survives every romanisation is the
 * consonant skeleton: initials and finals by sound class, vowels and tones dropped, silent
 * letters (under ◌์, the `รร` vowel) removed. Classes are coarse on purpose, because finals
 * change sound (ร, ล, ญ → n; ด, ส, ช, จ → t; บ, พ → p): สมหญิง and Somying are both `TMN`.
 */

const CLASS: Record<string, string> = {};
const assign = (letters: string, cls: string) => {
  for (const c of letters) CLASS[c] = cls;
};
assign('กขฃคฅฆ', 'K');
assign('จฉชซฌฎฏฐฑฒดตถทธศษส', 'T');
assign('บปผฝพฟภ', 'P');
assign('งญณนรลฬฤฦ', 'N');
assign('ม', 'M');
// ย ว ห อ ฮ: glides, h and the vowel carrier leave no consonant in romanisations' skeletons.

/** `สมหญิง` → `TMN`. */
export function thaiSkeleton(thai: string): string {
  const cleaned = thai
    .replace(/[\u0E01-\u0E2E][\u0E34\u0E38]?\u0E4C/g, '') // a letter under the silencer ◌์ (ศ์, ดิ์)
    .replace(/รร/g, '') // `รร` is the vowel a (ธรรม = tham)
    // ร closing a short syllable after its final consonant is silent (ฉัตร = chat, ภัทร = phat, จักร = jak).
    .replace(/(\u0E31[\u0E01-\u0E2E])ร(?![\u0E30-\u0E3A\u0E47-\u0E4E])/g, '$1');
  let out = '';
  for (const c of cleaned) {
    const cls = CLASS[c];
    if (cls && !out.endsWith(cls)) out += cls;
  }
  return out;
}

/** The same classes read from a romanised (folded, lower-case ASCII) name: `somying` → `TMN`. */
export function latinSkeleton(latin: string): string {
  const s = latin.replace(/ng/g, 'N').replace(/ch|th|sh/g, 'T').replace(/ph/g, 'P').replace(/kh|ck/g, 'K');
  let out = '';
  for (const c of s) {
    const cls = c === 'N' ? 'N' : c === 'T' ? 'T' : c === 'P' ? 'P' : c === 'K' ? 'K' : /[kgqc]/.test(c) ? 'K' : /[tdszjx]/.test(c) ? 'T' : /[pbfv]/.test(c) ? 'P' : /[nrl]/.test(c) ? 'N' : c === 'm' ? 'M' : '';
    if (cls && !out.endsWith(cls)) out += cls;
  }
  return out;
}

export const THAI_SCRIPT = /\p{Script=Thai}/u;
/** Marks a name token that is a Thai-script skeleton, not a folded spelling. */
export const SKELETON_MARK = '~';
