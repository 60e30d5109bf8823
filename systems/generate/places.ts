import type { Market } from './names.ts';
import type { Rng } from './prng.ts';

/** Cities, addresses, stores and mail domains of the three markets. */

export interface City {
  key: string;
  /** How people and systems spell it; the first is the canonical one. */
  spellings: readonly string[];
  weight: number;
  /** Shopify province and ISO 3166-2 code (Thailand only: Shopify has no provinces for VN/PL). */
  province: string | null;
  provinceCode: string | null;
  /** Which of the market's two stores is near. */
  store: string;
  zip: (rng: Rng) => string;
  street: (rng: Rng) => string;
}

export interface MarketInfo {
  country: string;
  countryName: string;
  currency: 'THB' | 'VND' | 'PLN';
  callingCode: string;
  timezone: string;
  locale: string;
  languageCode: string;
  /** VAT included in prices. */
  taxRate: number;
  mailDomains: readonly (readonly [string, number])[];
  workDomains: readonly string[];
  cities: readonly City[];
}

const fixedZip = (zips: readonly string[]) => (rng: Rng) => rng.pick(zips);
const plZip = (prefixes: readonly string[]) => (rng: Rng) => `${rng.pick(prefixes)}-${String(rng.int(1, 999)).padStart(3, '0')}`;

const thStreet = (roads: readonly string[]) => (rng: Rng) =>
  rng.chance(0.5)
    ? `${rng.int(1, 999)}/${rng.int(1, 120)} Soi ${rng.int(1, 71)}, ${rng.pick(roads)}`
    : `${rng.int(1, 1999)} ${rng.pick(roads)}`;
const vnStreet = (streets: readonly string[], districts: readonly string[]) => (rng: Rng) =>
  rng.chance(0.3)
    ? `${rng.int(1, 400)}/${rng.int(1, 40)} ${rng.pick(streets)}, ${rng.pick(districts)}`
    : `${rng.int(1, 400)} ${rng.pick(streets)}, ${rng.pick(districts)}`;
const plStreet = (streets: readonly string[]) => (rng: Rng) =>
  rng.chance(0.65) ? `${rng.pick(streets)} ${rng.int(1, 180)}/${rng.int(1, 60)}` : `${rng.pick(streets)} ${rng.int(1, 180)}`;

