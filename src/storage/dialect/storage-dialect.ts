import type {
  ColumnDefinitionBuilder,
  Dialect,
  Expression,
  Kysely,
  QueryExecutorProvider,
  RawBuilder,
} from 'kysely';
import type { ParsedQuery } from '../../search/query-parser.js';
import type { SearchDocument } from '../../search/search-repository.js';
import type { ArticleStatus } from '../schema.js';

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
  /** What copying a whole site in or out needs (`newsdesk db copy`). */
  readonly copy: CopyDialect;
  /** Related rows as JSON columns, so one statement carries a row and its relations. */
  readonly json: JsonDialect;
  /**
   * Creates the triggers that keep each link (`article_categories`, `article_tags`,
   * `article_authors`) carrying its article's type, status, publication and update times: filled
   * in when the link is inserted, updated when the article changes (migration `015-link-listings`).
   */
  createLinkListingTriggers(db: QueryExecutorProvider): Promise<void>;
  /**
   * Settles the connection for serving pages rather than bulk work (import, copy, reindex), where
   * that differs; called once by `serve` before it listens.
   */
  prepareForServing?(): void;
}

declare const jsonOf: unique symbol;
/** A column the database built as JSON of a `T`; `JsonDialect.read` gives the `T`. */
export type Json<T> = { readonly [jsonOf]: T };

/**
 * JSON built by the engine from a subquery (correlated to the outer row): on PostgreSQL each
 * statement is a round trip, and an article's authors, image, tags and corrections were four more.
 */
export interface JsonDialect {
  /**
   * A select's rows, in its order, as a JSON array of objects keyed by the selected names (`[]`
   * when none). The select names each column (SQLite's `json_object` needs the names: no `selectAll`).
   */
  arrayFrom<O>(select: Expression<O>): RawBuilder<Json<O[]>>;
  /** A select's row as a JSON object; null when there is none. Same rule on names. */
  objectFrom<O>(select: Expression<O>): RawBuilder<Json<O> | null>;
  /** The value of such a column (SQLite hands over JSON text, PostgreSQL's driver parses it). */
  read<T>(column: Json<T>): T;
}

/** Engine catalogue queries for copying every table of a site (see `src/storage/copy/`). */
export interface CopyDialect {
  /**
   * True for tables the engine builds itself from other tables (the search index and its shadow
   * tables): never copied between engines, rebuilt after the copy instead.
   */
  isDerivedTable(name: string): boolean;
  /** The site's single-column foreign keys: which column of which table references which table. */
  references(
    db: QueryExecutorProvider,
  ): Promise<Array<{ table: string; column: string; referenced: string }>>;
  /**
   * After rows were inserted with explicit ids, moves each identity generator past the highest id
   * so that the next insert does not collide (SQLite's AUTOINCREMENT already does this itself).
   */
  resetIdentities(
    db: QueryExecutorProvider,
    columns: ReadonlyArray<{ table: string; column: string }>,
  ): Promise<void>;
}

/**
 * Offline and online file backups, for engines whose database is one file (SQLite). PostgreSQL has
 * none: pg_dump and pg_restore are the tools there.
 */
export interface FileBackup {
  /**
   * Copies the live database into `file` (replaced atomically) while the site keeps serving:
   * readers and writers are not blocked. Returns the size in pages and how often a concurrent
   * write made the copy start over.
   */
  backup(
    file: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ pages: number; bytes: number; restarts: number }>;
  /**
   * Checks that `file` is an intact Newsdesk database (integrity check, migrations table) and
   * returns the migrations it has applied; throws an Error saying what is wrong otherwise.
   */
  verify(file: string): { migrations: string[] };
  /** True while another connection (a running site) has the database open. */
  inUse(): boolean;
  /** Replaces the database with the verified `file`, atomically (temporary file, then rename). */
  restore(file: string): Promise<void>;
}

/** File backup tools for the database at `databaseUrl`, or undefined when the engine has none. */
export async function fileBackupFor(databaseUrl: string): Promise<FileBackup | undefined> {
  if (isPostgresUrl(databaseUrl)) return undefined;
  const { sqliteFileBackup } = await import('./sqlite/sqlite-backup.js');
  return sqliteFileBackup(sqliteFile(databaseUrl));
}

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);
const sqliteFile = (url: string) => url.replace(/^sqlite:(\/\/)?/, '');

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
  /** Rewrites documents stored by an earlier release in the shape `createSchema` makes (migration `013`). */
  rebuildDocuments(db: QueryExecutorProvider): Promise<void>;
  /**
   * Runs a search's statements (`matches` joined to `visibleArticles`) the way this engine
   * answers them fastest.
   */
  readMatches<DB, T>(db: Kysely<DB>, run: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * A parenthesised subquery of the article columns search filters on, to join to `matches` in
   * place of the whole `articles` table: a common word matches most of the archive, and each
   * match is checked for visibility, from the covering index `articles_search_visibility`.
   */
  visibleArticles(): RawBuilder<VisibleArticle>;
}

export interface VisibleArticle {
  id: number;
  status: ArticleStatus;
  published_at: string | null;
  primary_category_id: number | null;
}

/** Picks the dialect from a database URL: `postgres://` or `postgresql://` means PostgreSQL, anything else an SQLite file. */
export async function openDialect(databaseUrl: string): Promise<StorageDialect> {
  if (isPostgresUrl(databaseUrl)) {
    const { createPostgresDialect } = await import('./postgres/postgres-dialect.js');
    return createPostgresDialect(databaseUrl);
  }
  const { createSqliteDialect } = await import('./sqlite/sqlite-dialect.js');
  return createSqliteDialect(sqliteFile(databaseUrl));
}
