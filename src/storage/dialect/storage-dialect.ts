import type { ColumnDefinitionBuilder, Dialect, QueryExecutorProvider, RawBuilder } from 'kysely';
import type { ParsedQuery } from '../../search/query-parser.js';
import type { SearchDocument } from '../../search/search-repository.js';

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
  /** The engine's full-text index (SQLite FTS5, PostgreSQL tsvector + GIN). */
  readonly search: SearchDialect;
}

/**
 * Full-text search on one engine. Documents and queries arrive already folded and tokenized (see
 * `src/search/`), so every engine matches the same words; only storage and ranking differ.
 */
export interface SearchDialect {
  /** Creates the index structures (migration `003-search`). */
  createSchema(db: QueryExecutorProvider): Promise<void>;
  /** Replaces `documents` and removes `removeIds`; call inside a transaction. */
  write(db: QueryExecutorProvider, documents: SearchDocument[], removeIds: number[]): Promise<void>;
  /** Removes documents whose article is gone or whose status is not one of `statuses`. */
  prune(db: QueryExecutorProvider, statuses: string[]): Promise<void>;
  /** Tidies the index after a rebuild (merges segments, refreshes planner statistics). */
  optimize(db: QueryExecutorProvider): Promise<void>;
  /**
   * A parenthesised subquery of `(article_id, score)` for documents matching every clause of
   * `query` (which MUST have at least one clause); a higher score is a better match, with title
   * weighing more than dek, and dek more than body. With `ranked: false` the score is 0 and not
   * computed, which is much cheaper for counting and date-ordered results.
   */
  matches(query: ParsedQuery, ranked: boolean): RawBuilder<{ article_id: number; score: number }>;
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