export const MARKET_INFO: Record<Market, MarketInfo> = {
  TH: {
    country: 'TH',
    countryName: 'Thailand',
    currency: 'THB',
    callingCode: '66',
    timezone: 'Asia/Bangkok',
    locale: 'th_TH',
    languageCode: 'th-TH',
    taxRate: 0.07,
    mailDomains: [['gmail.com', 60], ['hotmail.com', 18], ['yahoo.com', 8], ['outlook.co.th', 6], ['icloud.com', 8]],
    workDomains: ['siamtrading.co.th', 'bkkdigital.co.th', 'chaophraya-logistics.co.th', 'lannatech.co.th', 'thaiprecision.co.th', 'andamanhotels.co.th', 'ratchada-law.co.th', 'isan-agro.co.th'],
    cities: [
      { key: 'bangkok', spellings: ['Bangkok', 'Bangkok', 'Krung Thep Maha Nakhon', 'BKK'], weight: 45, province: 'Bangkok', provinceCode: 'TH-10', store: 'bangkok',
        zip: fixedZip(['10110', '10120', '10230', '10240', '10260', '10310', '10330', '10400', '10500', '10900']),
        street: thStreet(['Sukhumvit Rd', 'Silom Rd', 'Rama IV Rd', 'Phahonyothin Rd', 'Ratchadaphisek Rd', 'Lat Phrao Rd', 'Charoen Krung Rd', 'Ramkhamhaeng Rd', 'Sathorn Rd', 'Phetchaburi Rd']) },
      { key: 'chiangmai', spellings: ['Chiang Mai', 'Chiangmai'], weight: 12, province: 'Chiang Mai', provinceCode: 'TH-50', store: 'chiangmai',
        zip: fixedZip(['50000', '50100', '50200', '50300']), street: thStreet(['Nimmanhaemin Rd', 'Huay Kaew Rd', 'Chang Klan Rd', 'Tha Phae Rd', 'Suthep Rd']) },
      { key: 'nonthaburi', spellings: ['Nonthaburi'], weight: 10, province: 'Nonthaburi', provinceCode: 'TH-12', store: 'bangkok',
        zip: fixedZip(['11000', '11120']), street: thStreet(['Ngamwongwan Rd', 'Rattanathibet Rd', 'Chaeng Watthana Rd']) },
      { key: 'chonburi', spellings: ['Chon Buri', 'Chonburi', 'Pattaya'], weight: 8, province: 'Chon Buri', provinceCode: 'TH-20', store: 'bangkok',
        zip: fixedZip(['20000', '20150']), street: thStreet(['Sukhumvit Rd', 'Pattaya Sai 2 Rd', 'Chetchamnong Rd']) },
      { key: 'khonkaen', spellings: ['Khon Kaen'], weight: 6, province: 'Khon Kaen', provinceCode: 'TH-40', store: 'bangkok',
        zip: fixedZip(['40000']), street: thStreet(['Mittraphap Rd', 'Na Mueang Rd', 'Si Chan Rd']) },
      { key: 'phuket', spellings: ['Phuket'], weight: 6, province: 'Phuket', provinceCode: 'TH-83', store: 'bangkok',
        zip: fixedZip(['83000', '83100']), street: thStreet(['Thepkasattri Rd', 'Chao Fa Rd', 'Rat-U-Thit 200 Pi Rd']) },
      { key: 'korat', spellings: ['Nakhon Ratchasima', 'Korat'], weight: 6, province: 'Nakhon Ratchasima', provinceCode: 'TH-30', store: 'bangkok',
        zip: fixedZip(['30000']), street: thStreet(['Mittraphap Rd', 'Chomphon Rd']) },
      { key: 'hatyai', spellings: ['Hat Yai', 'Songkhla'], weight: 7, province: 'Songkhla', provinceCode: 'TH-90', store: 'bangkok',
        zip: fixedZip(['90110']), street: thStreet(['Niphat Uthit 3 Rd', 'Phetkasem Rd', 'Thammanoonvithi Rd']) },
    ],
  },
  VN: {
    country: 'VN',
    countryName: 'Vietnam',
    currency: 'VND',
    callingCode: '84',
    timezone: 'Asia/Ho_Chi_Minh',
    locale: 'vi_VN',
    languageCode: 'vi-VN',
    taxRate: 0.1,
    mailDomains: [['gmail.com', 78], ['yahoo.com', 8], ['yahoo.com.vn', 4], ['outlook.com', 5], ['icloud.com', 5]],
    workDomains: ['saigontech.vn', 'hanoisoft.com.vn', 'mekonglogistics.vn', 'vietgreen.com.vn', 'songhong-invest.vn', 'danang-tourism.vn', 'phuongnam-retail.vn'],
    cities: [
      { key: 'hcmc', spellings: ['Hồ Chí Minh', 'Ho Chi Minh City', 'TP. Hồ Chí Minh', 'TP.HCM', 'Sài Gòn'], weight: 40, province: null, provinceCode: null, store: 'hcmc',
        zip: fixedZip(['700000', '700000', '710000']),
        street: vnStreet(['Nguyễn Huệ', 'Lê Lợi', 'Đồng Khởi', 'Hai Bà Trưng', 'Điện Biên Phủ', 'Cách Mạng Tháng Tám', 'Nguyễn Thị Minh Khai', 'Võ Văn Tần'], ['Quận 1', 'Quận 3', 'Quận 5', 'Quận 7', 'Bình Thạnh', 'Phú Nhuận', 'Thủ Đức']) },
      { key: 'hanoi', spellings: ['Hà Nội', 'Hanoi', 'Ha Noi'], weight: 35, province: null, provinceCode: null, store: 'hanoi',
        zip: fixedZip(['100000', '100000', '110000']),
        street: vnStreet(['Phố Huế', 'Tràng Tiền', 'Hàng Bài', 'Kim Mã', 'Láng Hạ', 'Xuân Thủy', 'Nguyễn Chí Thanh', 'Hoàng Quốc Việt'], ['Hoàn Kiếm', 'Hai Bà Trưng', 'Ba Đình', 'Đống Đa', 'Cầu Giấy']) },
      { key: 'danang', spellings: ['Đà Nẵng', 'Da Nang'], weight: 10, province: null, provinceCode: null, store: 'hanoi',
        zip: fixedZip(['550000']), street: vnStreet(['Bạch Đằng', 'Trần Phú', 'Nguyễn Văn Linh', 'Lê Duẩn'], ['Hải Châu', 'Sơn Trà', 'Thanh Khê']) },
      { key: 'haiphong', spellings: ['Hải Phòng', 'Hai Phong'], weight: 7, province: null, provinceCode: null, store: 'hanoi',
        zip: fixedZip(['180000']), street: vnStreet(['Lạch Tray', 'Điện Biên Phủ', 'Trần Phú'], ['Ngô Quyền', 'Lê Chân', 'Hồng Bàng']) },
      { key: 'cantho', spellings: ['Cần Thơ', 'Can Tho'], weight: 8, province: null, provinceCode: null, store: 'hcmc',
        zip: fixedZip(['900000']), street: vnStreet(['Hòa Bình', 'Nguyễn Văn Cừ', '30 Tháng 4'], ['Ninh Kiều', 'Cái Răng']) },
    ],
  },
  PL: {
    country: 'PL',
    countryName: 'Poland',
    currency: 'PLN',
    callingCode: '48',
    timezone: 'Europe/Warsaw',
    locale: 'pl_PL',
    languageCode: 'pl-PL',
    taxRate: 0.23,
    mailDomains: [['gmail.com', 45], ['wp.pl', 18], ['onet.pl', 12], ['o2.pl', 8], ['interia.pl', 10], ['outlook.com', 7]],
    workDomains: ['wislasoft.pl', 'krakdata.pl', 'baltyk-logistyka.pl', 'mazowsze-invest.pl', 'polbud.com.pl', 'tatry-travel.pl', 'slask-energia.pl'],
    cities: [
      { key: 'warszawa', spellings: ['Warszawa', 'Warszawa', 'Warsaw'], weight: 30, province: null, provinceCode: null, store: 'warsaw',
        zip: plZip(['00', '01', '02', '03', '04']),
        street: plStreet(['ul. Marszałkowska', 'ul. Puławska', 'ul. Grójecka', 'al. Jerozolimskie', 'ul. Mokotowska', 'ul. Targowa', 'ul. Świętokrzyska', 'ul. Nowy Świat']) },
      { key: 'krakow', spellings: ['Kraków', 'Krakow', 'Kraków'], weight: 15, province: null, provinceCode: null, store: 'krakow',
        zip: plZip(['30', '31']), street: plStreet(['ul. Floriańska', 'ul. Długa', 'ul. Karmelicka', 'ul. Dietla', 'ul. Wielicka', 'ul. Kalwaryjska']) },
      { key: 'lodz', spellings: ['Łódź', 'Lodz'], weight: 10, province: null, provinceCode: null, store: 'warsaw',
        zip: plZip(['90', '91', '92', '93']), street: plStreet(['ul. Piotrkowska', 'al. Kościuszki', 'ul. Zgierska']) },
      { key: 'wroclaw', spellings: ['Wrocław', 'Wroclaw'], weight: 12, province: null, provinceCode: null, store: 'krakow',
        zip: plZip(['50', '51', '52', '53', '54']), street: plStreet(['ul. Świdnicka', 'ul. Legnicka', 'ul. Grabiszyńska']) },
      { key: 'poznan', spellings: ['Poznań', 'Poznan'], weight: 10, province: null, provinceCode: null, store: 'warsaw',
        zip: plZip(['60', '61']), street: plStreet(['ul. Półwiejska', 'ul. Głogowska', 'ul. Dąbrowskiego']) },
      { key: 'gdansk', spellings: ['Gdańsk', 'Gdansk'], weight: 10, province: null, provinceCode: null, store: 'warsaw',
        zip: plZip(['80']), street: plStreet(['ul. Długa', 'al. Grunwaldzka', 'ul. Kartuska']) },
      { key: 'katowice', spellings: ['Katowice'], weight: 8, province: null, provinceCode: null, store: 'krakow',
        zip: plZip(['40']), street: plStreet(['ul. Mariacka', 'ul. Chorzowska', 'ul. Mikołowska']) },
      { key: 'lublin', spellings: ['Lublin'], weight: 5, province: null, provinceCode: null, store: 'warsaw',
        zip: plZip(['20']), street: plStreet(['ul. Krakowskie Przedmieście', 'ul. Narutowicza']) },
    ],
  },
};

