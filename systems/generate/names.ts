import type { Rng } from './prng.ts';

/**
 * Names of the three markets in Latin script, as the systems store them: Thai names in
 * the common RTGS-style romanisation, Vietnamese and Polish with their diacritics (systems
 * and people drop them often; see `asciiFold`).
 */

export type Market = 'TH' | 'VN' | 'PL';
export type Gender = 'f' | 'm';

export const MARKETS: readonly Market[] = ['TH', 'VN', 'PL'];

interface MarketNames {
  given: Record<Gender, readonly string[]>;
  /** Polish family names have a feminine form (Kowalski → Kowalska). */
  family: readonly (string | readonly [masculine: string, feminine: string])[];
  /** Family-name weights for the head of the list (Vietnam: Nguyễn is ~38% of people). */
  familyHeadWeights?: readonly number[];
}

export const NAMES: Record<Market, MarketNames> = {
  TH: {
    given: {
      m: [
        'Somchai', 'Somsak', 'Anan', 'Prasert', 'Wichai', 'Chaiwat', 'Kittisak', 'Thanawat', 'Nattapong', 'Supachai',
        'Apichat', 'Worawit', 'Pongsakorn', 'Teerapat', 'Sarawut', 'Jakkrit', 'Phuwadol', 'Krit', 'Nopparat', 'Ekkachai',
        'Thanakorn', 'Chatchai', 'Sompong', 'Wuttichai', 'Anucha', 'Pichit', 'Surachai', 'Tanawat', 'Kasem', 'Boonchai',
      ],
      f: [
        'Siriporn', 'Somying', 'Malee', 'Nattaya', 'Kanokwan', 'Pimchanok', 'Suda', 'Wanida', 'Jintana', 'Ratana',
        'Pornpimol', 'Sasithorn', 'Apinya', 'Duangjai', 'Kannika', 'Patcharee', 'Orathai', 'Chutima', 'Thitima', 'Rungnapa',
        'Supaporn', 'Kanya', 'Naree', 'Arunee', 'Waraporn', 'Nisa', 'Pensri', 'Sukanya', 'Yupin', 'Benjawan',
      ],
    },
    family: [
      'Srisuk', 'Wongsawat', 'Chaiyaporn', 'Saetang', 'Rattanakorn', 'Sukprasert', 'Thongchai', 'Boonmee', 'Kaewkla',
      'Phromma', 'Chantarasiri', 'Jaidee', 'Sombat', 'Suwannarat', 'Kongkaew', 'Intharasuk', 'Charoenphon', 'Sirichai',
      'Phanthong', 'Wattanakul', 'Yodsuwan', 'Siriwat', 'Prasertsuk', 'Panyawong', 'Tangsakul', 'Limpanich', 'Chokchai',
      'Rungrueang', 'Kittikhun', 'Sae-Lim', 'Thammasat', 'Boonyarat', 'Pongpanich', 'Saengthong', 'Chaimongkol',
      'Ruangrit', 'Somboon', 'Klinhom', 'Wiriyakul', 'Nakprasit',
    ],
  },
  VN: {
    given: {
      m: [
        'Minh', 'Hùng', 'Dũng', 'Tuấn', 'Hải', 'Long', 'Nam', 'Quang', 'Đức', 'Thắng', 'Phúc', 'Khang', 'Bảo', 'Huy',
        'Sơn', 'Trung', 'Việt', 'Thành', 'Khoa', 'Hiếu', 'Tâm', 'Vinh', 'Cường', 'Lâm', 'Tùng', 'Hưng', 'Kiên', 'Phong',
      ],
      f: [
        'Hương', 'Lan', 'Linh', 'Trang', 'Mai', 'Ngọc', 'Thảo', 'Hà', 'Phương', 'Anh', 'Vy', 'Nhung', 'Yến', 'Hạnh',
        'Thủy', 'Hồng', 'Nga', 'Chi', 'Quỳnh', 'Giang', 'Huyền', 'Loan', 'Oanh', 'Diệp', 'Trâm', 'My', 'Tuyết', 'Vân',
      ],
    },
    family: [
      'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương',
      'Lý', 'Trương', 'Đinh', 'Lâm', 'Mai', 'Tô', 'Cao', 'Lương', 'Tạ',
    ],
    familyHeadWeights: [38, 11, 9.5, 7, 5, 5, 4.5, 4, 4, 2, 2, 1.5, 1.3, 1.3, 1],
  },
  PL: {
    given: {
      m: [
        'Jan', 'Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Michał', 'Marcin', 'Łukasz', 'Jakub', 'Adam', 'Marek',
        'Grzegorz', 'Mateusz', 'Kamil', 'Wojciech', 'Rafał', 'Bartosz', 'Dawid', 'Szymon', 'Zbigniew', 'Jerzy', 'Maciej',
      ],
      f: [
        'Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Magdalena', 'Joanna', 'Aleksandra',
        'Zofia', 'Monika', 'Natalia', 'Karolina', 'Julia', 'Marta', 'Beata', 'Dorota', 'Paulina', 'Weronika', 'Grażyna',
        'Justyna', 'Iwona',
      ],
    },
    family: [
      'Nowak', ['Kowalski', 'Kowalska'], ['Wiśniewski', 'Wiśniewska'], 'Wójcik', 'Kowalczyk', ['Kamiński', 'Kamińska'],
      ['Lewandowski', 'Lewandowska'], ['Zieliński', 'Zielińska'], ['Szymański', 'Szymańska'], 'Woźniak',
      ['Dąbrowski', 'Dąbrowska'], ['Kozłowski', 'Kozłowska'], ['Jankowski', 'Jankowska'], 'Mazur',
      ['Kwiatkowski', 'Kwiatkowska'], 'Krawczyk', ['Piotrowski', 'Piotrowska'], ['Grabowski', 'Grabowska'],
      ['Nowakowski', 'Nowakowska'], ['Pawłowski', 'Pawłowska'], ['Michalski', 'Michalska'], 'Król', 'Wieczorek',
      ['Jabłoński', 'Jabłońska'], 'Wróbel', ['Majewski', 'Majewska'], ['Olszewski', 'Olszewska'], 'Stępień',
      ['Jaworski', 'Jaworska'], ['Malinowski', 'Malinowska'], 'Adamczyk', 'Dudek', 'Zając', 'Pietrzak', 'Sikora',
    ],
  },
};

