// An article's byline, featured image, tags and corrections arrive as JSON built by the database in
// the article's own statement (`JsonDialect`): these tests check that what comes out is exactly
// what went in, in the right order, on each engine, and that text which looks like JSON stays text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
const NOW = new Date('2026-11-20T12:00:00Z');
const ids = { first: 0, second: 0, third: 0, image: 0, withAll: 0, bare: 0 };
// Quotes, a backslash, non-Latin letters and markup: everything JSON must escape or keep.
const TRICKY = 'Ayşe "Kalın" O\'Brien \\ <b>';

before(async () => {
  site = await startTestSite({ now: NOW });
  const { taxonomy, articles } = site.services;
  ids.first = await taxonomy.createAuthor({ name: 'Zeynep Aksoy', email: 'z@newsdesk.invalid' });
  ids.second = await taxonomy.createAuthor({ name: TRICKY, email: 'a@newsdesk.invalid' });
  ids.third = await taxonomy.createAuthor({ name: 'Bo Lind', email: 'b@newsdesk.invalid' });
  const image = await site.storage.db
    .insertInto('media')
    .values({
      path: '2026/11/pier.jpg',
      mime: 'image/jpeg',
      width: 1600,
      height: 900,
      alt: 'The north pier at dawn',
      caption: TRICKY,
      credit: '',
      created_at: NOW.toISOString(),
      renditions: JSON.stringify([{ w: 640, h: 360, f: 'webp', p: '2026/11/pier-640.webp' }]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.image = image.id;
  const tagIds = [
    await taxonomy.ensureTag('Weather'),
    await taxonomy.ensureTag('Harbour'),
    await taxonomy.ensureTag('Ferries'),
  ];
  const publishedAt = new Date(NOW.getTime() - 3_600_000).toISOString();
  ids.withAll = await articles.create({
    // A title that is valid JSON must come back as the text it is.
    title: '[1, 2]',
    bodyHtml: '<p>Text.</p>',
    status: 'published',
    publishedAt,
    // Byline order is the editor's, not alphabetical nor by id.
    authorIds: [ids.third, ids.first, ids.second],
    tagIds,
    featuredMediaId: ids.image,
  });
  ids.bare = await articles.create({
    title: '{"a": 1}',
    bodyHtml: '<p>Text.</p>',
    status: 'published',
    publishedAt: new Date(NOW.getTime() - 7_200_000).toISOString(),
    authorIds: [ids.first],
  });
  await site.storage.db
    .insertInto('corrections')
    .values([
      {
        article_id: ids.withAll,
        kind: 'update',
        text: 'Later note.',
        author_id: null,
        created_at: '2026-11-20T11:30:00.000Z',
      },
      {
        article_id: ids.withAll,
        kind: 'correction',
        text: TRICKY,
        author_id: null,
        created_at: '2026-11-20T11:10:00.000Z',
      },
    ])
    .execute();
});

after(() => site?.close());

const slugOf = async (id: number) => (await site.services.repositories.articles.findById(id))!.slug;

test('an article page reads its byline, image, tags and corrections in order, text intact', async () => {
  const found = await site.services.repositories.articles.findBySlug(await slugOf(ids.withAll));
  assert.ok(found);
  assert.equal(found.title, '[1, 2]');
  assert.deepEqual(
    found.authors.map((a) => [a.id, a.name]),
    [
      [ids.third, 'Bo Lind'],
      [ids.first, 'Zeynep Aksoy'],
      [ids.second, TRICKY],
    ],
  );
  assert.deepEqual(found.image, {
    id: ids.image,
    path: '2026/11/pier.jpg',
    mime: 'image/jpeg',
    width: 1600,
    height: 900,
    alt: 'The north pier at dawn',
    caption: TRICKY,
    credit: '',
    renditions: [{ width: 640, height: 360, format: 'webp', path: '2026/11/pier-640.webp' }],
  });
  assert.deepEqual(
    found.tags.map((t) => t.name),
    ['Ferries', 'Harbour', 'Weather'],
  );
  assert.deepEqual(
    found.corrections.map((c) => [c.kind, c.text, c.createdAt]),
    [
      ['correction', TRICKY, '2026-11-20T11:10:00.000Z'],
      ['update', 'Later note.', '2026-11-20T11:30:00.000Z'],
    ],
  );
  // The same relations through the separate lookups other callers use.
  const repository = site.services.repositories.articles;
  assert.deepEqual(await repository.tagsOf(ids.withAll), found.tags);
  assert.deepEqual(await repository.correctionsOf(ids.withAll), found.corrections);
  const { tags: _tags, corrections: _corrections, ...record } = found;
  assert.deepEqual(await repository.findById(ids.withAll), record);
});

test('an article without image, tags or corrections reads empty ones, not text or null lists', async () => {
  const found = await site.services.repositories.articles.findBySlug(await slugOf(ids.bare));
  assert.ok(found);
  assert.equal(found.title, '{"a": 1}');
  assert.equal(found.image, null);
  assert.deepEqual(found.tags, []);
  assert.deepEqual(found.corrections, []);
  assert.deepEqual(
    found.authors.map((a) => a.name),
    ['Zeynep Aksoy'],
  );
});

test('listings carry the same byline and image as the article itself', async () => {
  const [list] = await site.services.repositories.articles.listSummaries([
    { publishedBefore: NOW.toISOString(), limit: 10 },
  ]);
  assert.deepEqual(
    list!.map((a) => a.id),
    [ids.withAll, ids.bare],
  );
  const full = await site.services.repositories.articles.findById(ids.withAll);
  assert.deepEqual(list![0]!.authors, full!.authors);
  assert.deepEqual(list![0]!.image, full!.image);
  assert.equal(list![1]!.image, null);
  const withBodies = await site.services.repositories.articles.listPublished({
    publishedBefore: NOW.toISOString(),
    limit: 10,
  });
  assert.deepEqual(withBodies[0], full);
});

test('the article page shows the byline in order and the image', async () => {
  const path = site.services.articles.pathOf(
    (await site.services.repositories.articles.findById(ids.withAll))!,
  );
  const response = await site.app.inject({ url: path });
  assert.equal(response.statusCode, 200);
  const html = response.body;
  const positions = ['Bo Lind', 'Zeynep Aksoy', 'Ayşe'].map((name) => html.indexOf(name));
  assert.ok(
    positions.every((p) => p > 0),
    `byline names present: ${positions}`,
  );
  assert.ok(positions[0]! < positions[1]! && positions[1]! < positions[2]!, 'byline in order');
  assert.match(html, /pier-640\.webp/);
  assert.ok(!html.includes('<b>'), 'names and captions are escaped');
});
