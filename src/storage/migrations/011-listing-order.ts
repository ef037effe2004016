import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

/**
 * Listings sort by (published_at, id), newest first. `articles_listing_cover` had the section
 * between those two columns, so no listing could take its order from the index: SQLite sorted
 * every run of equal timestamps ("temp b-tree for last term of ORDER BY") and, once the section
 * was filtered, walked far more of the index than the rows it kept. With id right after
 * published_at the walk stops at the limit; the section stays in the index so that the walk
 * still never reads article rows. "More from" at 100,000 articles: 0.28 -> 0.02 ms on SQLite.
 */
export async function up(db: Kysely<unknown>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .createIndex('articles_listing_order')
    .on('articles')
    .columns(['type', 'status', 'published_at', 'id', 'primary_category_id'])
    .execute();
  await db.schema.dropIndex('articles_listing_cover').execute();
}
