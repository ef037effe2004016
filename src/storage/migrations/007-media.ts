import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

/**
 * The media library: each item's responsive renditions (JSON list of files), the SHA-256 of the
 * uploaded bytes (the same file uploaded twice is one item), its size and who uploaded it.
 */
export async function up(db: Kysely<unknown>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .alterTable('media')
    .addColumn('renditions', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('media').addColumn('sha256', 'text').execute();
  await db.schema.alterTable('media').addColumn('bytes', 'integer').execute();
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer').execute();
  await db.schema.createIndex('media_sha256').on('media').column('sha256').execute();
  await db.schema.createIndex('media_created_at').on('media').column('created_at').execute();
}
