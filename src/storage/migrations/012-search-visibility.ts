import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

/**
 * Search checks every match of a query for visibility (status, publication time, section); on
 * SQLite that read walked each article's body, so a covering index serves it instead (see
 * `visibleArticles` in the SQLite search dialect). PostgreSQL needs nothing.
 */
export async function up(db: Kysely<unknown>, dialect: StorageDialect): Promise<void> {
  await dialect.search.createVisibility(db);
}
