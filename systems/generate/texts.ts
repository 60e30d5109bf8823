import type { Market } from './names.ts';
import type { Rng } from './prng.ts';

/** Free text of the generated activity: CRM notes and calls, emails, tickets, chat messages. */

export const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

export const NOTES = [
  'Customer asked about exchanging the {product} for a different size.',
  'Prefers to be contacted on {channel}.',
  'Visited {store}; interested in the {product}.',
  'VIP customer: offer early access to the new collection.',
  'Complained about a late delivery; sent a 10% voucher.',
  'Asked whether the {product} is back in stock.',
  'Gift purchase for family; wants gift wrapping next time.',
  'Bought in store, asked to get receipts by email.',
  'Changed address after moving to {city}.',
  'Interested in the loyalty programme; explained points at the till.',
];

export const CALL_TITLES = ['Call with {name}', 'Follow-up call', 'Order question', 'Return request', 'Loyalty points question'];
export const CALL_BODIES = [
  'Discussed the delivery of order {order}.',
  'Customer wants to return the {product}; explained the 30-day policy.',
  'Left a voicemail about the size exchange.',
  'Confirmed the pickup at {store}.',
  'Explained how to merge online and store purchases in one account.',
];
export const CALL_STATUSES: readonly (readonly [string, number])[] = [
  ['COMPLETED', 75],
  ['NO_ANSWER', 15],
  ['BUSY', 6],
  ['FAILED', 4],
];

export const EMAIL_SUBJECTS_OUT = [
  'Welcome to Omni Store',
  'Your order {order} has shipped',
  'Re: Size exchange for the {product}',
  'Your loyalty points balance',
  'We miss you: 10% off your next order',
];
export const EMAIL_SUBJECTS_IN = ['Question about the {product}', 'Order {order} not received', 'Invoice request', 'Change my address', 'Re: Your order {order} has shipped'];
export const EMAIL_TEXT = [
  'Hello {name},\n\nThank you for shopping with us. {line}\n\nBest regards,\nOmni Store Customer Care',
  'Hi {name},\n\n{line}\n\nOmni Store',
];
export const EMAIL_LINES = [
  'Your parcel is on its way and should arrive within 3 working days.',
  'We have received your return and the refund will be processed within 5 days.',
  'The {product} is back in stock in your size.',
  'You can exchange the item in any of our stores with your receipt.',
];

export const TICKETS: readonly (readonly [subject: string, content: string, category: string])[] = [
  ['Wrong size delivered', 'Ordered {size} but received a different size of the {product}.', 'PRODUCT_ISSUE'],
  ['Refund not received', 'Returned the {product} two weeks ago, refund still missing.', 'BILLING_ISSUE'],
  ['Damaged item', 'The {product} arrived with a torn seam.', 'PRODUCT_ISSUE'],
  ['Loyalty points missing', 'Points for the purchase at {store} are not on the account.', 'GENERAL_INQUIRY'],
  ['Cannot log in to the web shop', 'Password reset email never arrives.', 'GENERAL_INQUIRY'],
  ['Exchange in store', 'Wants to exchange a web order at {store}.', 'GENERAL_INQUIRY'],
  ['Charged twice', 'Card was charged twice for order {order}.', 'BILLING_ISSUE'],
  ['Click and collect', 'Asks whether web orders can be picked up at {store}.', 'FEATURE_REQUEST'],
];

const CUSTOMER_LINES: Record<Market | 'EN', readonly string[]> = {
  TH: [
    'สวัสดีค่ะ {product} ไซส์ {size} มีของไหมคะ',
    'สั่งไปเมื่อวาน ยังไม่ได้เลขพัสดุเลยค่ะ',
    'เปลี่ยนไซส์ที่สาขา {store} ได้ไหมครับ',
    'ราคานี้รวมค่าส่งหรือยังคะ',
    'โอนเงินแล้วนะคะ',
    'ขอบคุณค่ะ',
  ],
  VN: [
    'Shop ơi, {product} size {size} còn không ạ?',
    'Mình đặt hôm qua mà chưa thấy mã vận đơn',
    'Đổi size ở cửa hàng {store} được không shop?',
    'Giá này đã gồm phí ship chưa ạ?',
    'Mình chuyển khoản rồi nhé',
    'Cảm ơn shop nhiều!',
  ],
  PL: [
    'Dzień dobry, czy {product} w rozmiarze {size} jest dostępny?',
    'Zamówienie złożone wczoraj, a nie mam numeru przesyłki',
    'Czy mogę wymienić rozmiar w sklepie {store}?',
    'Czy cena zawiera dostawę?',
    'Dziękuję bardzo!',
  ],
  EN: ['Hi, is the {product} available in {size}?', 'Do you ship to {city}?', 'Can I pick up my order at {store}?', 'Thanks!'],
};

const PAGE_LINES: Record<Market | 'EN', readonly string[]> = {
  TH: ['สวัสดีค่ะ ยินดีต้อนรับสู่ Omni Store ค่ะ', 'มีค่ะ ไซส์ {size} เหลือ {n} ตัวค่ะ', 'ได้ค่ะ นำใบเสร็จมาที่สาขาได้เลยค่ะ', 'เลขพัสดุจะส่งให้ภายในวันนี้ค่ะ'],
  VN: ['Chào bạn, Omni Store có thể giúp gì ạ?', 'Dạ còn ạ, size {size} còn {n} cái.', 'Dạ được ạ, bạn mang hóa đơn đến cửa hàng nhé.', 'Mã vận đơn sẽ được gửi trong hôm nay ạ.'],
  PL: ['Dzień dobry, w czym możemy pomóc?', 'Tak, rozmiar {size} jest dostępny ({n} szt.).', 'Oczywiście, prosimy przynieść paragon do sklepu.', 'Numer przesyłki wyślemy jeszcze dziś.'],
  EN: ['Hi! Thanks for reaching out to Omni Store.', 'Yes, we have {n} left in {size}.', 'Sure, bring the receipt to any store.', 'You will get the tracking number today.'],
};

export function chatLine(rng: Rng, market: Market, fromCustomer: boolean, values: Record<string, string | number>): string {
  const lang = rng.chance(0.15) ? 'EN' : market;
  return fill(rng.pick((fromCustomer ? CUSTOMER_LINES : PAGE_LINES)[lang]), values);
}
