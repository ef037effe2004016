import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { wordpressImporterFor } from '../src/cli/import-command.js';
import { formatImportSummary } from '../src/migration/import-summary.js';
import {
  changedAnything,
  ImportError,
  type ImportSummary,
  WordPressImporter,
  type WordPressImportOptions,
} from '../src/migration/wordpress-import.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/wordpress/millbrook-courier.xml');
const NOW = new Date('2026-06-01T12:00:00Z');
const ENV = { SITE_TIMEZONE: 'Europe/London' };
const EMAILS = [
  'hulya.kaya@millbrook-courier.example',
  'tom.obrien@millbrook-courier.example',
  'nadia.haddad@millbrook-courier.example',
  'marta.lindqvist@example.net',
  'gareth.pryce@example.org',
  'sales@watches.example',
  'deleted.reader@example.org',
  'priya.n@example.com',
];

async function importInto(
  site: TestSite,
  file: string,
  options: Partial<WordPressImportOptions> = {},
): Promise<ImportSummary> {
  const importer = await wordpressImporterFor(site.services, site.config);
  return importer.run({ file, ...options });
}

/** A copy of `wp-content/uploads` with real (small) images for three of the four attachments. */
async function makeUploads(dir: string): Promise<string> {
  const uploads = join(dir, 'uploads');
  for (const [path, width, height] of [
    ['2024/03/old-mill-bridge.jpg', 120, 80],
    ['2024/03/river-gauge.jpg', 90, 60],
    ['2024/03/ferry-lane-sandbags.jpg', 64, 48],
  ] as const) {
    const file = join(uploads, path);
    mkdirSync(dirname(file), { recursive: true });
    await sharp({ create: { width, height, channels: 3, background: '#3a6b8c' } })
      .jpeg()
      .toFile(file);
  }
  return uploads;
}

async function articleBySlug(site: TestSite, slug: string) {
  return site.storage.db
    .selectFrom('articles')
    .selectAll()
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
}

async function wpArticleId(site: TestSite, wpId: number): Promise<number> {
  const row = await site.storage.db
    .selectFrom('wordpress_items')
    .select('newsdesk_id')
    .where('kind', '=', 'article')
    .where('wp_key', '=', String(wpId))
    .executeTakeFirstOrThrow();
  return row.newsdesk_id;
}

async function wpCommentId(site: TestSite, wpId: number): Promise<number> {
  const row = await site.storage.db
    .selectFrom('wordpress_items')
    .select('newsdesk_id')
    .where('kind', '=', 'comment')
    .where('wp_key', '=', String(wpId))
    .executeTakeFirstOrThrow();
  return row.newsdesk_id;
}

/** True when the `<li>` of comment `child` sits inside the `<li>` of comment `parent`. */
function nestedIn(html: string, parent: number, child: number): boolean {
  const start = html.indexOf(`<li class="comment" id="comment-${parent}"`);
  if (start === -1) return false;
  let depth = 0;
  const tags = /<li[\s>]|<\/li>/g;
  tags.lastIndex = start;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[0] === '</li>' ? -1 : 1;
    if (depth === 0) {
      return html.slice(start, m.index).includes(`id="comment-${child}"`);
    }
  }
  return false;
}

/** Every table the import writes, in a stable order, for before/after comparisons. */
async function snapshot(site: TestSite) {
  const db = site.storage.db;
  return {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    categories: await db.selectFrom('categories').selectAll().orderBy('id').execute(),
    tags: await db.selectFrom('tags').selectAll().orderBy('id').execute(),
    media: await db.selectFrom('media').selectAll().orderBy('id').execute(),
    articles: await db.selectFrom('articles').selectAll().orderBy('id').execute(),
    authors: await db
      .selectFrom('article_authors')
      .selectAll()
      .orderBy(['article_id', 'position'])
      .execute(),
    articleCategories: await db
      .selectFrom('article_categories')
      .selectAll()
      .orderBy(['article_id', 'category_id'])
      .execute(),
    articleTags: await db
      .selectFrom('article_tags')
      .selectAll()
      .orderBy(['article_id', 'tag_id'])
      .execute(),
    fields: await db
      .selectFrom('article_fields')
      .selectAll()
      .orderBy(['article_id', 'name'])
      .execute(),
    comments: await db.selectFrom('comments').selectAll().orderBy('id').execute(),
    redirects: await db
      .selectFrom('redirects')
      .select(['path', 'article_id'])
      .orderBy('path')
      .execute(),
  };
}

