import { Kysely, type MigrationProvider, Migrator } from 'kysely';
import { openDialect, type StorageDialect } from './dialect/storage-dialect.js';
import { migrationsFor } from './migrations/index.js';
import type { Database } from './schema.js';

export interface Storage {
  db: Kysely<Database>;
  dialect: StorageDialect;
  /** Closes the pool or file. */
  close(): Promise<void>;
}

/** Opens the database named by `databaseUrl`; does not migrate (see `migrateToLatest`). */
export async function openStorage(databaseUrl: string): Promise<Storage> {
  const dialect = await openDialect(databaseUrl);
  const db = new Kysely<Database>({ dialect: dialect.kyselyDialect });
  return { db, dialect, close: () => db.destroy() };
}

function migrator(storage: Storage): Migrator {
  const provider: MigrationProvider = {
    getMigrations: async () => migrationsFor(storage.dialect),
  };
  // Capabilities add migrations independently; a site that already ran a later one must still
  // get an earlier-numbered one that arrived afterwards.
  return new Migrator({ db: storage.db, provider, allowUnorderedMigrations: true });
}

/** Applies pending migrations; returns the names applied. Throws with the failing migration's name. */
export async function migrateToLatest(storage: Storage): Promise<string[]> {
  const { error, results } = await migrator(storage).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).map((r) => r.migrationName);
}

/** True when every known migration has been applied (used by readiness checks). */
export async function migrationsAreCurrent(storage: Storage): Promise<boolean> {
  const all = await migrator(storage).getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
