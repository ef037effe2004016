// Section, tag and author listings read the links' own copy of each article's type, status and
// publication time (migration 015, kept by triggers). These tests change articles behind the
// services' back, with plain UPDATEs as any writer could, and check that the listings follow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Kysely, Migrator, sql } from 'kysely';
import type { Listing } from '../src/articles/article-service.js';
import { loadConfig } from '../src/config/config.js';
import { createServices, type Services } from '../src/services.js';
import { migrateToLatest, openStorage, type Storage } from '../src/storage/database.js';
import { migrationsFor } from '../src/storage/migrations/index.js';
import type { Database } from '../src/storage/schema.js';
import { sharedDatabase } from './support/server-process.js';
import { TEST_DB } from './support/test-site.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

let database: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
let storage: Storage;
let services: Services;
const ids = { section: 0, subsection: 0, other: 0, tag: 0, author: 0 };
const story: Record<string, number> = {};

before(async () => {
  database = await sharedDatabase(TEST_DB);
  storage = await openStorage(database.url);
  const migrator = new Migrator({
    db: storage.db,
    provider: { getMigrations: async () => migrationsFor(storage.dialect) },
  });
  assert.equal((await migrator.migrateTo('014-listing-lastmod')).error, undefined);
  const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
  services = createServices({ config, storage, clock: () => NOW });
  const { taxonomy, articles } = services;
  ids.section = await taxonomy.createCategory({ name: 'Harbour' });
  ids.subsection = await taxonomy.createCategory({ name: 'Ferries', parentId: ids.section });
  ids.other = await taxonomy.createCategory({ name: 'Markets' });
  ids.tag = await taxonomy.ensureTag('Fog');
  ids.author = await taxonomy.createAuthor({
    name: 'Link Writer',
    email: 'links@newsdesk.invalid',
  });
  const publish = (title: string, hours: number, primary: number, categoryIds: number[] = []) =>
    articles.create({
      title,
      bodyHtml: '<p>Text.</p>',
      status: 'published',
      publishedAt: hoursAgo(hours),
      authorIds: [ids.author],
      primaryCategoryId: primary,
      categoryIds,
      tagIds: [ids.tag],
    });
  story.pier = await publish('Pier reopens', 1, ids.section);
  story.ferry = await publish('Ferry timetable', 2, ids.subsection, [ids.section]);
  story.fish = await publish('Fish prices', 3, ids.other, [ids.subsection]);
  story.old = await publish('Old lighthouse', 4, ids.section);
  // A site written before the primary section had to be among the article's sections.
  await storage.db
    .deleteFrom('article_categories')
    .where('article_id', '=', story.old)
    .where('category_id', '=', ids.section)
    .execute();
  assert.deepEqual(await migrateToLatest(storage), ['015-link-listings']);
});

after(async () => {
  await storage?.close();
  await database?.drop();
});

/** Titles listed (newest first) and counts: the section with its sub-section, the tag, the author. */
async function listed() {
  const listings = {
    section: { categoryIds: [ids.section, ids.subsection] },
    subsection: { categoryIds: [ids.subsection] },
    tag: { tagId: ids.tag },
    author: { authorId: ids.author },
  } satisfies Record<string, Listing>;
  const tree = await services.taxonomy.categoryTree();
  // The writes here go around the services (raw SQL), so no change tells them to forget the
  // lists they read recently: forgotten by hand, as a purge from another process would.
  services.articles.forgetRecent();
  const out = {} as Record<keyof typeof listings, { titles: string[]; count: number }>;
  for (const [name, listing] of Object.entries(listings) as [keyof typeof listings, Listing][]) {
    const page = await services.articles.summaries(listing, 10, 0, tree);
    out[name] = { titles: page.map((a) => a.title), count: await services.articles.count(listing) };
  }
  return out;
}

const everywhere = (titles: string[], subsection: string[]) => ({
  section: { titles, count: titles.length },
  subsection: { titles: subsection, count: subsection.length },
  tag: { titles, count: titles.length },
  author: { titles, count: titles.length },
});

