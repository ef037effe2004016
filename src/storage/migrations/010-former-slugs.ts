import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';

const PREFIX = 'former-slug:';

/**
 * Former category and tag slugs (their old archive URLs answer 301) get a table of their own.
 * They used to be rows of the settings table, which every page reads whole: each rename made
 * every page read a little more. Existing rows move over.
 */
export async function up(db: Kysely<unknown>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('former_slugs')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('term_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('former_slugs_pk', ['kind', 'slug'])
    .execute();

  // biome-ignore lint/suspicious/noExplicitAny: migrations see the schema as it was then
  const old = db as Kysely<any>;
  const rows: Array<{ key: string; value: string }> = await old
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'like', `${PREFIX}%`)
    .execute();
  for (const { key, value } of rows) {
    // former-slug:<kind>:<slug>; slugs never contain ':'.
    const [kind, slug] = key.slice(PREFIX.length).split(':');
    const termId = Number(JSON.parse(value));
    if (!kind || !slug || !Number.isSafeInteger(termId)) continue;
    await old
      .insertInto('former_slugs')
      .values({ kind, slug, term_id: termId })
      .onConflict((oc) => oc.columns(['kind', 'slug']).doUpdateSet({ term_id: termId }))
      .execute();
  }
  await old.deleteFrom('settings').where('key', 'like', `${PREFIX}%`).execute();
}
