import { type Kysely, sql } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';
import { LINK_TABLES } from '../link-tables.js';

/**
 * Each link of an article to a section, tag or person carries the article's type, status,
 * publication and last update (kept by triggers), indexed after the section, tag or person. Their
 * pages, counts and sitemap dates then read their own rows from that index, where they walked the
 * whole archive's listing index testing every article. At 100,000 articles, in-process (SQLite /
 * PostgreSQL): a tag page 15-20 -> 4.5 / 18 -> 7-8 ms, an author page 16-24 -> 4.7 / 52 -> 8-10,
 * the largest section 32-44 -> 23 / 62 -> 24-27 (its count is now the section's size, not the
 * archive's), the sitemap index 442-665 -> 282-296 / 642-661 -> 276-375, the API's tag list
 * 195-281 -> 80 / 123-134 -> 79-92; a small or old section no longer walks the archive.
 *
 * The primary section becomes one of the article's rows in `article_categories` (the services
 * always wrote it there; anything older is filled in here), so that table alone says which
 * articles a section holds.
 */
export async function up(db: Kysely<unknown>, dialect: StorageDialect): Promise<void> {
  await sql`
    INSERT INTO article_categories (article_id, category_id)
    SELECT id, primary_category_id FROM articles
    WHERE primary_category_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM article_categories l
      WHERE l.article_id = articles.id AND l.category_id = articles.primary_category_id
    )`.execute(db);
  for (const { table, key } of Object.values(LINK_TABLES)) {
    await db.schema.alterTable(table).addColumn('type', 'text').execute();
    await db.schema.alterTable(table).addColumn('status', 'text').execute();
    await db.schema.alterTable(table).addColumn('published_at', 'text').execute();
    await db.schema.alterTable(table).addColumn('updated_at', 'text').execute();
    await sql`
      UPDATE ${sql.table(table)}
      SET (type, status, published_at, updated_at) = (
        SELECT type, status, published_at, updated_at FROM articles
        WHERE articles.id = ${sql.ref(`${table}.article_id`)}
      )`.execute(db);
    await db.schema
      .createIndex(`${table}_listing`)
      .on(table)
      .columns([key, 'type', 'status', 'published_at', 'article_id', 'updated_at'])
      .execute();
  }
  await dialect.createLinkListingTriggers(db);
}
