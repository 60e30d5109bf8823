import type { Gender, Market } from '../names.ts';

/**
 * What the noise classes put into the records: placeholders people and cashiers type in each
 * market, role addresses, how people write their names and how they give their number in a chat.
 */

/** Placeholder emails a form or a cashier fills when the customer has none, per market habit. */
export const JUNK_EMAILS: Record<Market, readonly string[]> = {
  TH: ['no@email.com', 'noemail@gmail.com', 'none@none.com', 'mai-mee@hotmail.com', 'xxx@xxx.com', 'a@a.com', '-', 'n/a'],
  VN: ['khong@gmail.com', 'khongco@gmail.com', 'khongcoemail@gmail.com', 'abc@gmail.com', 'no@email.com', 'a@a.com', '-'],
  PL: ['brak@brak.pl', 'brak@wp.pl', 'brak@gmail.com', 'nie@mam.pl', 'brak.maila@onet.pl', 'no@email.com', '-', 'brak'],
};

/** Placeholder phones: counting runs, repeated digits, the operator prefix followed by zeros. */
export const JUNK_PHONES: Record<Market, readonly string[]> = {
  TH: ['0812345678', '0800000000', '0999999999', '0888888888', '0123456789', '1234567890', '-', '0000000000'],
  VN: ['0901234567', '0123456789', '0987654321', '0999999999', '0900000000', '1234567890', '-'],
  PL: ['123456789', '111111111', '500000000', '000000000', '123123123', '999999999', '-', '+48 123 456 789'],
};

/** Role local parts of company addresses shared by colleagues. */
export const ROLE_LOCALS: Record<Market, readonly string[]> = {
  TH: ['orders', 'info', 'sales', 'contact', 'admin', 'purchasing', 'hr', 'office'],
  VN: ['orders', 'info', 'sales', 'contact', 'admin', 'ketoan', 'lienhe', 'office'],
  PL: ['zamowienia', 'biuro', 'info', 'sales', 'kontakt', 'orders', 'office', 'ksiegowosc'],
};

/** Word pieces of company names (the companies behind the role addresses). */
export const COMPANY_WORDS: Record<Market, { a: readonly string[]; b: readonly string[]; tld: readonly string[] }> = {
  TH: { a: ['siam', 'krung', 'chao', 'lanna', 'isan', 'andaman', 'rattana', 'thai', 'sukhum', 'mekong'], b: ['trading', 'group', 'supply', 'tech', 'foods', 'motors', 'clinic', 'print', 'design', 'travel'], tld: ['co.th', 'com', 'co.th', 'in.th'] },
  VN: { a: ['saigon', 'hanoi', 'mekong', 'viet', 'sao', 'phuong', 'song', 'hoang', 'thanh', 'minh'], b: ['tech', 'group', 'logistics', 'food', 'media', 'invest', 'trade', 'build', 'green', 'soft'], tld: ['vn', 'com.vn', 'com', 'vn'] },
  PL: { a: ['wisla', 'krak', 'polbud', 'mazow', 'baltyk', 'tatry', 'slask', 'warta', 'odra', 'pomorze'], b: ['soft', 'data', 'trans', 'serwis', 'med', 'bud', 'logistyka', 'invest', 'druk', 'tech'], tld: ['pl', 'com.pl', 'pl', 'eu'] },
};

/** The web shop's own address (Shopify's shop email), used when staff create an account for a caller. */
export const SHOP_EMAIL = 'hello@omnistore.example';
export const SHOP_CUSTOMER_EMAIL = 'support@omnistore.example';

/** The most frequent full names per market: different people who share them. */
export const COMMON_NAMES: Record<Market, Record<Gender, readonly (readonly [given: string, family: string, middle?: string])[]>> = {
  TH: { m: [['Somchai', 'Saetang'], ['Somsak', 'Srisuk']], f: [['Siriporn', 'Saetang'], ['Somying', 'Srisuk']] },
  VN: { m: [['Minh', 'Nguyễn', 'Văn'], ['Hùng', 'Nguyễn', 'Văn']], f: [['Hương', 'Nguyễn', 'Thị'], ['Lan', 'Nguyễn', 'Thị']] },
  PL: { m: [['Jan', 'Nowak'], ['Piotr', 'Kowalski']], f: [['Anna', 'Nowak'], ['Katarzyna', 'Kowalska']] },
};