describe('WordPress import of the Millbrook Courier fixture', () => {
  let site: TestSite;
  let summary: ImportSummary;
  let workDir: string;

  before(async () => {
    site = await startTestSite({ env: ENV, now: NOW });
    workDir = mkdtempSync(join(tmpdir(), 'newsdesk-wp-'));
    summary = await importInto(site, FIXTURE, { uploadsDir: await makeUploads(workDir) });
  });
  after(async () => {
    await site?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('the summary counts every kind and says why things were skipped', () => {
    const k = summary.kinds;
    assert.deepEqual(
      [k.authors.imported, k.categories.imported, k.tags.imported, k.attachments.imported],
      [3, 6, 4, 4],
    );
    assert.equal(k.posts.imported, 11);
    assert.equal(k.pages.imported, 2);
    assert.equal(k.comments.imported, 7);
    assert.equal(k.comments.reasons['pingbacks (not reader comments)'], 1);
    assert.equal(k.other.reasons['menu items (menus are not imported)'], 1);
    assert.equal(k.other.reasons['menus (not imported)'], 1);
    assert.equal(k.other.reasons['post type "product" (not imported)'], 1);
    assert.equal(k.posts.notes['password-protected: imported unpublished'], 1);
    assert.equal(k.attachments.notes['file copied'], 3);
    assert.equal(k.attachments.notes['no file (original URL recorded)'], 1);
    assert.deepEqual(summary.unknownShortcodes, { 'contact-form-7': 1 });
    assert.deepEqual(summary.droppedBlocks, { 'latest-posts': 1, block: 1 });
    const text = formatImportSummary(summary);
    assert.match(text, /posts\s+11\s+0\s+0\s+0/);
    assert.match(text, /contact-form-7 ×1/);
    for (const email of EMAILS) assert.ok(!text.includes(email), `summary leaks ${email}`);
  });

  test('authors become people without passwords, with their emails kept', async () => {
    const users = await site.storage.db.selectFrom('users').selectAll().orderBy('slug').execute();
    assert.deepEqual(
      users.map((u) => [u.slug, u.name, u.email, u.password_hash, u.role]),
      [
        ['hkaya', 'Hülya Kaya', 'hulya.kaya@millbrook-courier.example', null, 'contributor'],
        ['nhaddad', 'Nadia Haddad', 'nadia.haddad@millbrook-courier.example', null, 'contributor'],
        ['tobrien', "Tom O'Brien", 'tom.obrien@millbrook-courier.example', null, 'contributor'],
      ],
    );
  });

  test('categories keep their hierarchy and descriptions; tags their names', async () => {
    const tree = await site.services.taxonomy.categoryTree();
    const townHall = tree.bySlug.get('town-hall')!;
    assert.equal(tree.path(townHall), '/category/news/valley/town-hall/');
    assert.equal(townHall.description, 'Council meetings, budgets & planning decisions.');
    assert.equal(
      tree.bySlug.get('valley')!.description,
      'Stories from Millbrook and the villages up the valley.',
    );
    const arabic = tree.all.find((c) => c.name === 'ثقافة')!;
    assert.match(arabic.slug, /^[a-z0-9-]+$/);
    const tags = await site.storage.db.selectFrom('tags').selectAll().orderBy('slug').execute();
    assert.deepEqual(
      tags.map((t) => [t.slug, t.name]),
      [
        ['flooding', 'flooding'],
        ['istanbul', 'İstanbul'],
        ['old-mill-bridge', 'Old Mill Bridge'],
        ['roadworks', 'roadworks'],
      ],
    );
  });

  test('statuses map without ever making anything public that was not', async () => {
    const statusOf = async (wpId: number) => {
      const id = await wpArticleId(site, wpId);
      const row = await site.storage.db
        .selectFrom('articles')
        .select(['status', 'published_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return [row.status, row.published_at];
    };
    assert.deepEqual(await statusOf(10), ['published', '2024-03-14T10:30:00.000Z']);
    assert.deepEqual(await statusOf(15), ['scheduled', '2037-05-01T06:00:00.000Z']);
    assert.deepEqual(await statusOf(16), ['unpublished', '2024-06-01T07:00:00.000Z']);
    assert.deepEqual(await statusOf(17), ['draft', null]);
    assert.deepEqual(await statusOf(18), ['pending', null]);
    assert.deepEqual(await statusOf(19), ['trash', '2024-02-10T10:00:00.000Z']);
    // Published with a password: unpublished until an editor decides.
    assert.deepEqual(await statusOf(24), ['unpublished', '2024-04-03T07:00:00.000Z']);
  });

  test('dates come from post_date_gmt, or post_date in the site time zone when GMT is empty', async () => {
    const relay = await articleBySlug(site, 'harriers-win-the-valley-relay');
    // 18:45 in London during summer time is 17:45 UTC.
    assert.equal(relay.published_at, '2024-06-09T17:45:00.000Z');
    const draft = await site.storage.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', await wpArticleId(site, 17))
      .executeTakeFirstOrThrow();
    assert.equal(draft.created_at, '2024-06-20T15:20:00.000Z');
    assert.equal(draft.slug, 'draft-ferry-timetable-changes');
    const bridge = await articleBySlug(site, 'old-mill-bridge-to-close-for-six-weeks');
    assert.equal(bridge.updated_at, '2024-03-15T08:00:00.000Z');
  });

  test('fields: excerpt, sticky, post format, comment status, featured image, language', async () => {
    const bridge = await articleBySlug(site, 'old-mill-bridge-to-close-for-six-weeks');
    const river = await articleBySlug(site, 'river-levels-fall-after-a-week-of-flooding');
    const library = await articleBySlug(site, 'istanbuldan-gelen-kutuphane-otobusu-millbrookta');
    const festival = await site.storage.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '=', await wpArticleId(site, 13))
      .executeTakeFirstOrThrow();
    assert.equal(
      river.excerpt,
      'The Mill Race is back below its warning level and the clean-up has started.',
    );
    assert.match(bridge.excerpt, /^Drivers heading into Millbrook/);
    assert.equal(river.comment_status, 'closed');
    assert.equal(bridge.comment_status, 'open');
    const fields = await site.storage.db.selectFrom('article_fields').selectAll().execute();
    const fieldOf = (id: number, name: string) =>
      fields.find((f) => f.article_id === id && f.name === name)?.value;
    assert.equal(fieldOf(bridge.id, 'sticky'), '1');
    assert.equal(fieldOf(river.id, 'format'), 'gallery');
    assert.equal(fieldOf(library.id, 'format'), 'aside');
    assert.equal(fieldOf(await wpArticleId(site, 16), 'wp_status'), 'private');
    assert.equal(fieldOf(await wpArticleId(site, 24), 'wp_status'), 'password-protected');
    assert.equal(library.title, "İstanbul'dan gelen kütüphane otobüsü Millbrook'ta");
    assert.deepEqual([festival.lang, festival.dir], ['ar', 'rtl']);
    assert.match(festival.slug, /^[a-z0-9-]+$/);

    const media = await site.storage.db.selectFrom('media').selectAll().orderBy('id').execute();
    const photo = media.find((m) => m.id === bridge.featured_media_id)!;
    assert.equal(photo.path, 'wordpress/2024/03/old-mill-bridge.jpg');
    assert.deepEqual([photo.width, photo.height, photo.mime], [1200, 800, 'image/jpeg']);
    assert.equal(photo.alt, 'A stone bridge with three arches over a fast river');
    assert.equal(photo.caption, 'The bridge seen from the weir path in early March.');
    assert.equal(photo.credit, 'Tom OBrien');
    assert.ok(existsSync(join(site.config.mediaDir, photo.path)));
    // No metadata in the export: the size is read from the copied file.
    const sandbags = media.find((m) => m.path.endsWith('ferry-lane-sandbags.jpg'))!;
    assert.deepEqual([sandbags.width, sandbags.height], [64, 48]);
    // Not in the uploads copy: recorded with its original URL, never fetched.
    const pdf = media.find((m) => m.path.endsWith('.pdf'))!;
    assert.equal(
      pdf.original_url,
      'https://millbrook-courier.example/wp-content/uploads/2024/04/budget-papers-2024.pdf',
    );
    assert.equal(pdf.mime, 'application/pdf');
    assert.ok(!existsSync(join(site.config.mediaDir, pdf.path)));
  });

  test('content: classic text gets paragraphs, shortcodes become figures, blocks lose their comments', async () => {
    const bridge = await articleBySlug(site, 'old-mill-bridge-to-close-for-six-weeks');
    const body = bridge.body_html;
    assert.match(body, /^<p>Drivers heading into Millbrook/);
    assert.match(body, /January\.<br \/>\nThe council says/);
    assert.match(
      body,
      /<figure><img src="\/media\/wordpress\/2024\/03\/old-mill-bridge\.jpg" alt="A stone bridge with three arches over a fast river" width="1200" height="800" \/><figcaption>The Old Mill Bridge carries about 4,000 vehicles a day\.<\/figcaption><\/figure>/,
    );
    assert.match(body, /<p>\[contact-form-7 id="4" title="Send us a tip"\]<\/p>/);
    assert.match(body, /<ul>\n<li>Buses on route 7/);
    assert.doesNotMatch(body, /<script|alert\("this never runs"\)|javascript:|onclick|class=/);
    assert.doesNotMatch(body, /<p>\s*<\/p>/);

    const river = await articleBySlug(site, 'river-levels-fall-after-a-week-of-flooding');
    assert.doesNotMatch(river.body_html, /<!--|wp:/);
    assert.match(river.body_html, /<h2>Clean-up begins<\/h2>/);
    assert.match(
      river.body_html,
      /<figure><figure><img src="\/media\/wordpress\/2024\/03\/river-gauge\.jpg" alt="A depth gauge post half under brown water" width="900" height="600" \/><figcaption>The gauge read 2\.1 metres on Sunday night\.<\/figcaption><\/figure><figure><img src="\/media\/wordpress\/2024\/03\/ferry-lane-sandbags\.jpg"/,
    );
    assert.match(river.body_html, /<blockquote>\s*<p>We have lived here forty years/);
    // Block content is already paragraphs: no autop line breaks are added.
    assert.doesNotMatch(river.body_html, /<br/);

    const relay = await articleBySlug(site, 'harriers-win-the-valley-relay');
    assert.match(
      relay.body_html,
      /<pre>Millbrook Harriers {3}1:42:10\nCrane Hill AC {8}1:42:14\n\nLow Ford Runners/,
    );
    assert.match(relay.body_html, /final climb\.<\/p>\n<p>It is the club's first relay win/);
  });

  test('comments keep their threads, statuses and private emails', async () => {
    const rows = await site.storage.db.selectFrom('comments').selectAll().orderBy('id').execute();
    const id = (wpId: number) => wpCommentId(site, wpId);
    const get = async (wpId: number) => {
      const nid = await id(wpId);
      return rows.find((r) => r.id === nid)!;
    };
    const marta = await get(101);
    const tom = await get(102);
    const martaAgain = await get(103);
    assert.equal(marta.parent_id, null);
    assert.equal(tom.parent_id, marta.id);
    assert.equal(martaAgain.parent_id, tom.id);
    assert.deepEqual([marta.depth, tom.depth, martaAgain.depth], [1, 2, 3]);
    assert.equal(
      marta.body,
      "Nine miles! Will the school bus still stop at Low Ford?\n\nI'm asking for the *whole* street.",
    );
    assert.match(marta.body_html ?? '', /<em>whole<\/em>/);
    assert.equal(
      tom.body,
      'It will, the council confirmed the stop moves to the [chapel car park](https://millbrook.example/map).',
    );
    assert.equal(marta.author_url, 'https://marta-walks.example');
    assert.equal(marta.author_email, 'marta.lindqvist@example.net');
    assert.equal(marta.created_at, '2024-03-14T11:02:00.000Z');
    assert.deepEqual(
      [
        (await get(104)).status,
        (await get(105)).status,
        (await get(106)).status,
        (await get(108)).status,
      ],
      ['pending', 'spam', 'trash', 'pending'],
    );
    assert.equal((await get(108)).parent_id, marta.id);
    assert.ok(marta.avatar_key, 'an identicon key is derived from the email');
  });

  test('the article page shows approved comments threaded and never an email', async () => {
    const res = await site.app.inject('/2024/03/14/old-mill-bridge-to-close-for-six-weeks/');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /<h1[^>]*>Old Mill Bridge to close for six weeks<\/h1>/);
    assert.match(html, /Tom O&#39;Brien|Tom O'Brien/);
    assert.match(html, /nine-mile detour/);
    assert.match(
      html,
      /\[contact-form-7 id=&quot;4&quot; title=&quot;Send us a tip&quot;\]|\[contact-form-7 id="4" title="Send us a tip"\]/,
    );
    const [marta, tom, martaAgain] = await Promise.all(
      [101, 102, 103].map((n) => wpCommentId(site, n)),
    );
    assert.ok(nestedIn(html, marta!, tom!), 'the reply sits under the comment it answers');
    assert.ok(nestedIn(html, tom!, martaAgain!), 'and the reply to the reply under that');
    for (const held of [104, 105, 106, 107, 108]) {
      const rows = await site.storage.db
        .selectFrom('wordpress_items')
        .select('newsdesk_id')
        .where('kind', '=', 'comment')
        .where('wp_key', '=', String(held))
        .execute();
      for (const r of rows)
        assert.ok(!html.includes(`id="comment-${r.newsdesk_id}"`), `comment ${held} must not show`);
    }
    assert.doesNotMatch(
      html,
      /Held comment|Spam comment|Trashed comment|Pending reply|our Sunday ride/,
    );
    for (const email of EMAILS) assert.ok(!html.includes(email), `page leaks ${email}`);
    assert.match(html, /src="\/media\/wordpress\/2024\/03\/old-mill-bridge\.jpg"/);
    const image = await site.app.inject('/media/wordpress/2024/03/old-mill-bridge.jpg');
    assert.equal(image.statusCode, 200);
  });

  test('the category archives follow the hierarchy', async () => {
    const townHall = await site.app.inject('/category/news/valley/town-hall/');
    assert.equal(townHall.statusCode, 200);
    assert.match(townHall.body, /<h1[^>]*>Town Hall<\/h1>/);
    assert.match(townHall.body, /Council meetings, budgets &amp; planning decisions\./);
    assert.match(townHall.body, /Old Mill Bridge to close for six weeks/);
    assert.doesNotMatch(townHall.body, /Polling stations|Subscribers only/);
    const news = await site.app.inject('/category/news/');
    assert.equal(news.statusCode, 200);
    // A parent section lists its subsections' stories and links to them.
    assert.match(news.body, /Old Mill Bridge to close for six weeks/);
    assert.match(news.body, /River levels fall after a week of flooding/);
    assert.match(news.body, /href="\/category\/news\/valley\/"/);
    assert.doesNotMatch(news.body, /newsroom rota|Private:/);
    const shortcut = await site.app.inject('/category/town-hall/');
    assert.equal(shortcut.statusCode, 301);
    assert.equal(shortcut.headers.location, '/category/news/valley/town-hall/');
    for (const email of EMAILS) assert.ok(!news.body.includes(email));
  });

  test('Turkish and Arabic stories and pages render', async () => {
    const library = await site.app.inject(
      '/2024/05/02/istanbuldan-gelen-kutuphane-otobusu-millbrookta/',
    );
    assert.equal(library.statusCode, 200);
    assert.match(
      library.body,
      /İstanbul&#39;dan gelen kütüphane otobüsü Millbrook&#39;ta|İstanbul'dan gelen kütüphane otobüsü Millbrook'ta/,
    );
    const festival = await site.storage.db
      .selectFrom('articles')
      .select('slug')
      .where('id', '=', await wpArticleId(site, 13))
      .executeTakeFirstOrThrow();
    const page = await site.app.inject(`/2024/06/15/${festival.slug}/`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<article class="story" lang="ar" dir="rtl"/);
    assert.match(page.body, /يعود مهرجان الفوانيس/);
    const about = await site.app.inject('/about/');
    assert.equal(about.statusCode, 200);
    assert.match(about.body, /above the old post office/);
    const policy = await site.app.inject('/corrections-policy/');
    assert.equal(policy.statusCode, 200);
  });

  test('nothing unpublished is reachable, and trashed stories are gone', async () => {
    const paths = [
      '/2037/05/01/polling-stations-confirmed/',
      '/2024/06/01/newsroom-rota/',
      '/2024/04/03/budget-line-by-line/',
    ];
    for (const path of paths) {
      const res = await site.app.inject(path);
      assert.equal(res.statusCode, 404, path);
    }
    const trashed = await site.app.inject('/2024/02/10/market-traders-back-sunday-opening/');
    assert.equal(trashed.statusCode, 410);
    const home = await site.app.inject('/');
    assert.doesNotMatch(
      home.body,
      /Polling stations|newsroom rota|Draft:|Pending:|Subscribers only|Market traders/,
    );
  });

  test('running the same import again changes nothing and says so', async () => {
    const before = await snapshot(site);
    const again = await importInto(site, FIXTURE, { uploadsDir: join(workDir, 'uploads') });
    assert.equal(changedAnything(again), false);
    assert.equal(again.kinds.posts.unchanged, 11);
    assert.equal(again.kinds.comments.unchanged, 7);
    assert.equal(again.kinds.attachments.unchanged, 4);
    assert.match(
      formatImportSummary(again),
      /Nothing changed: the site already matches this export\./,
    );
    assert.deepEqual(await snapshot(site), before);
  });
});

describe('importing a newer export', () => {
  let site: TestSite;
  let workDir: string;

  before(async () => {
    site = await startTestSite({ env: ENV, now: NOW });
    workDir = mkdtempSync(join(tmpdir(), 'newsdesk-wp-'));
    await importInto(site, FIXTURE);
  });
  after(async () => {
    await site?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('updates what changed, adds what is new, and keeps old URLs working', async () => {
    const newer = readFileSync(FIXTURE, 'utf8')
      // An edited headline and a comment approved since the first export.
      .replace(
        '<title><![CDATA[Old Mill Bridge to close for six weeks]]></title>',
        '<title><![CDATA[Old Mill Bridge to close for eight weeks]]></title>',
      )
      .replace(
        /(<wp:comment_id>104<\/wp:comment_id>[\s\S]*?<wp:comment_approved><!\[CDATA\[)0/,
        '$11',
      )
      // The relay story was given a shorter slug.
      .replace(
        '<wp:post_name><![CDATA[harriers-win-the-valley-relay]]></wp:post_name>',
        '<wp:post_name><![CDATA[harriers-win-relay]]></wp:post_name>',
      )
      .replace(
        '<wp:category_description><![CDATA[Results and reports from valley clubs.]]></wp:category_description>',
        '<wp:category_description><![CDATA[Results, fixtures and reports from valley clubs.]]></wp:category_description>',
      )
      // A new story published after the first export.
      .replace(
        '</channel>',
        `<item><title><![CDATA[Footbridge opens beside Old Mill Bridge]]></title>
<link>https://millbrook-courier.example/2024/07/01/footbridge-opens/</link>
<dc:creator><![CDATA[tobrien]]></dc:creator>
<content:encoded><![CDATA[The temporary footbridge opened at dawn.]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>50</wp:post_id>
<wp:post_date><![CDATA[2024-07-01 07:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2024-07-01 06:00:00]]></wp:post_date_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status>
<wp:post_name><![CDATA[footbridge-opens]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="valley"><![CDATA[Valley]]></category>
</item>
</channel>`,
      );
    const file = join(workDir, 'newer.xml');
    writeFileSync(file, newer);
    const summary = await importInto(site, file);
    assert.equal(summary.kinds.posts.updated, 2);
    assert.equal(summary.kinds.posts.imported, 1);
    assert.equal(summary.kinds.posts.unchanged, 9);
    assert.equal(summary.kinds.comments.updated, 1);
    assert.equal(summary.kinds.categories.updated, 1);
    assert.equal(summary.kinds.comments.imported, 0);

    const page = await site.app.inject('/2024/03/14/old-mill-bridge-to-close-for-six-weeks/');
    assert.match(page.body, /<h1[^>]*>Old Mill Bridge to close for eight weeks<\/h1>/);
    assert.match(page.body, /the detour signs point the wrong way/);
    const moved = await site.app.inject('/2024/06/09/harriers-win-the-valley-relay/');
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, '/2024/06/09/harriers-win-relay/');
    assert.equal((await site.app.inject('/2024/07/01/footbridge-opens/')).statusCode, 200);

    const third = await importInto(site, file);
    assert.equal(changedAnything(third), false);
  });
});

describe('older exports', () => {
  let site: TestSite;
  let workDir: string;

  before(async () => {
    site = await startTestSite({ env: ENV, now: NOW });
    workDir = mkdtempSync(join(tmpdir(), 'newsdesk-wp-'));
  });
  after(async () => {
    await site?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('a WXR 1.0 file (no author list, no term ids) imports, bylines becoming people', async () => {
    const file = join(workDir, 'wxr-1.0.xml');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.0/">
<channel>
<title>Old Blog</title>
<link>http://old-blog.example</link>
<wp:wxr_version>1.0</wp:wxr_version>
<wp:category><wp:category_nicename>news</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<item>
<title>Search page from 2009</title>
<link>http://old-blog.example/search/</link>
<dc:creator><![CDATA[webmaster]]></dc:creator>
<content:encoded><![CDATA[Our first page.]]></content:encoded>
<wp:post_id>3</wp:post_id>
<wp:post_date>2009-05-01 10:00:00</wp:post_date>
<wp:post_date_gmt>2009-05-01 09:00:00</wp:post_date_gmt>
<wp:comment_status>closed</wp:comment_status>
<wp:post_name>search</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>page</wp:post_type>
</item>
<item>
<title>Hello from 2009</title>
<dc:creator><![CDATA[webmaster]]></dc:creator>
<content:encoded><![CDATA[First post.]]></content:encoded>
<wp:post_id>4</wp:post_id>
<wp:post_date>2009-05-02 10:00:00</wp:post_date>
<wp:post_date_gmt>2009-05-02 09:00:00</wp:post_date_gmt>
<wp:post_name>hello-2009</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="news"><![CDATA[News]]></category>
</item>
</channel>
</rss>
`,
    );
    const summary = await importInto(site, file);
    assert.equal(summary.site?.wxrVersion, '1.0');
    assert.equal(summary.kinds.posts.imported, 1);
    assert.equal(summary.kinds.pages.imported, 1);
    assert.equal(summary.kinds.authors.imported, 1);
    assert.equal(summary.kinds.authors.notes['created from a byline (not in the author list)'], 1);
    // `/search/` is Newsdesk's search page: the page gets another slug and a note says so.
    assert.equal(
      summary.kinds.pages.notes[
        'new slug (the old one is taken or is a Newsdesk route); old URL redirects'
      ],
      1,
    );
    const person = await site.storage.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    assert.deepEqual(
      [person.slug, person.email, person.password_hash],
      ['webmaster', 'webmaster@wordpress-import.invalid', null],
    );
    const res = await site.app.inject('/2009/05/02/hello-2009/');
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('wordpress-import.invalid'));
  });
});

describe('dry runs and interrupted imports', () => {
  let site: TestSite;
  let workDir: string;

  before(async () => {
    site = await startTestSite({ env: ENV, now: NOW });
    workDir = mkdtempSync(join(tmpdir(), 'newsdesk-wp-'));
  });
  after(async () => {
    await site?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('a dry run reports what it would do and writes nothing', async () => {
    const summary = await importInto(site, FIXTURE, {
      dryRun: true,
      uploadsDir: await makeUploads(workDir),
    });
    assert.equal(summary.dryRun, true);
    assert.equal(summary.kinds.posts.imported, 11);
    assert.equal(summary.kinds.comments.imported, 7);
    assert.match(formatImportSummary(summary), /DRY RUN: nothing was written/);
    const counts = await Promise.all(
      (['articles', 'users', 'categories', 'comments', 'media', 'wordpress_items'] as const).map(
        async (table) =>
          Number(
            (
              await site.storage.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
      ),
    );
    assert.deepEqual(counts, [0, 0, 0, 0, 0, 0]);
    assert.ok(!existsSync(join(site.config.mediaDir, 'wordpress')), 'no file copied');
  });

  test('a cut-off file stops with its last line before any story is written', async () => {
    const text = readFileSync(FIXTURE, 'utf8');
    const cut = text.indexOf('وقالت اللجنة');
    const truncated = join(workDir, 'truncated.xml');
    writeFileSync(truncated, text.slice(0, cut));
    await assert.rejects(
      importInto(site, truncated, { batchSize: 3 }),
      (error: unknown) =>
        error instanceof ImportError &&
        error.code === 'WXR_TRUNCATED' &&
        error.line === text.slice(0, cut).split('\n').length,
    );
    // The first pass reads the whole file before any story is written.
    const articles = await site.storage.db.selectFrom('articles').select('id').execute();
    assert.equal(articles.length, 0);
  });

  test('a failure inside a batch rolls the batch back whole, and the next run resumes', async () => {
    // The Turkish story gets a comment whose processing fails: a stand-in for a crash or a
    // database error in the middle of a batch.
    const text = readFileSync(FIXTURE, 'utf8').replace(
      '<category domain="post_tag" nicename="istanbul">',
      `<wp:comment><wp:comment_id>120</wp:comment_id>
<wp:comment_author><![CDATA[Kemal]]></wp:comment_author>
<wp:comment_author_email><![CDATA[crash@example.org]]></wp:comment_author_email>
<wp:comment_date_gmt><![CDATA[2024-05-02 15:00:00]]></wp:comment_date_gmt>
<wp:comment_content><![CDATA[Harika bir haber!]]></wp:comment_content>
<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
<wp:comment_parent>0</wp:comment_parent></wp:comment>
<category domain="post_tag" nicename="istanbul">`,
    );
    const file = join(workDir, 'with-crash.xml');
    writeFileSync(file, text);
    const services = site.services;
    const failing = new WordPressImporter({
      repository: services.repositories.migration,
      mediaDir: site.config.mediaDir,
      siteTimeZone: site.config.siteTimezone,
      clock: services.clock,
      avatarKey: (email) => {
        if (email === 'crash@example.org') throw new Error('disk full');
        return null;
      },
    });
    const itemLine =
      text.slice(0, text.indexOf("<title><![CDATA[İstanbul'dan")).split('\n').length - 1;
    await assert.rejects(
      failing.run({ file, batchSize: 1 }),
      (error: unknown) =>
        error instanceof ImportError && error.code === 'IMPORT_FAILED' && error.line === itemLine,
    );
    const written = await site.storage.db.selectFrom('articles').select(['id', 'slug']).execute();
    // Earlier batches are whole: the bridge story with all seven of its comments.
    const bridge = written.find((a) => a.slug === 'old-mill-bridge-to-close-for-six-weeks');
    assert.ok(bridge);
    const bridgeComments = await site.storage.db
      .selectFrom('comments')
      .select('id')
      .where('article_id', '=', bridge.id)
      .execute();
    assert.equal(bridgeComments.length, 7);
    // The failed batch left nothing: not the story, not its comment; later ones were not reached.
    assert.ok(!written.some((a) => a.slug.startsWith('istanbuldan')));
    assert.equal(written.length, 2);
    const crash = await site.storage.db
      .selectFrom('comments')
      .select('id')
      .where('author_email', '=', 'crash@example.org')
      .execute();
    assert.equal(crash.length, 0);

    const resumed = await importInto(site, file, { batchSize: 1 });
    assert.equal(resumed.kinds.posts.unchanged, 2);
    assert.equal(resumed.kinds.posts.imported, 9);
    assert.equal(resumed.kinds.comments.unchanged, 7);
    assert.equal(resumed.kinds.comments.imported, 1);
    const total = await site.storage.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(total.n), 13);
  });
});