/** Vietnamese middle names, by gender: part of the full name, kept in some systems only. */
export const VN_MIDDLE: Record<Gender, readonly string[]> = {
  m: ['Văn', 'Đức', 'Minh', 'Quốc', 'Hữu', 'Thanh', 'Hoàng'],
  f: ['Thị', 'Ngọc', 'Thanh', 'Thu', 'Minh', 'Kim', 'Bích'],
};

/** Thai nicknames (chue len): what people put on their social profiles. */
export const TH_NICKNAMES: readonly string[] = [
  'Nok', 'Ploy', 'Bee', 'Mint', 'Fah', 'Aom', 'Beam', 'Golf', 'Bank', 'Tong', 'Pui', 'Joy', 'Noon', 'Ice', 'Pang',
  'Ning', 'Film', 'Boss', 'Jeab', 'Kwan', 'Nam', 'Pear', 'Toey', 'Earth', 'Oat', 'May', 'Gift', 'Fern', 'Tarn', 'Pop',
];

export function pickGiven(rng: Rng, market: Market, gender: Gender): string {
  return rng.pick(NAMES[market].given[gender]);
}

export function pickFamily(rng: Rng, market: Market, gender: Gender): string {
  const { family, familyHeadWeights } = NAMES[market];
  let entry: (typeof family)[number];
  if (familyHeadWeights && rng.chance(familyHeadWeights.reduce((a, b) => a + b, 0) / 100)) {
    entry = rng.weighted(familyHeadWeights.map((w, i) => [family[i]!, w] as const));
  } else {
    entry = rng.pick(family);
  }
  return typeof entry === 'string' ? entry : entry[gender === 'm' ? 0 : 1];
}

/** The same family name in the other gender's form (a Polish wife of Kowalski is Kowalska). */
export function familyForGender(market: Market, family: string, gender: Gender): string {
  for (const entry of NAMES[market].family) {
    if (typeof entry !== 'string' && entry.includes(family)) return entry[gender === 'm' ? 0 : 1];
  }
  return family;
}

const EXTRA_FOLDS: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D' };

/** `Łukasz Nguyễn` → `Lukasz Nguyen`: what many systems and keyboards leave of a name. */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łŁđĐ]/g, (c) => EXTRA_FOLDS[c] ?? c);
}

/** Lower-case ASCII letters only, for email local parts. */
export function emailToken(s: string): string {
  return asciiFold(s)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

const NEIGHBOURS: Record<string, string> = {
  a: 'sq', e: 'wr', i: 'uo', o: 'ip', u: 'yi', n: 'bm', m: 'n', s: 'ad', r: 'et', t: 'ry', k: 'jl', h: 'gj', l: 'k', c: 'xv', p: 'o',
};

/**
 * One typo, as people make them: swapped neighbours, a dropped or doubled letter, a
 * neighbouring key. Never on the first letter, and only on names of five letters or more
 * (shorter ones would turn into another name).
 */
export function typo(rng: Rng, name: string): string {
  if (name.length < 5) return name;
  for (let attempt = 0; attempt < 8; attempt++) {
    const i = rng.int(1, name.length - 2);
    const ch = name[i]!;
    const next = name[i + 1]!;
    let out = name;
    switch (rng.int(0, 3)) {
      case 0:
        if (ch !== next) out = name.slice(0, i) + next + ch + name.slice(i + 2);
        break;
      case 1:
        out = name.slice(0, i) + name.slice(i + 1);
        break;
      case 2:
        out = name.slice(0, i) + ch + name.slice(i);
        break;
      default: {
        const options = NEIGHBOURS[ch.toLowerCase()];
        if (options) out = name.slice(0, i) + rng.pick([...options]) + name.slice(i + 1);
      }
    }
    if (out !== name && /^\p{L}/u.test(out)) return out;
  }
  return name;
}

/** Damerau-style check used to keep family members' given names clearly apart. */
export function withinOneEdit(a: string, b: string): boolean {
  a = emailToken(a);
  b = emailToken(b);
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return true;
    return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}
