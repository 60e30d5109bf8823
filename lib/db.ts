import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** A row as the driver returns it: timestamps as Date, jsonb parsed, text[] as string[]. */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: unknown[]): Promise<R[]>;
}

/**
 * A subgraph's own database (the identity hub's links, the flows' state): embedded PGlite by
 * default, Postgres when DATABASE_URL is set. Both speak the same SQL, so each owner has one
 * set of queries and migrations. Parameters: pass jsonb values
 * as JSON strings (pg turns JS arrays into Postgres arrays, not JSON).
 */
export interface Db extends Queryable {
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Postgres only: run in this schema (tests create a fresh one per run). */
  schema?: string;
}

/** Whose migrations: the folder of NNN_name.sql files, the table recording them, the advisory lock key. */
export interface Migrations {
  dir: URL;
  table: string;
  lockKey: number;
}

export async function openDb(opts: DbOptions & { migrations: Migrations }): Promise<Db> {
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.schema) : await openPglite(opts.dataDir);
  try {
    await migrate(db, opts.migrations);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function openPglite(dataDir: string): Promise<Db> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  const wrap = (q: { query: PGlite['query'] }): Queryable => ({
    async query<R extends Row>(sql: string, params: unknown[] = []) {
      return (await q.query<R>(sql, params)).rows;
    },
  });
  return {
    ...wrap(lite),
    // PGlite is one connection and runs a transaction exclusively: other queries wait for it.
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => lite.transaction((tx) => fn(wrap(tx))),
    close: () => lite.close(),
  };
}

function openPostgres(databaseUrl: string, schema?: string): Db {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    ...(schema ? { options: `-c search_path=${quoteIdent(schema)}` } : {}),
  });
  const wrap = (client: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row>(sql: string, params: unknown[] = []) {
      return (await client.query<R>(sql, params)).rows;
    },
  });
  return {
    ...wrap(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier ${name}`);
  return `"${name}"`;
}

/**
 * Applies NNN_name.sql files in order, once each, recorded in the owner's table. The
 * transaction-scoped advisory lock makes a second process starting at the same time wait, then
 * find the migrations applied.
 */
export async function migrate(db: Db, migrations: Migrations): Promise<string[]> {
  const dir = fileURLToPath(migrations.dir);
  const table = quoteIdent(migrations.table);
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrations.lockKey]);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ version: string }>(`SELECT version FROM ${table}`)).map((r) => r.version));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      for (const statement of splitSql(readFileSync(join(dir, file), 'utf8'))) await tx.query(statement);
      await tx.query(`INSERT INTO ${table} (version) VALUES ($1)`, [file]);
      applied.push(file);
    }
    return applied;
  });
}

/** Migrations are plain statements separated by `;` at line end (no functions with bodies). */
function splitSql(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
