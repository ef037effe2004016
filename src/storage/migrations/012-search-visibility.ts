import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

/**
 * Search checks every match of a query for visibility (status, publication time, section). An
 * article row keeps those columns next to its body, so the check read the body's pages (on
 * SQLite, its overflow chain) once per match; this covering index serves it instead (see
 * `visibleArticles` in the search dialects). Releases before 013 created it on SQLite only.
 */
export async function up(db: Kysely<unknown>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .createIndex('articles_search_visibility')
    .ifNotExists()
    .on('articles')
    .columns(['id', 'status', 'published_at', 'primary_category_id'])
    .execute();
}
