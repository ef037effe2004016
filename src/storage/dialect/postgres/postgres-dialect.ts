import { PostgresDialect } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import pg from 'pg';
import type { Json, JsonDialect, StorageDialect } from '../storage-dialect.js';
import { postgresCopy } from './postgres-copy.js';
import { createPostgresLinkListingTriggers } from './postgres-link-listings.js';
import { postgresSearch } from './postgres-search.js';
import { preparingPool } from './prepared-statements.js';

/** Connects a pool to PostgreSQL; the pool is sized for one process on a small machine. */
export function createPostgresDialect(url: string): StorageDialect {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client whose server connection dies (restart, failover, DROP … WITH (FORCE)) emits
  // 'error' on the pool; unheard, it would crash the process. The pool replaces the client.
  pool.on('error', () => {});
  return {
    name: 'postgres',
    kyselyDialect: new PostgresDialect({ pool: preparingPool(pool) }),
    idColumn: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
    search: postgresSearch,
    copy: postgresCopy,
    json: postgresJson,
    createLinkListingTriggers: createPostgresLinkListingTriggers,
  };
}

/** node-postgres parses `json` columns itself: `read` has nothing left to do. */
const postgresJson: JsonDialect = {
  arrayFrom: (select) => jsonArrayFrom(select) as never,
  objectFrom: (select) => jsonObjectFrom(select) as never,
  read: <T>(column: Json<T>) => column as unknown as T,
};