/** Polish diminutives of the given names the generator uses (what friends and the person themself write). */
export const PL_DIMINUTIVES: Record<string, readonly string[]> = {
  Jan: ['Janek', 'Jasiek'], Piotr: ['Piotrek'], Krzysztof: ['Krzysiek', 'Krzyś'], Andrzej: ['Jędrek', 'Andrzejek'], Tomasz: ['Tomek'],
  Paweł: ['Pawełek'], Michał: ['Michałek', 'Misiek'], Marcin: ['Marcinek'], Łukasz: ['Łukaszek'], Jakub: ['Kuba', 'Kubuś'], Adam: ['Adaś'],
  Marek: ['Mareczek'], Grzegorz: ['Grzesiek', 'Grześ'], Mateusz: ['Mati', 'Mateuszek'], Kamil: ['Kamilek'], Wojciech: ['Wojtek'],
  Rafał: ['Rafałek'], Bartosz: ['Bartek'], Dawid: ['Dawidek'], Szymon: ['Szymek'], Zbigniew: ['Zbyszek', 'Zbysiu'], Jerzy: ['Jurek'],
  Maciej: ['Maciek'], Stanisław: ['Staszek', 'Stasiu'],
  Anna: ['Ania', 'Anka'], Maria: ['Marysia'], Katarzyna: ['Kasia', 'Kaśka'], Małgorzata: ['Gosia', 'Małgosia'], Agnieszka: ['Aga', 'Agnieszka'],
  Barbara: ['Basia'], Ewa: ['Ewka', 'Ewunia'], Magdalena: ['Magda'], Joanna: ['Asia', 'Joasia'], Aleksandra: ['Ola', 'Olka'],
  Zofia: ['Zosia'], Monika: ['Monia'], Natalia: ['Natka'], Karolina: ['Karolcia', 'Karola'], Julia: ['Julka'], Marta: ['Martusia'],
  Beata: ['Beatka'], Dorota: ['Dorotka', 'Dorcia'], Paulina: ['Paula'], Weronika: ['Wera', 'Werka'], Grażyna: ['Grażynka'],
  Justyna: ['Justynka'], Iwona: ['Iwonka'],
};

/** The Latin names of the Thai pool in Thai script (as the person writes them on a Thai form). */
export const THAI_SCRIPT: Record<string, string> = {
  Somchai: 'สมชาย', Somsak: 'สมศักดิ์', Anan: 'อนันต์', Prasert: 'ประเสริฐ', Wichai: 'วิชัย', Chaiwat: 'ชัยวัฒน์', Kittisak: 'กิตติศักดิ์',
  Thanawat: 'ธนวัฒน์', Nattapong: 'ณัฐพงศ์', Supachai: 'ศุภชัย', Apichat: 'อภิชาติ', Worawit: 'วรวิทย์', Pongsakorn: 'พงศกร',
  Teerapat: 'ธีรภัทร', Sarawut: 'สราวุธ', Jakkrit: 'จักรกฤษณ์', Phuwadol: 'ภูวดล', Krit: 'กฤษ', Nopparat: 'นพรัตน์', Ekkachai: 'เอกชัย',
  Thanakorn: 'ธนากร', Chatchai: 'ฉัตรชัย', Sompong: 'สมพงษ์', Wuttichai: 'วุฒิชัย', Anucha: 'อนุชา', Pichit: 'พิชิต', Surachai: 'สุรชัย',
  Tanawat: 'ธนวัฒน์', Kasem: 'เกษม', Boonchai: 'บุญชัย',
  Siriporn: 'ศิริพร', Somying: 'สมหญิง', Malee: 'มาลี', Nattaya: 'ณัฐยา', Kanokwan: 'กนกวรรณ', Pimchanok: 'พิมพ์ชนก', Suda: 'สุดา',
  Wanida: 'วนิดา', Jintana: 'จินตนา', Ratana: 'รัตนา', Pornpimol: 'พรพิมล', Sasithorn: 'ศศิธร', Apinya: 'อภิญญา', Duangjai: 'ดวงใจ',
  Kannika: 'กรรณิการ์', Patcharee: 'พัชรี', Orathai: 'อรทัย', Chutima: 'ชุติมา', Thitima: 'ฐิติมา', Rungnapa: 'รุ่งนภา', Supaporn: 'สุภาพร',
  Kanya: 'กันยา', Naree: 'นารี', Arunee: 'อรุณี', Waraporn: 'วราภรณ์', Nisa: 'นิสา', Pensri: 'เพ็ญศรี', Sukanya: 'สุกัญญา', Yupin: 'ยุพิน',
  Benjawan: 'เบญจวรรณ',
  Srisuk: 'ศรีสุข', Wongsawat: 'วงศ์สวัสดิ์', Chaiyaporn: 'ชัยพร', Saetang: 'แซ่ตั้ง', Rattanakorn: 'รัตนากร', Sukprasert: 'สุขประเสริฐ',
  Thongchai: 'ทองชัย', Boonmee: 'บุญมี', Kaewkla: 'แก้วกล้า', Phromma: 'พรหมมา', Chantarasiri: 'จันทรศิริ', Jaidee: 'ใจดี', Sombat: 'สมบัติ',
  Suwannarat: 'สุวรรณรัตน์', Kongkaew: 'กองแก้ว', Intharasuk: 'อินทรสุข', Charoenphon: 'เจริญผล', Sirichai: 'ศิริชัย', Phanthong: 'พันธ์ทอง',
  Wattanakul: 'วัฒนกุล', Yodsuwan: 'ยอดสุวรรณ', Siriwat: 'ศิริวัฒน์', Prasertsuk: 'ประเสริฐสุข', Panyawong: 'ปัญญาวงศ์', Tangsakul: 'ตั้งสกุล',
  Limpanich: 'ลิ้มพานิช', Chokchai: 'โชคชัย', Rungrueang: 'รุ่งเรือง', Kittikhun: 'กิตติคุณ', 'Sae-Lim': 'แซ่ลิ้ม', Thammasat: 'ธรรมศาสตร์',
  Boonyarat: 'บุญญรัตน์', Pongpanich: 'พงษ์พานิช', Saengthong: 'แสงทอง', Chaimongkol: 'ชัยมงคล', Ruangrit: 'เรืองฤทธิ์', Somboon: 'สมบูรณ์',
  Klinhom: 'กลิ่นหอม', Wiriyakul: 'วิริยะกุล', Nakprasit: 'นาคประสิทธิ์',
  Nok: 'นก', Ploy: 'พลอย', Bee: 'บี', Mint: 'มิ้นท์', Fah: 'ฟ้า', Aom: 'ออม', Beam: 'บีม', Golf: 'กอล์ฟ', Bank: 'แบงค์', Tong: 'ต้อง',
  Pui: 'ปุ้ย', Joy: 'จอย', Noon: 'นุ่น', Ice: 'ไอซ์', Pang: 'แป้ง', Ning: 'หนิง', Film: 'ฟิล์ม', Boss: 'บอส', Jeab: 'เจี๊ยบ', Kwan: 'ขวัญ',
  Nam: 'น้ำ', Pear: 'แพร', Toey: 'เตย', Earth: 'เอิร์ธ', Oat: 'โอ๊ต', May: 'เมย์', Gift: 'กิ๊ฟ', Fern: 'เฟิร์น', Tarn: 'ต้าร์', Pop: 'ป๊อป',
};

