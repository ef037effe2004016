import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

/**
 * The listing index gains `updated_at`, its last column, so that the sitemaps' last-modified
 * times (the latest publication or edit per month, section, tag and author) are read from the
 * index instead of from every article row, body and all. Sitemap index at 100,000 articles on
 * SQLite: 1.9 s -> 0.32 s, during which a worker answers nobody else; PostgreSQL 0.83-0.96 ->
 * 0.60-0.63 s. Listings use it as before: its other columns and their order are unchanged.
 */
export async function up(db: Kysely<unknown>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .createIndex('articles_listing')
    .on('articles')
    .columns(['type', 'status', 'published_at', 'id', 'primary_category_id', 'updated_at'])
    .execute();
  await db.schema.dropIndex('articles_listing_order').execute();
}
