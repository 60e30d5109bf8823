/**
 * Name knowledge of the markets that a transliteration library cannot give: which Polish
 * diminutives belong to which given name, and which Thai nicknames are nicknames (a Thai
 * nickname is chosen, not derived from the given name, so it can only mean "given name unknown").
 * Folded spellings (see foldName).
 */

/** Given name → the diminutives and short forms people use for it (Staszek is Stanisław). */
const POLISH_DIMINUTIVES: Record<string, string[]> = {
  adam: ['adas', 'adasiek'],
  agnieszka: ['aga', 'agusia', 'agnieszka'],
  aleksander: ['olek', 'oles', 'alek'],
  aleksandra: ['ola', 'olka', 'ala'],
  andrzej: ['jedrek', 'andrzejek'],
  anna: ['ania', 'anka', 'ancia', 'anusia', 'ana'],
  antoni: ['antek', 'tosiek'],
  barbara: ['basia', 'baska'],
  bartlomiej: ['bartek', 'bartus'],
  bartosz: ['bartek', 'bartus', 'bartosik'],
  beata: ['beatka', 'beti'],
  boleslaw: ['bolek'],
  dariusz: ['darek'],
  dominik: ['domek', 'dominiczek'],
  dorota: ['dorotka', 'dorka', 'dorcia', 'dora'],
  elzbieta: ['ela', 'elka', 'beta'],
  ewa: ['ewka', 'ewunia', 'ewcia'],
  franciszek: ['franek', 'franio'],
  grzegorz: ['grzesiek', 'grzes'],
  halina: ['hala', 'halinka'],
  henryk: ['heniek', 'henio'],
  irena: ['irka', 'irenka'],
  jadwiga: ['jadzia'],
  jakub: ['kuba', 'kubus'],
  jan: ['janek', 'jas', 'jasiek'],
  janusz: ['januszek'],
  jaroslaw: ['jarek'],
  jerzy: ['jurek', 'jureczek'],
  joanna: ['asia', 'joasia', 'aska'],
  jozef: ['jozek', 'ziutek'],
  justyna: ['justa', 'justynka'],
  kacper: ['kacperek'],
  karol: ['karolek'],
  katarzyna: ['kasia', 'kaska', 'kasienka'],
  kazimierz: ['kazik', 'kazio'],
  krystyna: ['krysia', 'krysta'],
  krzysztof: ['krzys', 'krzysiek', 'krzysio'],
  lukasz: ['lukaszek'],
  magdalena: ['magda', 'madzia'],
  malgorzata: ['gosia', 'malgosia', 'goska'],
  marcin: ['marcinek'],
  marek: ['mareczek', 'marecki'],
  maria: ['marysia', 'maryska', 'marylka'],
  mariusz: ['mariuszek'],
  mateusz: ['mati', 'mateuszek', 'matus'],
  michal: ['michalek', 'misiek'],
  mieczyslaw: ['mietek'],
  miroslaw: ['mirek'],
  monika: ['monia', 'moniczka'],
  natalia: ['natka', 'nata'],
  paulina: ['paula', 'paulinka', 'pola'],
  pawel: ['pawelek'],
  piotr: ['piotrek', 'piotrus'],
  przemyslaw: ['przemek'],
  radoslaw: ['radek'],
  renata: ['renia'],
  ryszard: ['rysiek', 'rysio'],
  slawomir: ['slawek'],
  stanislaw: ['staszek', 'stas', 'stasiu', 'stasio'],
  stefan: ['stefek'],
  szymon: ['szymek'],
  tadeusz: ['tadek'],
  teresa: ['tereska', 'tesia'],
  tomasz: ['tomek', 'tomus'],
  urszula: ['ula', 'ulka'],
  weronika: ['wera', 'werka', 'weronka', 'nika'],
  julia: ['julka', 'julcia', 'jula'],
  wieslaw: ['wiesiek'],
  wladyslaw: ['wladek', 'wladzio'],
  wojciech: ['wojtek', 'wojtus'],
  zbigniew: ['zbyszek', 'zbysio', 'zbysiu', 'zbyszko'],
  zdzislaw: ['zdzisiek'],
  zofia: ['zosia', 'zoska'],
};