/** The six stores (two per market) that the POS runs, with real-looking city-centre addresses. */
export interface Store {
  key: string;
  market: Market;
  name: string;
  addressLine1: string;
  locality: string;
  district: string;
  postalCode: string;
  phone: string;
}

export const STORES: readonly Store[] = [
  { key: 'bangkok', market: 'TH', name: 'Omni Store Siam', addressLine1: '989 Rama I Rd, Pathum Wan', locality: 'Bangkok', district: 'Bangkok', postalCode: '10330', phone: '+66 2 658 1000' },
  { key: 'chiangmai', market: 'TH', name: 'Omni Store Nimman', addressLine1: '55 Nimmanhaemin Rd, Su Thep', locality: 'Chiang Mai', district: 'Chiang Mai', postalCode: '50200', phone: '+66 53 080 900' },
  { key: 'hanoi', market: 'VN', name: 'Omni Store Hoàn Kiếm', addressLine1: '27 Tràng Tiền, Hoàn Kiếm', locality: 'Hà Nội', district: 'Hà Nội', postalCode: '100000', phone: '+84 24 3825 1234' },
  { key: 'hcmc', market: 'VN', name: 'Omni Store Quận 1', addressLine1: '72 Lê Thánh Tôn, Bến Nghé, Quận 1', locality: 'Hồ Chí Minh', district: 'Hồ Chí Minh', postalCode: '700000', phone: '+84 28 3822 5678' },
  { key: 'warsaw', market: 'PL', name: 'Omni Store Warszawa Centrum', addressLine1: 'ul. Złota 59', locality: 'Warszawa', district: 'mazowieckie', postalCode: '00-120', phone: '+48 22 123 45 67' },
  { key: 'krakow', market: 'PL', name: 'Omni Store Kraków Rynek', addressLine1: 'Rynek Główny 12', locality: 'Kraków', district: 'małopolskie', postalCode: '31-042', phone: '+48 12 421 33 44' },
];

/** The web shop's single warehouse. */
export const WAREHOUSE = {
  name: 'Omni Web Warehouse',
  address1: '88 Moo 13, Bangna-Trad Rd Km 19',
  city: 'Bang Phli',
  province: 'Samut Prakan',
  provinceCode: 'TH-11',
  zip: '10540',
  country: 'TH',
  countryName: 'Thailand',
  phone: '+66 2 312 4000',
} as const;