/** Changes an article with a plain UPDATE, as any writer (import, copy, an operator) could. */
const setArticle = (
  id: number,
  values: { status?: string; published_at?: string; type?: string },
) =>
  sql`UPDATE articles SET ${sql.join(
    Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`),
  )} WHERE id = ${id}`.execute(storage.db);

test("migration 015 lists what was there, the older rows' primary sections included", async () => {
  assert.deepEqual(
    await listed(),
    everywhere(
      ['Pier reopens', 'Ferry timetable', 'Fish prices', 'Old lighthouse'],
      ['Ferry timetable', 'Fish prices'],
    ),
  );
  // Later pages of a section with sub-sections: merged, each article once.
  const tree = await services.taxonomy.categoryTree();
  const section = { categoryIds: [ids.section, ids.subsection] };
  const page = async (offset: number) =>
    (await services.articles.summaries(section, 2, offset, tree)).map((a) => a.title);
  assert.deepEqual(await page(2), ['Fish prices', 'Old lighthouse']);
  assert.deepEqual(await page(3), ['Old lighthouse']);
});

test('listings follow status, date and type changes made by any writer', async () => {
  await setArticle(story.ferry!, { status: 'draft' });
  assert.deepEqual(
    await listed(),
    everywhere(['Pier reopens', 'Fish prices', 'Old lighthouse'], ['Fish prices']),
  );
  await setArticle(story.ferry!, { status: 'published', published_at: hoursAgo(10) });
  assert.deepEqual(
    await listed(),
    everywhere(
      ['Pier reopens', 'Fish prices', 'Old lighthouse', 'Ferry timetable'],
      ['Fish prices', 'Ferry timetable'],
    ),
  );
  // Dated in the future: not listed until then.
  await setArticle(story.old!, { published_at: new Date(NOW.getTime() + 3_600_000).toISOString() });
  await setArticle(story.fish!, { type: 'page' });
  assert.deepEqual(
    await listed(),
    everywhere(['Pier reopens', 'Ferry timetable'], ['Ferry timetable']),
  );
  await setArticle(story.old!, { published_at: hoursAgo(4) });
  await setArticle(story.fish!, { type: 'post' });
});

test('links written after the article take its state: new stories, edits and section merges', async () => {
  const { articles, taxonomy } = services;
  const draft = await articles.create({
    title: 'Quay draft',
    bodyHtml: '<p>Text.</p>',
    status: 'draft',
    authorIds: [ids.author],
    primaryCategoryId: ids.other,
    tagIds: [ids.tag],
  });
  const before = await listed();
  assert.equal(before.tag.titles.includes('Quay draft'), false, 'a draft is not listed');
  await setArticle(draft, { status: 'published', published_at: hoursAgo(0.5) });
  assert.equal((await listed()).tag.titles[0], 'Quay draft');

  // Merging "Markets" into the sub-section inserts links with INSERT … SELECT.
  await taxonomy.mergeCategory(ids.other, ids.subsection);
  const merged = await listed();
  assert.deepEqual(merged.subsection, {
    titles: ['Quay draft', 'Fish prices', 'Ferry timetable'],
    count: 3,
  });
  assert.equal(merged.section.count, 5);
  const unfilled = await storage.db
    .selectFrom('article_categories')
    .select('article_id')
    .where('status', 'is', null)
    .execute();
  assert.deepEqual(unfilled, [], "every link carries its article's state");
});

test('every page of a section with sub-sections is right, and its pages share a few statements', async () => {
  const { articles, taxonomy } = services;
  const quays = await taxonomy.createCategory({ name: 'Quays' });
  const moorings = await taxonomy.createCategory({ name: 'Moorings', parentId: quays });
  const titles: string[] = [];
  for (let i = 0; i < 12; i++) {
    titles.push(`Berth ${i}`);
    await articles.create({
      title: `Berth ${i}`,
      bodyHtml: '<p>Text.</p>',
      status: 'published',
      publishedAt: hoursAgo(10 + i),
      authorIds: [ids.author],
      primaryCategoryId: i % 3 === 0 ? quays : moorings,
    });
  }
  // The same connections (the dialect's pool, closed with `storage`) through a Kysely that keeps
  // the text of every merged listing it runs.
  const statements = new Set<string>();
  const logged = new Kysely<Database>({
    dialect: storage.dialect.kyselyDialect,
    log: (event) => {
      if (event.level === 'query' && /\bunion\b/i.test(event.query.sql)) {
        statements.add(event.query.sql);
      }
    },
  });
  const config = loadConfig({ DATABASE_URL: database!.url, LOG_LEVEL: 'silent' });
  const loggedServices = createServices({
    config,
    storage: { db: logged, dialect: storage.dialect, close: () => storage.close() },
    clock: () => NOW,
  });
  const tree = await loggedServices.taxonomy.categoryTree();
  const listing = { categoryIds: [quays, moorings] };
  statements.clear();
  const pages: string[] = [];
  for (let offset = 0; offset < titles.length; offset++) {
    const [article] = await loggedServices.articles.list(listing, 1, offset, tree);
    pages.push(article!.title);
  }
  assert.deepEqual(pages, titles, 'newest first, one per page, none skipped or repeated');
  // Branches read 1, 2, 4, 8 or 16 rows: five statements for twelve pages, not twelve.
  assert.equal(statements.size, 5, [...statements].join('\n'));
});
