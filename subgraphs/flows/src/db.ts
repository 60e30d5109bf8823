import { openDb as openSharedDb, type Db, type DbOptions } from '../../../lib/db.ts';

export type { Db, DbOptions, Queryable, Row } from '../../../lib/db.ts';

/** The flows' database, migrated with subgraphs/flows/migrations; its own migrations table so it can share a Postgres database with the hub. */
export function openDb(opts: DbOptions): Promise<Db> {
  return openSharedDb({
    ...opts,
    migrations: { dir: new URL('../migrations/', import.meta.url), table: 'flows_schema_migrations', lockKey: 741_852_964 },
  });
}
