import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { runWordpressExport } from '../src/cli/export-command.js';
import { wordpressImporterFor } from '../src/cli/import-command.js';
import { changedAnything } from '../src/migration/wordpress-import.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/wordpress/millbrook-courier.xml');
const NOW = new Date('2026-06-01T12:00:00Z');
const ENV = { SITE_TIMEZONE: 'Europe/London' };

async function exportOf(site: TestSite): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await runWordpressExport(site.storage, site.config, out, () => site.clock.now);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

async function importFile(site: TestSite, file: string, uploadsDir?: string) {
  const importer = await wordpressImporterFor(site.services, site.config);
  return importer.run({ file, uploadsDir });
}

/**
 * The site's content without database ids (rows refer to each other by slug and path) and without
 * what each site derives for itself (keyed avatar hashes, account creation time).
 */
async function content(site: TestSite) {
  const db = site.storage.db;
  const users = await db.selectFrom('users').selectAll().orderBy('slug').execute();
  const categories = await db.selectFrom('categories').selectAll().orderBy('slug').execute();
  const tags = await db.selectFrom('tags').selectAll().orderBy('slug').execute();
  const media = await db.selectFrom('media').selectAll().orderBy('path').execute();
  const articles = await db.selectFrom('articles').selectAll().orderBy('slug').execute();
  const comments = await db.selectFrom('comments').selectAll().orderBy('id').execute();
  const userSlug = new Map(users.map((u) => [u.id, u.slug]));
  const categorySlug = new Map(categories.map((c) => [c.id, c.slug]));
  const tagSlug = new Map(tags.map((t) => [t.id, t.slug]));
  const mediaPath = new Map(media.map((m) => [m.id, m.path]));
  const articleSlug = new Map(articles.map((a) => [a.id, a.slug]));
  const commentKey = new Map(
    comments.map((c) => [
      c.id,
      `${articleSlug.get(c.article_id)}|${c.author_name}|${c.created_at}`,
    ]),
  );
  const relation = async (table: 'article_authors' | 'article_categories' | 'article_tags') =>
    (await db.selectFrom(table).selectAll().execute()).map((r) => {
      const row = r as unknown as Record<string, number>;
      return [
        articleSlug.get(row.article_id!),
        userSlug.get(row.user_id!) ??
          categorySlug.get(row.category_id!) ??
          tagSlug.get(row.tag_id!),
        row.position ?? 0,
      ].join('|');
    });
  const sorted = (list: string[]) => [...list].sort();
  return {
    users: users.map(({ id: _id, created_at: _created, ...u }) => u),
    categories: categories.map(({ id: _id, parent_id, ...c }) => ({
      ...c,
      parent: parent_id === null ? null : categorySlug.get(parent_id),
    })),
    tags: tags.map(({ id: _id, ...t }) => t),
    media: media.map(({ id: _id, ...m }) => m),
    articles: articles.map(({ id: _id, primary_category_id, featured_media_id, ...a }) => ({
      ...a,
      primary: primary_category_id === null ? null : categorySlug.get(primary_category_id),
      featured: featured_media_id === null ? null : mediaPath.get(featured_media_id),
    })),
    authors: sorted(await relation('article_authors')),
    articleCategories: sorted(await relation('article_categories')),
    articleTags: sorted(await relation('article_tags')),
    fields: sorted(
      (await db.selectFrom('article_fields').selectAll().execute()).map(
        (f) => `${articleSlug.get(f.article_id)}|${f.name}|${f.value}`,
      ),
    ),
    redirects: sorted(
      (await db.selectFrom('redirects').selectAll().execute()).map(
        (r) => `${r.path}|${articleSlug.get(r.article_id)}`,
      ),
    ),
    legacyMediaPaths: sorted(
      (await db.selectFrom('wordpress_paths').selectAll().execute()).map(
        (p) => `${p.path}|${p.kind}|${mediaPath.get(p.target_id)}`,
      ),
    ),
    comments: comments
      .map(({ id, article_id, parent_id, avatar_key: _key, ...c }) => ({
        ...c,
        key: commentKey.get(id),
        article: articleSlug.get(article_id),
        parent: parent_id === null ? null : commentKey.get(parent_id),
      }))
      .sort((a, b) => a.key!.localeCompare(b.key!)),
  };
}

