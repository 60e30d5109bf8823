import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/index.ts';

describe('embedded database (PGlite in a directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'identity-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across restarts and applies each migration once', { timeout: 60_000 }, async () => {
    const first = await openDb({ dataDir: dir });
    await first.query("INSERT INTO customers (id, created_by) VALUES ('cus_persisted', 'test')");
    await first.close();
    const second = await openDb({ dataDir: dir });
    expect(await second.query('SELECT id FROM customers')).toEqual([{ id: 'cus_persisted' }]);
    expect((await second.query('SELECT version FROM schema_migrations')).map((r) => r.version).sort()).toEqual(['001_init.sql', '002_pipeline.sql', '003_retailer_records.sql']);
    await second.close();
  });

  it('rolls a failed transaction back', { timeout: 60_000 }, async () => {
    const db = await openDb({ dataDir: 'memory://' });
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO customers (id, created_by) VALUES ('cus_rolled_back', 'test')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query('SELECT id FROM customers')).toEqual([]);
    await db.close();
  });
});

const databaseUrl = process.env.DATABASE_URL;
describe.skipIf(!databaseUrl)('Postgres migrations', () => { // skipped without DATABASE_URL: no Postgres to run against
  const schema = `identity_mig_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  afterAll(() => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

  it('migrates once when two hub processes start at the same time', async () => {
    await admin(`CREATE SCHEMA ${schema}`);
    const [a, b] = await Promise.all([openDb({ databaseUrl, dataDir: '', schema }), openDb({ databaseUrl, dataDir: '', schema })]);
    expect((await a.query('SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual(['001_init.sql', '002_pipeline.sql', '003_retailer_records.sql']);
    await Promise.all([a.close(), b.close()]);
  });
});
