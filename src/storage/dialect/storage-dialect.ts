import type { ColumnDefinitionBuilder, Dialect } from 'kysely';

/**
 * What differs between database engines. Code outside `dialect/` reads these capabilities and
 * never asks which engine it is talking to.
 */
export interface StorageDialect {
  /** Short engine name for logs and test titles only: never branch on it. */
  readonly name: string;
  readonly kyselyDialect: Dialect;
  /** Makes an auto-incrementing integer primary key on this engine. */
  idColumn(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}

/** Picks the dialect from a database URL: `postgres://` or `postgresql://` means PostgreSQL, anything else an SQLite file. */
export async function openDialect(databaseUrl: string): Promise<StorageDialect> {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const { createPostgresDialect } = await import('./postgres/postgres-dialect.js');
    return createPostgresDialect(databaseUrl);
  }
  const { createSqliteDialect } = await import('./sqlite/sqlite-dialect.js');
  return createSqliteDialect(databaseUrl.replace(/^sqlite:(\/\/)?/, ''));
}