describe('WordPress export', () => {
  let a: TestSite;
  let b: TestSite;
  let workDir: string;
  let xml: string;

  before(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'newsdesk-wp-export-'));
    const uploads = join(workDir, 'uploads');
    for (const [path, w, h] of [
      ['2024/03/old-mill-bridge.jpg', 120, 80],
      ['2024/03/river-gauge.jpg', 90, 60],
      ['2024/03/ferry-lane-sandbags.jpg', 64, 48],
    ] as const) {
      const file = join(uploads, path);
      mkdirSync(dirname(file), { recursive: true });
      await sharp({ create: { width: w, height: h, channels: 3, background: '#204060' } })
        .jpeg()
        .toFile(file);
    }
    a = await startTestSite({ env: ENV, now: NOW });
    b = await startTestSite({ env: ENV, now: NOW });
    await importFile(a, FIXTURE, uploads);
    xml = await exportOf(a);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('writes well-formed WXR 1.2 with what WordPress’s importer reads', () => {
    assert.equal(XMLValidator.validate(xml), true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      isArray: (name) =>
        [
          'wp:author',
          'wp:category',
          'wp:tag',
          'item',
          'category',
          'wp:postmeta',
          'wp:comment',
        ].includes(name),
    }).parse(xml);
    const channel = parsed.rss.channel;
    assert.equal(parsed.rss['@_xmlns:wp'], 'http://wordpress.org/export/1.2/');
    assert.equal(String(channel['wp:wxr_version']), '1.2');
    assert.equal(channel['wp:base_site_url'], 'http://newsdesk.test');
    assert.equal(channel['wp:author'].length, 3);
    // Categories are listed parents first: WordPress links a child only to a parent it has seen.
    const seen = new Set<string>(['']);
    for (const c of channel['wp:category']) {
      assert.ok(
        seen.has(String(c['wp:category_parent'])),
        `${c['wp:category_nicename']} before its parent`,
      );
      seen.add(String(c['wp:category_nicename']));
    }
    const items = channel.item as Record<string, unknown>[];
    const types = items.map((i) => i['wp:post_type']);
    assert.equal(types.filter((t) => t === 'post').length, 11);
    assert.equal(types.filter((t) => t === 'page').length, 2);
    assert.equal(types.filter((t) => t === 'attachment').length, 4);
    const ids = new Set(items.map((i) => i['wp:post_id']));
    assert.equal(ids.size, items.length, 'post ids are unique across posts and attachments');
    for (const item of items) {
      for (const field of [
        'title',
        'wp:post_id',
        'wp:post_date',
        'wp:post_date_gmt',
        'wp:status',
        'wp:post_name',
        'wp:post_type',
      ]) {
        assert.ok(field in item, `${field} in every item`);
      }
    }
    const statuses = new Set(items.map((i) => i['wp:status']));
    for (const s of ['publish', 'future', 'draft', 'pending', 'private', 'trash', 'inherit']) {
      assert.ok(statuses.has(s), s);
    }
    const bridge = items.find(
      (i) => i['wp:post_name'] === 'old-mill-bridge-to-close-for-six-weeks',
    )!;
    assert.equal((bridge['wp:comment'] as unknown[]).length, 7);
    const thumbnail = (bridge['wp:postmeta'] as Record<string, unknown>[]).find(
      (m) => m['wp:meta_key'] === '_thumbnail_id',
    );
    assert.ok(
      ids.has(thumbnail!['wp:meta_value']),
      'the featured image is an attachment in the file',
    );
  });

  test('import → export → import gives the same content', async () => {
    const file = join(workDir, 'site.xml');
    writeFileSync(file, xml);
    const summary = await importFile(b, file, a.config.mediaDir);
    assert.equal(summary.kinds.posts.imported, 11);
    assert.equal(summary.kinds.comments.imported, 7);
    assert.deepEqual(summary.unknownShortcodes, {});
    assert.deepEqual(await content(b), await content(a));
    // The files came along too.
    for (const m of await b.storage.db.selectFrom('media').select('path').execute()) {
      assert.equal(
        existsSync(join(b.config.mediaDir, m.path)),
        existsSync(join(a.config.mediaDir, m.path)),
        m.path,
      );
    }
    // And the second site exports the same file (sections may be numbered differently: the
    // export lists parents first, so the copy creates them in that order).
    const termIdsAside = (text: string) => text.replace(/<wp:term_id>\d+<\/wp:term_id>/g, '');
    assert.equal(termIdsAside(await exportOf(b)), termIdsAside(xml));
    // Re-importing the export into the site it came from changes nothing.
    assert.equal(changedAnything(await importFile(b, file, a.config.mediaDir)), false);
  });

  test('the copied site answers the same pages and old WordPress links', async () => {
    for (const path of [
      '/2024/03/14/old-mill-bridge-to-close-for-six-weeks/',
      '/category/news/valley/town-hall/',
      '/about/',
    ]) {
      const [ra, rb] = await Promise.all([a.app.inject(path), b.app.inject(path)]);
      assert.equal(rb.statusCode, 200, path);
      assert.equal(rb.statusCode, ra.statusCode, path);
    }
    const old = await b.app.inject('/about/corrections-policy/');
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/corrections-policy/');
    const upload = await b.app.inject('/wp-content/uploads/2024/03/old-mill-bridge.jpg');
    assert.equal(upload.statusCode, 301);
    assert.equal(upload.headers.location, '/media/wordpress/2024/03/old-mill-bridge.jpg');
  });

  test('the export never reaches a reader: emails are only in the file', async () => {
    assert.match(xml, /marta\.lindqvist@example\.net/);
    const page = await b.app.inject('/2024/03/14/old-mill-bridge-to-close-for-six-weeks/');
    assert.ok(!page.body.includes('marta.lindqvist@example.net'));
  });
});
