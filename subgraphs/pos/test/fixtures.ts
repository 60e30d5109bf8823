import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDataDir } from '../../../test/helpers/component.ts';
import type { SquareCatalogObject, SquareCustomer, SquareLocation, SquareOrder } from '../src/mappers.ts';

/** The fixture data set as the stand-in loads it, so tests look records up instead of hard-coding ids. */
function read<T>(resource: string): T[] {
  return readFileSync(join(fixtureDataDir, 'pos', `${resource}.ndjson`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export const fixture = {
  customers: read<SquareCustomer>('customers'),
  orders: read<SquareOrder>('orders'),
  locations: read<SquareLocation>('locations'),
  catalog: read<SquareCatalogObject>('catalog'),
};

export function customerByEmail(email: string): SquareCustomer {
  const found = fixture.customers.find((c) => c.email_address === email);
  if (!found) throw new Error(`fixture: no customer ${email}`);
  return found;
}

export function ordersOf(customerId: string): SquareOrder[] {
  return fixture.orders.filter((o) => o.customer_id === customerId).sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export function locationNamed(city: string): SquareLocation {
  const found = fixture.locations.find((l) => l.address?.locality === city);
  if (!found) throw new Error(`fixture: no store in ${city}`);
  return found;
}
