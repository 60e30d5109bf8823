import { openDb as openSharedDb, type Db, type DbOptions } from '../../../../lib/db.ts';

export type { Db, DbOptions, Queryable, Row } from '../../../../lib/db.ts';

/** The hub's database, migrated with subgraphs/identity/migrations. */
export function openDb(opts: DbOptions): Promise<Db> {
  return openSharedDb({
    ...opts,
    migrations: { dir: new URL('../../migrations/', import.meta.url), table: 'schema_migrations', lockKey: 741_852_963 },
  });
}