/** Form → every full name it may stand for: one diminutive can belong to several names (Bartek is Bartosz or Bartłomiej). */
const CANONICAL = new Map<string, Set<string>>();
const addForm = (form: string, name: string) => CANONICAL.set(form, (CANONICAL.get(form) ?? new Set()).add(name));
for (const [name, forms] of Object.entries(POLISH_DIMINUTIVES)) {
  addForm(name, name);
  for (const form of forms) addForm(form, name);
}

/** The full given names a diminutive may stand for (`kasia` → `katarzyna`), else the name itself. */
function canonicalGivenNames(token: string): ReadonlySet<string> {
  return CANONICAL.get(token) ?? new Set([token]);
}

/** Two given-name tokens that may be one name: equal, or a diminutive and its name, or two diminutives of one name. */
export function sameGivenName(x: string, y: string): boolean {
  if (x === y) return true;
  const cy = canonicalGivenNames(y);
  for (const c of canonicalGivenNames(x)) if (cy.has(c)) return true;
  return false;
}

/**
 * Polish diminutives made by suffix (Martusia, Grażynka, Januszek, Piotruś are Marta, Grażyna,
 * Janusz, Piotr): the stem without the diminutive or feminine ending, when four letters or more
 * remain. Two names with one stem are one name.
 */
export function polishStem(token: string): string | null {
  const stem = token.replace(/(uleczka|ulka|usia|unia|uska|enka|eczka|eczek|uszek|iczek|eczko|ka|ek|us|a)$/, '');
  return stem.length >= 4 && stem !== token ? stem : token.length >= 4 ? token : null;
}

/**
 * Common Thai nicknames (ชื่อเล่น) as people romanise them. Many are English words or
 * syllables; a record giving one as its given name says nothing about the registered given name.
 */
const THAI_NICKNAMES = new Set([
  'aom', 'air', 'am', 'ann', 'bank', 'bam', 'beam', 'bee', 'beer', 'ben', 'benz', 'best', 'big', 'bird', 'bo', 'bom', 'bon',
  'boss', 'bow', 'boy', 'cake', 'cream', 'da', 'dao', 'earn', 'earth', 'eve', 'fah', 'fai', 'fern', 'film', 'first', 'fluke',
  'fon', 'gam', 'game', 'gift', 'golf', 'got', 'gun', 'ice', 'jam', 'jane', 'jay', 'jib', 'joy', 'kai', 'kan', 'kate', 'kik',
  'kob', 'kung', 'kwan', 'lek', 'man', 'may', 'mai', 'meen', 'mew', 'mild', 'mint', 'mon', 'mook', 'nam', 'nan', 'nat', 'new',
  'ning', 'noi', 'nok', 'nong', 'nook', 'nui', 'nun', 'nut', 'oat', 'ohm', 'oil', 'om', 'on', 'oom', 'pam', 'pang', 'pare',
  'pat', 'ped', 'pete', 'pim', 'ping', 'ple', 'ploy', 'pong', 'poo', 'pop', 'porn', 'puk', 'pui', 'som', 'tae', 'tan', 'tik',
  'toey', 'tong', 'ton', 'top', 'tum', 'view', 'yui', 'yok', 'au', 'jeab', 'oui', 'koy', 'tuk', 'tee', 'meaw', 'ko',
  'tarn', 'noon', 'pear', 'bua', 'kaew', 'mod', 'nid', 'nim', 'pla', 'prim', 'praew', 'ying', 'yam', 'jaa', 'jah', 'tai', 'pu', 'pee',
]);

export function isThaiNickname(token: string): boolean {
  return THAI_NICKNAMES.has(token);
}

/** The commonest Vietnamese family names: a display name starting with one is family-name first. */
const VIETNAMESE_FAMILY_NAMES = new Set([
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly',
  'dinh', 'dao', 'trinh', 'mai', 'truong', 'lam', 'luong', 'ha', 'cao', 'ta', 'luu', 'quach', 'thai', 'trieu',
]);

export function isVietnameseFamilyName(token: string): boolean {
  return VIETNAMESE_FAMILY_NAMES.has(token);
}
