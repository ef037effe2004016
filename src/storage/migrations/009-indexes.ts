import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

/**
 * Indexes for the reader's listings (home page sections, "More from", category archives). A
 * listing walks the newest published posts and keeps those of a section: with the section and the
 * id in the index, that walk (and the count of a category archive) never reads the article rows,
 * whose long bodies made each step read overflow pages. At 100,000 articles a category count went
 * from about 1.4 s to 35-130 ms on SQLite, and page 300 of a section from about 470 ms to 65 ms.
 * It replaces `articles_listing`, its prefix: left in place, SQLite's planner (no ANALYZE
 * statistics) kept choosing the narrower index and reading rows again.
 */
export async function up(db: Kysely<unknown>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .createIndex('articles_listing_cover')
    .on('articles')
    .columns(['type', 'status', 'published_at', 'primary_category_id', 'id'])
    .execute();
  await db.schema.dropIndex('articles_listing').execute();
}
