import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Migrator } from 'kysely';
import { migrateToLatest, openStorage, type Storage } from '../src/storage/database.js';
import { migrationsFor } from '../src/storage/migrations/index.js';
import { KyselyTaxonomyRepository } from '../src/storage/repositories/kysely-taxonomy-repository.js';
import { sharedDatabase } from './support/server-process.js';
import { TEST_DB } from './support/test-site.js';

let database: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
let storage: Storage | undefined;
after(async () => {
  await storage?.close();
  await database?.drop();
});

test('migration 010 moves former slugs out of the settings every page reads', async () => {
  database = await sharedDatabase(TEST_DB);
  storage = await openStorage(database.url);
  const migrator = new Migrator({
    db: storage.db,
    provider: { getMigrations: async () => migrationsFor(storage!.dialect) },
    allowUnorderedMigrations: true,
  });
  const before = await migrator.migrateTo('009-indexes');
  assert.equal(before.error, undefined);
  // As the taxonomy repository stored them before the migration.
  await storage.db
    .insertInto('settings')
    .values([
      { key: 'former-slug:category:harbour-news', value: '7' },
      { key: 'former-slug:tag:ferris-wheel', value: '12' },
      { key: 'siteName', value: JSON.stringify('Harbour Herald') },
    ])
    .execute();

  const applied = await migrateToLatest(storage);
  assert.equal(applied[0], '010-former-slugs');

  const settings = await storage.db.selectFrom('settings').select('key').execute();
  assert.deepEqual(
    settings.map((s) => s.key),
    ['siteName'],
  );
  const taxonomy = new KyselyTaxonomyRepository(storage.db);
  assert.equal(await taxonomy.findFormerSlug('category', 'harbour-news'), 7);
  assert.equal(await taxonomy.findFormerSlug('tag', 'ferris-wheel'), 12);
  assert.equal(await taxonomy.findFormerSlug('tag', 'harbour-news'), undefined);
  // A later rename of the same old slug points it elsewhere.
  await taxonomy.recordFormerSlug('category', 'harbour-news', 9);
  assert.equal(await taxonomy.findFormerSlug('category', 'harbour-news'), 9);
});
