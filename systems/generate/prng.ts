/**
 * Seeded randomness for the generator. sfc32 (128-bit state, passes PractRand/BigCrush):
 * a 32-bit-state PRNG such as mulberry32 would repeat random ids within a million records.
 * Every stream is derived from (seed, stream number), so a person's data depends only on the
 * seed and the person's index, never on the order anything else was generated in.
 */

/** murmur3's finaliser: a bijection on 32-bit integers with good avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of a string (FNV-1a, then mixed): names streams such as "catalog". */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const UPPER_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MIXED_ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const HEX = '0123456789abcdef';
const DIGITS = '0123456789';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** Distinct (seed, stream) pairs give distinct states: `b` is a bijection of the stream number. */
  constructor(seed: number, stream = 0) {
    this.a = fmix32((seed ^ 0x9e3779b9) >>> 0);
    this.b = fmix32((stream ^ 0x7f4a7c15) >>> 0);
    this.c = fmix32((seed + Math.imul(stream | 0, 0x27d4eb2f) + 0x165667b1) >>> 0);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1]![0];
  }

  /** `count` distinct items, in the order of `items`. */
  sample<T>(items: readonly T[], count: number): T[] {
    const idx = items.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx
      .slice(0, count)
      .sort((x, y) => x - y)
      .map((i) => items[i]!);
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** Square customer / location ids: `8DDA5NZVBZFGAX0V3HPF81HHE0`. */
  crockford(length: number): string {
    return this.chars(CROCKFORD, length);
  }

  /** Square catalog object ids: `W62UWFY35CWMYGVWK6TWJDNI`. */
  upperAlnum(length: number): string {
    return this.chars(UPPER_ALNUM, length);
  }

  /** Square order ids: `CAISEM82RcpmcFBM0TfOyiHV3es`. */
  mixedAlnum(length: number): string {
    return this.chars(MIXED_ALNUM, length);
  }

  base64url(length: number): string {
    return this.chars(BASE64URL, length);
  }

  hex(length: number): string {
    return this.chars(HEX, length);
  }

  digits(length: number): string {
    return this.chars(DIGITS, length);
  }

  /** RFC 4122 version-4 UUID. */
  uuid(): string {
    const h = this.hex(32);
    const variant = '89ab'[this.u32() & 3]!;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
