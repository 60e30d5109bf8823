import { describe, expect, it } from 'vitest';
import { shopRecord, toSourceRecord } from './identity-feed.ts';
import type { ShopifyCustomer } from './mappers.ts';

const base: ShopifyCustomer = {
  id: 207119551,
  email: 'bob.norman@mail.example.com',
  first_name: 'Bob',
  last_name: 'Norman',
  phone: '+16136120707',
  state: 'disabled',
  tags: '',
  currency: 'USD',
  orders_count: 1,
  total_spent: '199.65',
  created_at: '2024-04-02T09:23:53-05:00',
  updated_at: '2024-04-02T09:23:53-05:00',
  email_marketing_consent: { state: 'not_subscribed', opt_in_level: null, consent_updated_at: '2004-06-13T11:57:11-04:00' },
  sms_marketing_consent: { state: 'pending', opt_in_level: 'single_opt_in', consent_updated_at: null },
  default_address: { id: 1, address1: 'Chestnut Street 92', city: 'Louisville', zip: '40202', country_code: 'US', phone: '555-625-1199', default: true },
  addresses: [],
};

describe('shop customer → identity SourceRecord', () => {
  it('keeps raw phones from the customer and the default address, and reads the region from the address', () => {
    const record = toSourceRecord(base, 'TH');
    expect(record).toMatchObject({
      system: 'shop',
      externalId: '207119551',
      displayName: 'Bob Norman',
      emails: ['bob.norman@mail.example.com'],
      phones: ['+16136120707', '555-625-1199'],
      region: 'US',
      addresses: [{ line1: 'Chestnut Street 92', city: 'Louisville', postalCode: '40202', country: 'US' }],
    });
  });

  it('reads not_subscribed as a refusal and pending double opt-in as unknown', () => {
    expect(toSourceRecord(base, null).consent).toEqual([
      { channel: 'EMAIL', state: 'DENIED', capturedAt: '2004-06-13T11:57:11-04:00' },
      { channel: 'SMS', state: 'UNKNOWN', capturedAt: null },
    ]);
  });

  it('falls back to the configured region and drops empty values for a bare record', () => {
    const bare = { ...base, email: null, first_name: '', phone: null, default_address: null, email_marketing_consent: null, sms_marketing_consent: null };
    expect(toSourceRecord(bare, 'PL')).toMatchObject({ givenName: null, displayName: 'Norman', emails: [], phones: [], region: 'PL', addresses: [], consent: [] });
  });
});

describe('the shop itself → a retailer record', () => {
  it("serves shop.json's emails and phone as the retailer's own, never a customer", () => {
    const record = shopRecord({ id: 5411741820, name: 'Omni Store', email: 'hello@omnistore.example', customer_email: 'support@omnistore.example', phone: '+66 2 312 4000', country_code: 'TH' });
    expect(record).toMatchObject({ system: 'shop', externalId: 'shop:5411741820', retailer: true, emails: ['hello@omnistore.example', 'support@omnistore.example'], phones: ['+66 2 312 4000'], region: 'TH' });
  });
});
