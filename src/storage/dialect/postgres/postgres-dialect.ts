import { PostgresDialect } from 'kysely';
import pg from 'pg';
import type { StorageDialect } from '../storage-dialect.js';

/** Connects a pool to PostgreSQL; the pool is sized for one process on a small machine. */
export function createPostgresDialect(url: string): StorageDialect {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  return {
    name: 'postgres',
    kyselyDialect: new PostgresDialect({ pool }),
    idColumn: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  };
}
