import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

/**
 * Reader comments grow moderation: what decided a comment's status (rule, score, reason), who
 * posted it (keyed hashes only, never a plain IP), a rendered body sanitized on save, thread depth,
 * and bans by email or IP hash.
 */
export async function up(db: Kysely<unknown>, dialect: StorageDialect): Promise<void> {
  // SQLite accepts one ADD COLUMN per ALTER TABLE statement.
  const add = (name: string, type: 'text' | 'integer', notNullDefault?: number) =>
    db.schema
      .alterTable('comments')
      .addColumn(name, type, (c) =>
        notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault),
      )
      .execute();
  await add('body_html', 'text');
  await add('depth', 'integer', 1);
  await add('ip_hash', 'text');
  await add('user_agent', 'text');
  await add('avatar_key', 'text');
  await add('content_hash', 'text');
  await add('spam_score', 'integer', 0);
  await add('moderation_rule', 'text');
  await add('moderation_reason', 'text');
  await add('moderated_at', 'text');
  await add('edited_at', 'text');
  await add('is_staff', 'integer', 0);
  // Moderation queues and purges read by status and age; data-rights requests by email.
  await db.schema
    .createIndex('comments_status_created')
    .on('comments')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('comments_author_email')
    .on('comments')
    .column('author_email')
    .execute();
  await db.schema
    .createIndex('comments_duplicate')
    .on('comments')
    .columns(['article_id', 'content_hash'])
    .execute();
  await db.schema
    .createIndex('comments_ip')
    .on('comments')
    .columns(['ip_hash', 'created_at'])
    .execute();

  await db.schema
    .createTable('comment_bans')
    .addColumn('id', 'integer', (c) => dialect.idColumn(c))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** Keyed hash of the normalised email or IP: a ban list never holds the address itself. */
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('comment_bans_kind_value', ['kind', 'value_hash'])
    .execute();
}
