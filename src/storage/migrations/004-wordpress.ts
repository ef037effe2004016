import type { Kysely } from 'kysely';

/**
 * What a WordPress import needs to be repeatable and to keep old links working: which Newsdesk row
 * each WordPress item became (and what it looked like then), old upload and attachment paths, and
 * the WordPress fields Newsdesk has no column for (post format, sticky, private).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('wordpress_items')
    // author | category | tag | article | media | comment
    .addColumn('kind', 'text', (c) => c.notNull())
    // The key WordPress refers to the item by: login, term slug, or post / comment id.
    .addColumn('wp_key', 'text', (c) => c.notNull())
    // The numeric id old URLs use (`?author=2`, `?cat=7`, `?p=123`).
    .addColumn('wp_number', 'integer')
    // The post slug as WordPress had it, for `/%postname%/`-style links.
    .addColumn('wp_slug', 'text')
    // Parent category slug, or the post an attachment belongs to.
    .addColumn('wp_parent', 'text')
    .addColumn('newsdesk_id', 'integer', (c) => c.notNull())
    // Hash of what the import wrote: the same hash next time means nothing to do.
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('wordpress_items_pk', ['kind', 'wp_key'])
    .execute();
  await db.schema
    .createIndex('wordpress_items_number')
    .on('wordpress_items')
    .columns(['kind', 'wp_number'])
    .execute();
  await db.schema
    .createIndex('wordpress_items_slug')
    .on('wordpress_items')
    .columns(['kind', 'wp_slug'])
    .execute();
  await db.schema
    .createIndex('wordpress_items_target')
    .on('wordpress_items')
    .columns(['kind', 'newsdesk_id'])
    .execute();
  await db.schema
    .createIndex('wordpress_items_parent')
    .on('wordpress_items')
    .columns(['kind', 'wp_parent'])
    .execute();

  await db.schema
    .createTable('wordpress_paths')
    // An old site-relative path (upload file or attachment page), percent-encoding normalised.
    .addColumn('path', 'text', (c) => c.primaryKey())
    // media-file | media-page
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('article_fields')
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    // format | sticky | wp_status
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_fields_pk', ['article_id', 'name'])
    .execute();
}
