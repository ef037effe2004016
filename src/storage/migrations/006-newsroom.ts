import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

/**
 * The newsroom workflow: per-article workflow fields (scheduled unpublish, embargo, secret preview
 * token, social image, creator, head revision), revisions, soft edit locks, corrections, and
 * database leases that keep background jobs to one process at a time.
 */
export async function up(db: Kysely<unknown>, dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('newsroom_articles')
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('created_by', 'integer')
    .addColumn('social_media_id', 'integer')
    .addColumn('unpublish_at', 'text')
    .addColumn('embargo_until', 'text')
    .addColumn('preview_token', 'text', (c) => c.notNull().unique())
    .addColumn('head_revision_id', 'integer')
    .execute();
  await db.schema
    .createIndex('newsroom_articles_unpublish')
    .on('newsroom_articles')
    .column('unpublish_at')
    .execute();

  await db.schema
    .createTable('article_revisions')
    .addColumn('id', 'integer', (c) => dialect.idColumn(c))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer')
    .addColumn('client_save_id', 'text')
    .addColumn('restored_from', 'integer')
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('article_revisions_article')
    .on('article_revisions')
    .columns(['article_id', 'id'])
    .execute();
  // A retried autosave finds its first attempt instead of writing a second revision.
  await db.schema
    .createIndex('article_revisions_client_save')
    .on('article_revisions')
    .columns(['article_id', 'client_save_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('article_locks')
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('corrections')
    .addColumn('id', 'integer', (c) => dialect.idColumn(c))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('corrections_article')
    .on('corrections')
    .columns(['article_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('corrections_created')
    .on('corrections')
    .columns(['created_at', 'id'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}
