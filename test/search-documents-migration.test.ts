import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Migrator } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { createServices } from '../src/services.js';
import { migrateToLatest, openStorage, type Storage } from '../src/storage/database.js';
import { migrationsFor } from '../src/storage/migrations/index.js';
import { markdownToSafeHtml } from '../src/text/sanitized-html.js';
import { sharedDatabase } from './support/server-process.js';
import { TEST_DB } from './support/test-site.js';

let database: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
let storage: Storage | undefined;
after(async () => {
  await storage?.close();
  await database?.drop();
});

test('migration 013 keeps every search document: same results, same order, and later edits are found', async () => {
  database = await sharedDatabase(TEST_DB);
  storage = await openStorage(database.url);
  const migrator = new Migrator({
    db: storage.db,
    provider: { getMigrations: async () => migrationsFor(storage!.dialect) },
  });
  assert.equal((await migrator.migrateTo('012-search-visibility')).error, undefined);

  const now = new Date('2026-11-20T12:00:00Z');
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  const services = createServices({ config, storage, clock: () => now });
  const authorId = await services.taxonomy.createAuthor({
    name: 'Migration Writer',
    email: 'migration@newsdesk.invalid',
  });
  const stories: [string, string][] = [
    ['Harbour ferry timetable changes', 'The ferry leaves earlier from the harbour.'],
    ['Council debates the budget', 'A harbour fee was mentioned once.'],
    ['Kalın fog over the bay', 'Harbour pilots waited for the fog to lift over the harbour.'],
    ['Market day returns', 'Stalls line the square again.'],
  ];
  const publish = (title: string, body: string, hoursAgo: number) =>
    services.articles.create({
      title,
      dek: '',
      bodyHtml: markdownToSafeHtml(body),
      status: 'published',
      publishedAt: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
      authorIds: [authorId],
      primaryCategoryId: null,
      lang: null,
    });
  for (const [n, [title, body]] of stories.entries()) await publish(title, body, n + 1);

  const tree = await services.taxonomy.categoryTree();
  const search = async (q: string, sort: 'relevance' | 'newest') => {
    const found = await services.search.search({ q, page: 1, perPage: 10, sort }, tree);
    return { total: found.total, titles: found.results.map((r) => r.title) };
  };
  const queries = ['harbour', 'harb', '"harbour pilots"', 'kalin fog', 'budgte'];
  const before = [];
  for (const q of queries) before.push(await search(q, 'relevance'), await search(q, 'newest'));
  assert.equal(before[0]!.total, 3, 'the fixture finds something before the migration');

  const applied = await migrateToLatest(storage);
  assert.equal(applied[0], '013-search-documents');

  const afterwards = [];
  for (const q of queries) afterwards.push(await search(q, 'relevance'), await search(q, 'newest'));
  assert.deepEqual(afterwards, before);

  // Documents written after the migration are found, and a removed article's document goes.
  const late = await publish('Harbour lights relit', 'The harbour lights shine again.', 9);
  assert.equal((await search('lights', 'relevance')).total, 1);
  await storage.db.deleteFrom('article_authors').where('article_id', '=', late).execute();
  await storage.db.deleteFrom('articles').where('id', '=', late).execute();
  assert.equal((await search('lights', 'relevance')).total, 0);
});
