import type { Kysely, Migration } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';
import * as initial from './001-initial.js';

type DialectMigration = {
  up(db: Kysely<unknown>, dialect: StorageDialect): Promise<void>;
};

/** Migrations in order. Names MUST never change once released: they are recorded in the database. */
const migrations: Record<string, DialectMigration> = {
  '001-initial': initial,
};

/** Binds every migration to the dialect so that schema differences stay in `dialect/`. */
export function migrationsFor(dialect: StorageDialect): Record<string, Migration> {
  return Object.fromEntries(
    Object.entries(migrations).map(([name, m]) => [name, { up: (db) => m.up(db, dialect) }]),
  );
}
