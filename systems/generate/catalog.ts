import { MARKETS, type Market } from './names.ts';
import { MARKET_INFO, STORES, WAREHOUSE, type Store } from './places.ts';
import { hashString, Rng } from './prng.ts';
import { BASE_MS, DAY, HOUR, isoMs, isoSec, shopifyTime, YEAR } from './time.ts';

/**
 * The product catalogue: ~200 products in 20 categories, ~2,000 SKUs shared by the web
 * shop (Shopify variants) and the stores (Square item variations). It depends on the seed
 * only, never on the number of people.
 */

export type Currency = 'THB' | 'VND' | 'PLN';
export const CURRENCIES: readonly Currency[] = ['THB', 'VND', 'PLN'];

/** Amounts are kept in hundredths of the currency unit (satang, grosz; VND has no subunit but Shopify prints `.00`). */
export type Prices = Record<Currency, number>;

export const decimal = (hundredths: number) => `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;

/** Square money: integer minor units of the currency (VND has none: exponent 0). */
export const squareMoney = (hundredths: number, currency: Currency) => ({
  amount: currency === 'VND' ? Math.round(hundredths / 100) : hundredths,
  currency,
});

export interface Variant {
  sku: string;
  title: string;
  color: string;
  size: string;
  position: number;
  grams: number;
  shopId: number;
  inventoryItemId: number;
  squareId: string;
  web: Prices;
  pos: Prices;
  product: Product;
}

export interface Product {
  index: number;
  title: string;
  handle: string;
  productType: string;
  vendor: string;
  tags: string;
  description: string;
  shopId: number;
  squareId: string;
  createdMs: number;
  updatedMs: number;
  colors: string[];
  sizes: string[];
  variants: Variant[];
}

export interface PosLocation {
  store: Store;
  id: string;
  currency: Currency;
}

export interface Catalog {
  products: Product[];
  variants: Variant[];
  /** Web warehouse (Shopify location). */
  warehouseId: number;
  locations: PosLocation[];
  locationsByMarket: Record<Market, PosLocation[]>;
  merchantId: string;
  loyaltyProgramId: string;
  /** Variants weighted by popularity: pick with `pickVariant`. */
  popularity: Variant[];
}

interface Category {
  code: string;
  name: string;
  productType: string;
  styles: readonly string[];
  sizes: readonly string[];
  /** THB price range of the category. */
  price: readonly [number, number];
  grams: number;
}

const APPAREL = ['S', 'M', 'L', 'XL'];
const SHOES = ['39', '40', '41', '42', '43', '44'];
const ONE = ['OS'];

const CATEGORIES: readonly Category[] = [
  { code: 'TSH', name: 'Tee', productType: 'T-Shirts', styles: ['Classic', 'V-Neck', 'Oversized', 'Pocket', 'Graphic', 'Striped', 'Henley', 'Long Sleeve', 'Cropped', 'Organic'], sizes: APPAREL, price: [290, 690], grams: 180 },
  { code: 'POL', name: 'Polo', productType: 'Polos', styles: ['Classic', 'Slim Fit', 'Piqué', 'Striped', 'Knit', 'Long Sleeve', 'Performance', 'Contrast Collar', 'Zip', 'Linen'], sizes: APPAREL, price: [490, 990], grams: 230 },
  { code: 'SHT', name: 'Shirt', productType: 'Shirts', styles: ['Oxford', 'Linen', 'Denim', 'Flannel', 'Poplin', 'Chambray', 'Camp Collar', 'Mandarin Collar', 'Seersucker', 'Twill'], sizes: APPAREL, price: [690, 1490], grams: 260 },
  { code: 'HOD', name: 'Hoodie', productType: 'Hoodies', styles: ['Classic', 'Zip', 'Oversized', 'Fleece', 'Cropped', 'Heavyweight', 'Quarter-Zip', 'Sherpa', 'Tech', 'Raglan'], sizes: APPAREL, price: [890, 1790], grams: 520 },
  { code: 'SWT', name: 'Sweatshirt', productType: 'Sweatshirts', styles: ['Crew', 'Raglan', 'Boxy', 'Half-Zip', 'Terry', 'Vintage Wash', 'Mock Neck', 'Embroidered', 'Brushed', 'Slub'], sizes: APPAREL, price: [790, 1490], grams: 480 },
  { code: 'JKT', name: 'Jacket', productType: 'Jackets', styles: ['Denim', 'Bomber', 'Windbreaker', 'Rain', 'Puffer', 'Utility', 'Coach', 'Track', 'Quilted', 'Harrington'], sizes: APPAREL, price: [1290, 3490], grams: 700 },
  { code: 'JNS', name: 'Jeans', productType: 'Jeans', styles: ['Slim', 'Straight', 'Relaxed', 'Skinny', 'Bootcut', 'Tapered', 'Wide-Leg', 'Mom', 'Carpenter', 'Selvedge'], sizes: APPAREL, price: [990, 2490], grams: 650 },
  { code: 'CHN', name: 'Chinos', productType: 'Trousers', styles: ['Slim', 'Regular', 'Pleated', 'Cropped', 'Stretch', 'Cargo', 'Drawstring', 'Linen', 'Corduroy', 'Tailored'], sizes: APPAREL, price: [890, 1790], grams: 520 },
  { code: 'SHR', name: 'Shorts', productType: 'Shorts', styles: ['Chino', 'Denim', 'Cargo', 'Running', 'Swim', 'Linen', 'Sweat', 'Board', 'Bermuda', 'Pleated'], sizes: APPAREL, price: [390, 990], grams: 250 },
  { code: 'DRS', name: 'Dress', productType: 'Dresses', styles: ['Wrap', 'Shirt', 'Slip', 'Maxi', 'Midi', 'Sun', 'Knit', 'Tiered', 'Pinafore', 'Smock'], sizes: APPAREL, price: [890, 2290], grams: 350 },
  { code: 'SKT', name: 'Skirt', productType: 'Skirts', styles: ['Pleated', 'A-Line', 'Denim', 'Midi', 'Mini', 'Wrap', 'Slip', 'Tiered', 'Pencil', 'Cargo'], sizes: APPAREL, price: [590, 1490], grams: 280 },
  { code: 'SNK', name: 'Sneakers', productType: 'Shoes', styles: ['Canvas Low', 'Canvas High', 'Leather', 'Runner', 'Slip-On', 'Court', 'Retro', 'Trail', 'Knit', 'Platform'], sizes: SHOES, price: [1490, 3990], grams: 900 },
  { code: 'SND', name: 'Sandals', productType: 'Shoes', styles: ['Slide', 'Strap', 'Sport', 'Flip-Flop', 'Leather', 'Cork', 'Trek', 'Woven', 'Platform', 'Fisherman'], sizes: SHOES, price: [390, 1490], grams: 500 },
  { code: 'CAP', name: 'Cap', productType: 'Headwear', styles: ['Baseball', 'Dad', 'Trucker', 'Bucket', 'Beanie', 'Snapback', 'Five-Panel', 'Visor', 'Sun', 'Fisherman'], sizes: ONE, price: [290, 790], grams: 120 },
  { code: 'BAG', name: 'Bag', productType: 'Bags', styles: ['Tote', 'Backpack', 'Sling', 'Crossbody', 'Duffel', 'Messenger', 'Belt', 'Laptop', 'Drawstring', 'Shopper'], sizes: ONE, price: [390, 2490], grams: 600 },
  { code: 'SOC', name: 'Socks', productType: 'Socks', styles: ['Crew', 'Ankle', 'No-Show', 'Sport', 'Wool', 'Striped', 'Dress', 'Hiking', 'Bamboo', 'Rib'], sizes: ['S', 'M', 'L'], price: [99, 290], grams: 60 },
  { code: 'BLT', name: 'Belt', productType: 'Accessories', styles: ['Leather', 'Canvas', 'Braided', 'Reversible', 'Suede', 'Webbing', 'Skinny', 'Western', 'Elastic', 'Dress'], sizes: ['S', 'M', 'L'], price: [390, 1290], grams: 200 },
  { code: 'SCF', name: 'Scarf', productType: 'Accessories', styles: ['Wool', 'Silk', 'Cotton', 'Cashmere', 'Check', 'Knit', 'Bandana', 'Linen', 'Fringe', 'Print'], sizes: ONE, price: [290, 1490], grams: 150 },
  { code: 'BTL', name: 'Bottle', productType: 'Drinkware', styles: ['Steel', 'Insulated', 'Glass', 'Sport', 'Kids', 'Travel', 'Wide-Mouth', 'Flip-Lid', 'Tumbler', 'Mini'], sizes: ONE, price: [290, 990], grams: 350 },
  { code: 'WAL', name: 'Wallet', productType: 'Accessories', styles: ['Bifold', 'Card Holder', 'Zip', 'Long', 'Coin', 'Travel', 'Trifold', 'Money Clip', 'Phone', 'Key'], sizes: ONE, price: [390, 1690], grams: 100 },
];

const COLORS: readonly (readonly [code: string, name: string])[] = [
  ['BLK', 'Black'], ['WHT', 'White'], ['NVY', 'Navy'], ['GRY', 'Grey'], ['BEI', 'Beige'], ['OLV', 'Olive'], ['RED', 'Red'],
  ['BLU', 'Blue'], ['GRN', 'Green'], ['BRN', 'Brown'], ['PNK', 'Pink'], ['KHK', 'Khaki'],
];

const VENDORS = ['Omni Basics', 'Omni Studio', 'Omni Active', 'Omni Home'];

const SIZE_NAME: Record<string, string> = { OS: 'One Size' };

/** THB → other currencies, with each market's price endings (439,000₫, 69.99 zł). */
function convert(thb: number): Prices {
  const vnd = Math.ceil((thb * 730) / 10_000) * 10_000 - 1_000;
  const pln = Math.ceil((thb * 0.115) / 10) * 10 - 0.01;
  return { THB: thb * 100, VND: vnd * 100, PLN: Math.round(pln * 100) };
}

/** A store price one or two steps off the web price (a local promotion or an old price tag). */
function shifted(web: Prices, steps: number): Prices {
  return {
    THB: Math.max(4_900, web.THB + steps * 10_000),
    VND: Math.max(49_000_00, web.VND + steps * 20_000_00),
    PLN: Math.max(999, web.PLN + steps * 1_000),
  };
}

function styleCodes(styles: readonly string[]): string[] {
  const used = new Set<string>();
  return styles.map((style, i) => {
    if (i === 0) {
      used.add('');
      return '';
    }
    const letters = style.toUpperCase().replace(/[^A-Z]/g, '');
    let code = letters.slice(0, 2);
    for (let n = 2; used.has(code); n++) code = letters.slice(0, 1) + String(n);
    used.add(code);
    return code;
  });
}

/** Builds the catalogue from the seed alone. */
export function buildCatalog(seed: number): Catalog {
  const rng = new Rng(seed, hashString('catalog'));
  let productId = 8_012_345_678_901 + rng.int(0, 999_999);
  let variantId = 44_123_456_789_012 + rng.int(0, 999_999);
  let inventoryItemId = 46_234_567_890_123 + rng.int(0, 999_999);

  const products: Product[] = [];
  for (const cat of CATEGORIES) {
    const codes = styleCodes(cat.styles);
    cat.styles.forEach((style, s) => {
      const title = `${style} ${cat.name}`;
      const thb = Math.max(99, Math.round(rng.int(cat.price[0], cat.price[1]) / 100) * 100 - 10);
      const colorCount = cat.sizes.length === 1 ? rng.int(2, 4) : cat.sizes === SHOES ? 2 : rng.int(2, 4);
      const colors = rng.sample(COLORS, colorCount);
      const sizes = [...cat.sizes];
      const createdMs = BASE_MS - rng.int(60, 2 * 365) * DAY - rng.int(0, 23) * HOUR;
      productId += rng.int(1, 5_000);
      const product: Product = {
        index: products.length,
        title,
        handle: title.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '-'),
        productType: cat.productType,
        vendor: cat.productType === 'Drinkware' ? 'Omni Home' : rng.pick(VENDORS.slice(0, 3)),
        tags: [cat.productType.toLowerCase(), rng.pick(['new', 'core', 'bestseller', 'sale', 'summer', 'essentials'])].join(', '),
        description: `<p>${title} from our ${cat.productType.toLowerCase()} range. ${rng.pick(['Made to last.', 'Everyday comfort.', 'Designed in Bangkok.', 'Soft and breathable.', 'Easy care.'])}</p>`,
        shopId: productId,
        squareId: rng.upperAlnum(24),
        createdMs,
        updatedMs: createdMs + rng.int(0, Math.floor((BASE_MS - createdMs) / DAY)) * DAY,
        colors: colors.map(([, name]) => name),
        sizes,
        variants: [],
      };
      let position = 1;
      for (const [colorCode, colorName] of colors) {
        for (const size of sizes) {
          const web = convert(thb);
          variantId += rng.int(1, 3_000);
          inventoryItemId += rng.int(1, 3_000);
          const pos = rng.chance(0.1) ? shifted(web, rng.pick([-2, -1, -1, 1])) : web;
          product.variants.push({
            sku: `${cat.code}${codes[s]}-${colorCode}-${size}`,
            title: `${colorName} / ${SIZE_NAME[size] ?? size}`,
            color: colorName,
            size: SIZE_NAME[size] ?? size,
            position: position++,
            grams: cat.grams,
            shopId: variantId,
            inventoryItemId,
            squareId: rng.upperAlnum(24),
            web,
            pos,
            product,
          });
        }
      }
      products.push(product);
    });
  }
  const variants = products.flatMap((p) => p.variants);

  // Popularity: a long tail. Every product gets a weight; its variants share it, middle sizes sell more.
  const popularity: Variant[] = [];
  for (const product of products) {
    const weight = 1 + Math.floor(12 * rng.next() ** 3);
    for (const v of product.variants) {
      const n = weight * (v.size === 'M' || v.size === 'L' || v.size === '41' || v.size === '42' ? 2 : 1);
      for (let i = 0; i < n; i++) popularity.push(v);
    }
  }

  const locations: PosLocation[] = STORES.map((store) => ({ store, id: rng.crockford(13), currency: MARKET_INFO[store.market].currency }));
  const locationsByMarket = Object.fromEntries(MARKETS.map((m) => [m, locations.filter((l) => l.store.market === m)])) as Record<Market, PosLocation[]>;

  return {
    products,
    variants,
    warehouseId: 71_234_567_890 + rng.int(0, 9_999),
    locations,
    locationsByMarket,
    merchantId: rng.crockford(13),
    loyaltyProgramId: rng.uuid(),
    popularity,
  };
}

export function pickVariant(rng: Rng, catalog: Catalog): Variant {
  return rng.pick(catalog.popularity);
}

/** Every catalogue resource, as the vendor APIs return them. */
export function catalogRecords(seed: number, catalog: Catalog) {
  const rng = new Rng(seed, hashString('catalog-stock'));
  const gidVariant = (id: number) => `gid://shopify/ProductVariant/${id}`;

  const shopProducts = catalog.products.map((p) => ({
    id: p.shopId,
    title: p.title,
    body_html: p.description,
    vendor: p.vendor,
    product_type: p.productType,
    created_at: shopifyTime(p.createdMs),
    handle: p.handle,
    updated_at: shopifyTime(p.updatedMs),
    published_at: shopifyTime(p.createdMs + HOUR),
    template_suffix: null,
    published_scope: 'global',
    tags: p.tags,
    status: 'active',
    admin_graphql_api_id: `gid://shopify/Product/${p.shopId}`,
    variants: p.variants.map((v) => ({
      id: v.shopId,
      product_id: p.shopId,
      title: v.title,
      price: decimal(v.web.THB),
      sku: v.sku,
      position: v.position,
      inventory_policy: 'deny',
      compare_at_price: null,
      fulfillment_service: 'manual',
      inventory_management: 'shopify',
      option1: v.color,
      option2: v.size,
      option3: null,
      created_at: shopifyTime(p.createdMs),
      updated_at: shopifyTime(p.updatedMs),
      taxable: true,
      barcode: null,
      grams: v.grams,
      weight: v.grams / 1000,
      weight_unit: 'kg',
      inventory_item_id: v.inventoryItemId,
      inventory_quantity: 0,
      old_inventory_quantity: 0,
      requires_shipping: true,
      presentment_prices: CURRENCIES.map((c) => ({ price: { amount: decimal(v.web[c]), currency_code: c }, compare_at_price: null })),
      admin_graphql_api_id: gidVariant(v.shopId),
      image_id: null,
    })),
    options: [
      { id: p.shopId + 1, product_id: p.shopId, name: 'Color', position: 1, values: p.colors },
      { id: p.shopId + 2, product_id: p.shopId, name: 'Size', position: 2, values: p.sizes.map((s) => SIZE_NAME[s] ?? s) },
    ],
    images: [],
    image: null,
  }));

  const inventoryLevels: object[] = [];
  for (const product of shopProducts) {
    for (const variant of product.variants) {
      const available = rng.chance(0.06) ? 0 : rng.int(1, 240);
      variant.inventory_quantity = available;
      variant.old_inventory_quantity = available;
      inventoryLevels.push({
        inventory_item_id: variant.inventory_item_id,
        location_id: catalog.warehouseId,
        available,
        updated_at: shopifyTime(BASE_MS - rng.int(1, 72) * HOUR),
        admin_graphql_api_id: `gid://shopify/InventoryLevel/${catalog.warehouseId}?inventory_item_id=${variant.inventory_item_id}`,
      });
    }
  }

  const warehouseCreated = BASE_MS - 3 * YEAR;
  const shopLocations = [
    {
      id: catalog.warehouseId,
      name: WAREHOUSE.name,
      address1: WAREHOUSE.address1,
      address2: null,
      city: WAREHOUSE.city,
      zip: WAREHOUSE.zip,
      province: WAREHOUSE.province,
      country: WAREHOUSE.country,
      phone: WAREHOUSE.phone,
      created_at: shopifyTime(warehouseCreated),
      updated_at: shopifyTime(warehouseCreated + 30 * DAY),
      country_code: WAREHOUSE.country,
      country_name: WAREHOUSE.countryName,
      province_code: WAREHOUSE.provinceCode,
      legacy: false,
      active: true,
      admin_graphql_api_id: `gid://shopify/Location/${catalog.warehouseId}`,
      localized_country_name: WAREHOUSE.countryName,
      localized_province_name: WAREHOUSE.province,
    },
  ];

  const posLocations = catalog.locations.map((l, i) => {
    const info = MARKET_INFO[l.store.market];
    return {
      id: l.id,
      name: l.store.name,
      address: {
        address_line_1: l.store.addressLine1,
        locality: l.store.locality,
        administrative_district_level_1: l.store.district,
        postal_code: l.store.postalCode,
        country: info.country,
      },
      timezone: info.timezone,
      capabilities: ['CREDIT_CARD_PROCESSING'],
      status: 'ACTIVE',
      created_at: isoSec(warehouseCreated + (i + 1) * 20 * DAY),
      merchant_id: catalog.merchantId,
      country: info.country,
      language_code: info.languageCode,
      currency: info.currency,
      phone_number: l.store.phone,
      business_name: 'Omni Store',
      type: 'PHYSICAL',
      business_email: `${l.store.key}@omnistore.example`,
      mcc: '5651',
    };
  });

  const version = (ms: number) => ms;
  const posCatalog = catalog.products.map((p) => ({
    type: 'ITEM',
    id: p.squareId,
    updated_at: isoMs(p.updatedMs),
    created_at: isoMs(p.createdMs),
    version: version(p.updatedMs),
    is_deleted: false,
    present_at_all_locations: true,
    item_data: {
      name: p.title,
      description: p.description.replace(/<[^>]+>/g, ''),
      is_taxable: true,
      product_type: 'REGULAR',
      variations: p.variants.map((v) => ({
        type: 'ITEM_VARIATION',
        id: v.squareId,
        updated_at: isoMs(p.updatedMs),
        created_at: isoMs(p.createdMs),
        version: version(p.updatedMs),
        is_deleted: false,
        present_at_all_locations: true,
        item_variation_data: {
          item_id: p.squareId,
          name: v.title,
          sku: v.sku,
          ordinal: v.position,
          pricing_type: 'FIXED_PRICING',
          price_money: squareMoney(v.pos.THB, 'THB'),
          // The merchant's catalogue is priced in THB; stores in other countries override with their own currency.
          location_overrides: catalog.locations
            .filter((l) => l.currency !== 'THB')
            .map((l) => ({ location_id: l.id, pricing_type: 'FIXED_PRICING', price_money: squareMoney(v.pos[l.currency], l.currency), track_inventory: true })),
          track_inventory: true,
          sellable: true,
          stockable: true,
        },
      })),
    },
  }));

  const inventoryCounts: object[] = [];
  for (const v of catalog.variants) {
    for (const l of catalog.locations) {
      inventoryCounts.push({
        catalog_object_id: v.squareId,
        catalog_object_type: 'ITEM_VARIATION',
        state: 'IN_STOCK',
        location_id: l.id,
        quantity: String(rng.chance(0.08) ? 0 : rng.int(1, 40)),
        calculated_at: isoMs(BASE_MS - rng.int(1, 72 * 60) * 60_000),
      });
    }
  }

  return { shopProducts, shopLocations, inventoryLevels, posLocations, posCatalog, inventoryCounts };
}