/** Mistyped domains: what a hurried hand or a phone keyboard makes of the providers' names. */
export const TYPO_DOMAINS: Record<string, readonly string[]> = {
  'gmail.com': ['gmial.com', 'gmal.com', 'gmail.co', 'gamil.com', 'gmail.con', 'gnail.com'],
  'hotmail.com': ['hotmial.com', 'hotmail.co', 'hotmal.com', 'hotmail.con'],
  'yahoo.com': ['yahoo.co', 'yaho.com', 'yahoo.con'],
  'yahoo.com.vn': ['yahoo.com.v', 'yahoo.vn'],
  'outlook.com': ['outlok.com', 'outlook.co'],
  'outlook.co.th': ['outlook.co', 'outlok.co.th'],
  'icloud.com': ['iclod.com', 'icloud.co'],
  'wp.pl': ['wp.p', 'wpp.pl'],
  'onet.pl': ['onet.p', 'onte.pl'],
  'o2.pl': ['o2.p', '02.pl'],
  'interia.pl': ['interia.p', 'intreia.pl'],
};

export const PLUS_TAGS: readonly string[] = ['shop', 'omni', 'promo', 'store', 'news', 'sale', '2024', 'orders', 'line'];

/** Old addresses people keep in one system after moving to a new one. */
export const OLD_DOMAINS: Record<Market, readonly string[]> = {
  TH: ['hotmail.com', 'yahoo.com', 'hotmail.co.th', 'windowslive.com'],
  VN: ['yahoo.com', 'yahoo.com.vn', 'hotmail.com'],
  PL: ['o2.pl', 'interia.pl', 'wp.pl', 'op.pl', 'tlen.pl'],
};

/**
 * How people give their number or address in a chat, per language (`{v}` is the value as typed).
 * Modelled on customer-service chats of Thai, Vietnamese and Polish shops on LINE, Zalo and Messenger.
 */
export const TYPED_PHONE_LINES: Record<Market | 'EN', readonly string[]> = {
  TH: ['เบอร์ {v} ค่ะ', 'โทร {v} นะคะ', 'เบอร์โทร {v} ครับ', 'ติดต่อกลับที่ {v} ได้เลยค่ะ', 'เบอร์ที่สมัครสมาชิกคือ {v} ค่ะ', '{v}'],
  VN: ['sđt của mình là {v}', 'SĐT: {v} ạ', 'số điện thoại {v} nha shop', 'gọi mình số {v} nhé', 'sdt {v}', '{v}'],
  PL: ['mój tel. {v}', 'tel. {v}', 'proszę dzwonić pod {v}', 'mój numer to {v}', 'nr tel: {v}', '{v}'],
  EN: ['my number is {v}', 'call me on {v}', 'phone: {v}', 'you can reach me at {v}'],
};

export const TYPED_EMAIL_LINES: Record<Market | 'EN', readonly string[]> = {
  TH: ['อีเมล {v} ค่ะ', 'ส่งใบเสร็จมาที่ {v} ได้ไหมคะ', 'เมลล์ {v} ครับ', '{v}'],
  VN: ['email mình là {v}', 'gửi hóa đơn qua {v} nhé shop', 'mail: {v}', '{v}'],
  PL: ['mój email to {v}', 'mail: {v}', 'proszę o fakturę na {v}', 'e-mail {v}'],
  EN: ['my email is {v}', 'email: {v}', 'please send the receipt to {v}'],
};
