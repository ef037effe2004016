import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { PublishedArticle } from '../src/articles/article.js';
import { htmlToText } from '../src/text/sanitized-html.js';
import { addHiddenContent, type HiddenContent, leaksIn } from './support/syndication-fixtures.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const ORIGIN = 'http://newsdesk.test';
type Feed = ReturnType<typeof parseFeed>;

const TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

let site: TestSite;
let hidden: HiddenContent;

before(async () => {
  site = await startTestSite({ demo: true });
  hidden = await addHiddenContent(site);
});
after(() => site?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  site.app.inject({ method: 'GET', url, headers });

async function xmlFeed(url: string, format: 'rss' | 'atom'): Promise<Feed> {
  const res = await get(url);
  assert.equal(res.statusCode, 200, url);
  assert.equal(res.headers['content-type'], TYPES[format], url);
  const feed = parseFeed(res.body);
  assert.equal(feed.meta.type, format, url);
  return feed;
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  image?: string;
  date_published: string;
  date_modified: string;
  authors?: { name: string; url?: string }[];
  tags?: string[];
  language?: string;
  attachments?: { url: string; mime_type: string; size_in_bytes: number }[];
}
interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  icon: string;
  language: string;
  authors: { name: string; url?: string }[];
  items: JsonFeedItem[];
}

/** Parses a JSON Feed and checks it against the 1.1 specification's fields and types. */
async function jsonFeed(url: string): Promise<JsonFeed> {
  const res = await get(url);
  assert.equal(res.statusCode, 200, url);
  assert.equal(res.headers['content-type'], TYPES.json, url);
  const feed = JSON.parse(res.body) as JsonFeed & Record<string, unknown>;
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(typeof feed.title, 'string');
  assert.ok(feed.title.length > 0);
  assert.equal(feed.feed_url, `${ORIGIN}${url}`);
  assert.ok(feed.home_page_url.startsWith(`${ORIGIN}/`));
  assert.ok(feed.icon.startsWith(`${ORIGIN}/`));
  assert.equal(feed.language, 'en');
  assert.ok(Array.isArray(feed.authors) && feed.authors.length > 0);
  assert.equal('author' in feed, false, '1.1 replaced `author` by `authors`');
  assert.ok(Array.isArray(feed.items));
  const ids = new Set<string>();
  for (const item of feed.items as (JsonFeedItem & Record<string, unknown>)[]) {
    assert.equal(typeof item.id, 'string');
    assert.ok(!ids.has(item.id), 'ids are unique');
    ids.add(item.id);
    assert.ok(item.url.startsWith(`${ORIGIN}/`));
    assert.ok(
      typeof item.content_html === 'string' || typeof item.content_text === 'string',
      'an item has content_html or content_text',
    );
    assert.match(item.date_published, RFC3339);
    assert.match(item.date_modified, RFC3339);
    assert.ok(item.date_modified >= item.date_published);
    assert.equal('author' in item, false);
    for (const a of item.authors ?? []) assert.equal(typeof a.name, 'string');
    for (const att of item.attachments ?? []) {
      assert.ok(att.url.startsWith(`${ORIGIN}/`));
      assert.equal(typeof att.mime_type, 'string');
      assert.ok(Number.isInteger(att.size_in_bytes) && att.size_in_bytes > 0);
    }
  }
  return feed;
}

async function newest(limit: number, listing = {}): Promise<PublishedArticle[]> {
  const tree = await site.services.taxonomy.categoryTree();
  return site.services.articles.list(listing, limit, 0, tree);
}

const fileSize = async (path: string) => (await stat(join(site.config.mediaDir, path))).size;

describe('the site feed', () => {
  test('RSS 2.0 lists the newest 20 stories field by field', async () => {
    const feed = await xmlFeed('/feed/', 'rss');
    const expected = await newest(20);
    assert.equal(feed.title, 'The Harbour Gazette');
    assert.equal(feed.url, `${ORIGIN}/`);
    assert.equal(feed.self, `${ORIGIN}/feed/`);
    assert.equal(feed.language, 'en');
    assert.equal(feed.items.length, 20);
    for (const [i, item] of feed.items.entries()) {
      const a = expected[i]!;
      assert.equal(item.title, a.title);
      assert.equal(item.url, `${ORIGIN}${a.path}`);
      assert.equal(item.id, `${ORIGIN}/?p=${a.id}`);
      // RFC 822 dates in RSS carry whole seconds.
      assert.equal(item.published?.toISOString(), toWholeSecond(a.publishedAt));
      assert.equal(item.description, a.excerpt);
      assert.equal(htmlToText(item.content ?? ''), htmlToText(a.bodyHtml));
      assert.deepEqual(
        item.authors.map((p) => [p.name, p.email]),
        a.authors.map((p) => [p.name, null]),
      );
      assert.deepEqual(
        item.categories.map((c) => c.label),
        a.primaryCategory ? [a.primaryCategory.name] : [],
      );
      if (a.image) {
        const [media] = item.media;
        assert.equal(media?.url, `${ORIGIN}/media/${a.image.path}`);
        assert.equal(media?.mimeType, 'image/jpeg');
        assert.equal(media?.length, await fileSize(a.image.path));
      } else {
        assert.equal(item.media.length, 0);
      }
    }
    // Newest first, by publication time.
    const times = feed.items.map((i) => i.published!.getTime());
    assert.deepEqual(
      times,
      [...times].sort((x, y) => y - x),
    );
  });

  test('RSS guids are permanent ids, never permalinks', async () => {
    const res = await get('/feed/');
    const guids = [...res.body.matchAll(/<guid isPermaLink="([^"]+)">([^<]+)<\/guid>/g)];
    assert.equal(guids.length, 20);
    for (const [, isPermaLink, guid] of guids) {
      assert.equal(isPermaLink, 'false');
      assert.match(guid!, /^http:\/\/newsdesk\.test\/\?p=\d+$/);
    }
  });

  test('Atom 1.0 carries published and updated times and the enclosure type', async () => {
    const feed = await xmlFeed('/feed/atom/', 'atom');
    const expected = await newest(20);
    assert.equal(feed.self, `${ORIGIN}/feed/atom/`);
    assert.equal(feed.items.length, 20);
    const newestChange = Math.max(
      ...expected.map((a) => Math.max(Date.parse(a.updatedAt), Date.parse(a.publishedAt))),
    );
    assert.equal(feed.updated?.getTime(), newestChange);
    for (const [i, item] of feed.items.entries()) {
      const a = expected[i]!;
      assert.equal(item.title, a.title);
      assert.equal(item.id, `${ORIGIN}/?p=${a.id}`);
      assert.equal(item.url, `${ORIGIN}${a.path}`);
      assert.equal(item.published?.toISOString(), a.publishedAt);
      const modified =
        Date.parse(a.updatedAt) > Date.parse(a.publishedAt) ? a.updatedAt : a.publishedAt;
      assert.equal(item.updated?.toISOString(), modified);
      assert.equal(htmlToText(item.content ?? ''), htmlToText(a.bodyHtml));
      assert.equal(item.description, a.excerpt);
      assert.deepEqual(
        item.authors.map((p) => [p.name, p.url, p.email]),
        a.authors.map((p) => [p.name, `${ORIGIN}/author/${p.slug}/`, null]),
      );
      if (a.image) {
        assert.equal(item.media[0]?.mimeType, 'image/jpeg');
        assert.equal(item.media[0]?.length, await fileSize(a.image.path));
      }
    }
    assert.ok(
      expected.some((a) => a.updatedAt > a.publishedAt),
      'the demo has updated stories, so updated ≠ published is exercised',
    );
  });

  test('JSON Feed 1.1 matches the stories, with attachments for featured images', async () => {
    const feed = await jsonFeed('/feed/json/');
    const expected = await newest(20);
    assert.equal(feed.title, 'The Harbour Gazette');
    assert.equal(feed.home_page_url, `${ORIGIN}/`);
    assert.equal(feed.items.length, 20);
    for (const [i, item] of feed.items.entries()) {
      const a = expected[i]!;
      assert.equal(item.id, `${ORIGIN}/?p=${a.id}`);
      assert.equal(item.url, `${ORIGIN}${a.path}`);
      assert.equal(item.title, a.title);
      assert.equal(item.summary, a.excerpt);
      assert.equal(htmlToText(item.content_html ?? ''), htmlToText(a.bodyHtml));
      assert.equal(item.date_published, a.publishedAt);
      assert.deepEqual(
        item.authors,
        a.authors.map((p) => ({ name: p.name, url: `${ORIGIN}/author/${p.slug}/` })),
      );
      assert.deepEqual(item.tags, a.primaryCategory ? [a.primaryCategory.name] : undefined);
      if (a.image) {
        assert.equal(item.image, `${ORIGIN}/media/${a.image.path}`);
        assert.deepEqual(item.attachments, [
          { url: item.image, mime_type: 'image/jpeg', size_in_bytes: await fileSize(a.image.path) },
        ]);
      }
    }
    // The Arabic story says so in its own item.
    const arabic = (await newest(100)).find((a) => a.lang === 'ar');
    const all = await jsonFeed('/feed/json/');
    const inFeed = all.items.find((i) => i.id === `${ORIGIN}/?p=${arabic?.id}`);
    if (inFeed) assert.equal(inFeed.language, 'ar');
  });

  test('enclosure images are served at the advertised URL and size', async () => {
    const feed = await xmlFeed('/feed/', 'rss');
    const media = feed.items.flatMap((i) => i.media);
    assert.ok(media.length > 5);
    for (const m of media.slice(0, 5)) {
      const res = await get(new URL(m.url).pathname);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], m.mimeType);
      assert.equal(res.rawPayload.length, m.length);
    }
  });

  test('WordPress aliases of the RSS feed redirect to it', async () => {
    for (const [from, to] of [
      ['/feed/rss2/', '/feed/'],
      ['/feed/rss/', '/feed/'],
      ['/category/sport/feed/rss2/', '/category/sport/feed/'],
      ['/tag/transport/feed/rss/', '/tag/transport/feed/'],
    ]) {
      const res = await get(from!);
      assert.equal(res.statusCode, 301, from);
      assert.equal(res.headers.location, to);
    }
  });
});

describe('archive feeds', () => {
  test('a category feed includes its subsections, in all three formats', async () => {
    const tree = await site.services.taxonomy.categoryTree();
    const sport = tree.bySlug.get('sport')!;
    const expected = await newest(20, { categoryIds: tree.descendantIds(sport.id) });
    assert.ok(expected.some((a) => a.primaryCategory?.slug === 'football'));
    const rss = await xmlFeed('/category/sport/feed/', 'rss');
    assert.equal(rss.title, 'The Harbour Gazette » Sport');
    assert.equal(rss.url, `${ORIGIN}/category/sport/`);
    assert.deepEqual(
      rss.items.map((i) => i.id),
      expected.map((a) => `${ORIGIN}/?p=${a.id}`),
    );
    const atom = await xmlFeed('/category/sport/feed/atom/', 'atom');
    assert.equal(atom.self, `${ORIGIN}/category/sport/feed/atom/`);
    assert.deepEqual(
      atom.items.map((i) => i.url),
      expected.map((a) => `${ORIGIN}${a.path}`),
    );
    const json = await jsonFeed('/category/sport/feed/json/');
    assert.equal(json.items.length, expected.length);
  });

  test('a subsection feed lives under its full path; a partial path redirects', async () => {
    const feed = await xmlFeed('/category/sport/football/feed/', 'rss');
    assert.ok(feed.items.length > 0);
    for (const item of feed.items)
      assert.deepEqual(
        item.categories.map((c) => c.label),
        ['Football'],
      );
    const moved = await get('/category/football/feed/atom/');
    assert.equal(moved.statusCode, 301);
    assert.equal(moved.headers.location, '/category/sport/football/feed/atom/');
    assert.equal((await get('/category/no-such-section/feed/')).statusCode, 404);
    // The archive pages themselves still answer through the category route.
    assert.equal((await get('/category/sport/football/')).statusCode, 200);
  });

  test('tag and author feeds list exactly their stories', async () => {
    const tag = (await site.services.taxonomy.findTag('transport'))!;
    const byTag = await newest(20, { tagId: tag.id });
    const tagFeed = await xmlFeed('/tag/transport/feed/', 'rss');
    assert.deepEqual(
      tagFeed.items.map((i) => i.id),
      byTag.map((a) => `${ORIGIN}/?p=${a.id}`),
    );
    await jsonFeed('/tag/transport/feed/json/');
    const author = (await site.services.taxonomy.findAuthor('marcus-hale'))!;
    const byAuthor = await newest(20, { authorId: author.id });
    const authorFeed = await xmlFeed('/author/marcus-hale/feed/atom/', 'atom');
    assert.equal(authorFeed.title, 'The Harbour Gazette » Marcus Hale');
    assert.deepEqual(
      authorFeed.items.map((i) => i.id),
      byAuthor.map((a) => `${ORIGIN}/?p=${a.id}`),
    );
    for (const item of authorFeed.items)
      assert.ok(item.authors.some((p) => p.name === 'Marcus Hale'));
    assert.equal((await get('/tag/no-such-tag/feed/')).statusCode, 404);
    assert.equal((await get('/author/no-such-person/feed/json/')).statusCode, 404);
  });
});

describe('comment feeds', () => {
  test('the site comments feed has approved comments on public stories only, names only', async () => {
    for (const format of ['rss', 'atom'] as const) {
      const url = format === 'rss' ? '/comments/feed/' : '/comments/feed/atom/';
      const feed = await xmlFeed(url, format);
      assert.equal(feed.title, 'Comments for The Harbour Gazette');
      assert.equal(feed.items.length, 20);
      const times = feed.items.map((i) => i.published!.getTime());
      assert.deepEqual(
        times,
        [...times].sort((x, y) => y - x),
      );
      for (const item of feed.items) {
        assert.match(item.id ?? '', /^http:\/\/newsdesk\.test\/\?p=\d+#comment-\d+$/);
        assert.match(
          item.url ?? '',
          /^http:\/\/newsdesk\.test\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/#comment-\d+$/,
        );
        assert.equal(item.authors.length, 1);
        assert.equal(item.authors[0]!.email, null);
        assert.ok(item.title?.startsWith('Comment on '));
        assert.ok(item.title?.endsWith(` by ${item.authors[0]!.name}`));
        assert.ok((item.content ?? '').length > 0);
      }
    }
    assert.equal((await get('/comments/feed/json/')).statusCode, 404);
  });

  test('an article comments feed lists that article’s approved comments', async () => {
    const [article] = await newest(1, {});
    const tree = await site.services.taxonomy.categoryTree();
    const withComments = (await site.services.articles.list({}, 50, 0, tree)).find(
      (a) => a.id !== article?.id,
    )!;
    const thread = await site.storage.db
      .selectFrom('comments')
      .select(['id', 'author_name', 'created_at'])
      .where('article_id', '=', withComments.id)
      .where('status', '=', 'approved')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    for (const format of ['rss', 'atom'] as const) {
      const url = `${withComments.path}feed/${format === 'atom' ? 'atom/' : ''}`;
      const feed = await xmlFeed(url, format);
      assert.equal(feed.title, `Comments on: ${withComments.title}`);
      assert.equal(feed.url, `${ORIGIN}${withComments.path}`);
      assert.deepEqual(
        feed.items.map((i) => [i.id, i.url, i.authors[0]?.name, i.published?.toISOString()]),
        thread.map((c) => [
          `${ORIGIN}/?p=${withComments.id}#comment-${c.id}`,
          `${ORIGIN}${withComments.path}#comment-${c.id}`,
          c.author_name,
          c.created_at,
        ]),
      );
    }
    // The lead story has a held, a spam and a trashed comment: none is in its feed.
    const lead = await xmlFeed(`${article!.path}feed/`, 'rss');
    assert.ok(lead.items.every((i) => !i.authors[0]?.name?.startsWith('Hidden')));
  });

  test('comment feeds of unpublished, trashed and missing articles are not served', async () => {
    const { ids } = hidden;
    for (const id of [ids.draft, ids.future]) {
      const a = (await site.services.repositories.articles.findById(id))!;
      const path = site.services.articles.pathOf(a);
      assert.equal((await get(`${path}feed/`)).statusCode, 404, path);
    }
    const trashed = (await site.services.repositories.articles.findById(ids.trashed))!;
    assert.equal((await get(`${site.services.articles.pathOf(trashed)}feed/`)).statusCode, 410);
    assert.equal((await get('/2020/01/01/no-such-story/feed/atom/')).statusCode, 404);
  });
});

describe('settings', () => {
  test('excerpt-only feeds carry no full text', async (t) => {
    await site.services.settings.set('feedFullContent', false);
    t.after(() => site.services.settings.set('feedFullContent', true));
    const expected = await newest(20);
    const rss = await xmlFeed('/feed/', 'rss');
    assert.ok(!rss.items.some((i) => i.content && i.content !== i.description));
    assert.doesNotMatch((await get('/feed/')).body, /content:encoded/);
    assert.equal(rss.items[0]!.description, expected[0]!.excerpt);
    const atomBody = (await get('/feed/atom/')).body;
    assert.doesNotMatch(atomBody, /<content /);
    const json = await jsonFeed('/feed/json/');
    for (const [i, item] of json.items.entries()) {
      assert.equal(item.content_html, undefined);
      assert.equal(item.content_text, expected[i]!.excerpt);
    }
  });

  test('the number of items follows the setting', async (t) => {
    await site.services.settings.set('feedItems', 5);
    t.after(() => site.services.settings.set('feedItems', 20));
    assert.equal((await xmlFeed('/feed/', 'rss')).items.length, 5);
    assert.equal((await jsonFeed('/feed/json/')).items.length, 5);
    assert.equal((await xmlFeed('/comments/feed/atom/', 'atom')).items.length, 5);
  });
});

describe('conditional GET', () => {
  for (const url of [
    '/feed/',
    '/feed/atom/',
    '/feed/json/',
    '/category/city/feed/',
    '/comments/feed/',
  ]) {
    test(`${url} answers 304 to a current ETag or date`, async () => {
      const first = await get(url);
      const etag = first.headers.etag as string;
      const lastModified = first.headers['last-modified'] as string;
      assert.match(etag, /^"[A-Za-z0-9_-]{20,}"$/, 'a strong ETag');
      assert.ok(lastModified && !Number.isNaN(Date.parse(lastModified)));
      assert.equal((await get(url)).headers.etag, etag, 'the same content gives the same ETag');

      const byTag = await get(url, { 'if-none-match': etag });
      assert.equal(byTag.statusCode, 304);
      assert.equal(byTag.body, '');
      assert.equal(byTag.headers.etag, etag);
      assert.equal((await get(url, { 'if-none-match': `"other", W/${etag}` })).statusCode, 304);
      assert.equal((await get(url, { 'if-none-match': '"stale"' })).statusCode, 200);

      assert.equal((await get(url, { 'if-modified-since': lastModified })).statusCode, 304);
      const earlier = new Date(Date.parse(lastModified) - 1000).toUTCString();
      assert.equal((await get(url, { 'if-modified-since': earlier })).statusCode, 200);
      // If-None-Match wins over If-Modified-Since (RFC 9110).
      assert.equal(
        (await get(url, { 'if-none-match': '"stale"', 'if-modified-since': lastModified }))
          .statusCode,
        200,
      );
      const head = await site.app.inject({
        method: 'HEAD',
        url,
        headers: { 'if-none-match': etag },
      });
      assert.equal(head.statusCode, 304);
    });
  }

  test('a new story changes the validators, so readers fetch it', async () => {
    const before = await get('/feed/');
    const etag = before.headers.etag as string;
    const since = before.headers['last-modified'] as string;
    site.clock.now = new Date(site.clock.now.getTime() + 5_000);
    const author = (await site.services.taxonomy.findAuthor('gulsen-ince'))!;
    await site.services.articles.create({
      title: 'Seagrass count finds the meadow growing again',
      bodyHtml: '<p>Volunteers counted more shoots than last spring.</p>',
      status: 'published',
      publishedAt: new Date(site.clock.now.getTime() - 1000).toISOString(),
      authorIds: [author.id],
    });
    const after = await get('/feed/', { 'if-none-match': etag });
    assert.equal(after.statusCode, 200);
    assert.notEqual(after.headers.etag, etag);
    assert.equal((await get('/feed/', { 'if-modified-since': since })).statusCode, 200);
    assert.equal(
      parseFeed(after.body).items[0]?.title,
      'Seagrass count finds the meadow growing again',
    );
  });
});

describe('stability and privacy', () => {
  test('links and images in full text are absolute, since feeds are read off-site', async () => {
    site.clock.now = new Date(site.clock.now.getTime() + 5_000);
    const author = (await site.services.taxonomy.findAuthor('selin-kalin'))!;
    await site.services.articles.create({
      title: 'Ferry timetable changes explained',
      bodyHtml:
        '<p>See <a href="/about/">our guide</a> and <a href="https://ferries.example/t">the operator</a>.</p>' +
        '<p><img src="/media/demo/map.jpg" srcset="/media/demo/map.jpg 1x, /media/demo/map-2x.jpg 2x" alt="Map"></p>',
      status: 'published',
      publishedAt: new Date(site.clock.now.getTime() - 1000).toISOString(),
      authorIds: [author.id],
    });
    const [item] = (await xmlFeed('/feed/', 'rss')).items;
    assert.equal(item?.title, 'Ferry timetable changes explained');
    const html = item?.content ?? '';
    assert.match(html, /href="http:\/\/newsdesk\.test\/about\/"/);
    assert.match(html, /href="https:\/\/ferries\.example\/t"/);
    assert.match(html, /src="http:\/\/newsdesk\.test\/media\/demo\/map\.jpg"/);
    assert.match(
      html,
      /srcset="http:\/\/newsdesk\.test\/media\/demo\/map\.jpg 1x, http:\/\/newsdesk\.test\/media\/demo\/map-2x\.jpg 2x"/,
    );
    const [jsonItem] = (await jsonFeed('/feed/json/')).items;
    assert.match(jsonItem?.content_html ?? '', /href="http:\/\/newsdesk\.test\/about\/"/);
  });

  test('an item keeps its GUID when the story’s slug changes', async () => {
    const [story] = await newest(1);
    const before = await xmlFeed('/feed/', 'rss');
    const item = before.items.find((i) => i.url === `${ORIGIN}${story!.path}`)!;
    const newPath = await site.services.articles.changeUrl(story!.id, {
      slug: `${story!.slug}-corrected`,
    });
    const after = await xmlFeed('/feed/', 'rss');
    const moved = after.items.find((i) => i.id === item.id)!;
    assert.equal(moved.url, `${ORIGIN}${newPath}`);
    assert.notEqual(moved.url, item.url);
    assert.equal(after.items.length, before.items.length);
    const atom = await xmlFeed('/feed/atom/', 'atom');
    assert.equal(atom.items.find((i) => i.url === moved.url)?.id, item.id);
    const json = await jsonFeed('/feed/json/');
    assert.equal(json.items.find((i) => i.url === moved.url)?.id, item.id);
    // The old comments feed address follows the story.
    const old = await get(`${story!.path}feed/atom/`);
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, `${newPath}feed/atom/`);
  });

  test('no feed contains unpublished content or an email address', async () => {
    const tree = await site.services.taxonomy.categoryTree();
    const tags = await site.services.taxonomy.listTags();
    const authors = await site.services.taxonomy.listAuthors();
    const roots = [
      '/feed/',
      '/comments/feed/',
      ...tree.all.map((c) => `${tree.path(c)}feed/`),
      ...tags.map((t) => `/tag/${t.slug}/feed/`),
      ...authors.map((a) => `/author/${a.slug}/feed/`),
      ...(await newest(100)).map((a) => `${a.path}feed/`),
    ];
    let checked = 0;
    for (const root of roots) {
      for (const sub of ['', 'atom/', 'json/']) {
        const res = await get(`${root}${sub}`);
        if (res.statusCode === 404 && sub === 'json/') continue;
        assert.equal(res.statusCode, 200, `${root}${sub}`);
        assert.deepEqual(leaksIn(res.body, hidden), [], `${root}${sub}`);
        checked++;
      }
    }
    assert.ok(checked > 100);
  });
});

describe('autodiscovery', () => {
  const alternates = (html: string) =>
    [
      ...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)"\/>/g),
    ].map((m) => ({ type: m[1]!, title: m[2]!, href: m[3]! }));

  test('every page advertises the site feed; archives and articles their own', async () => {
    const [story] = await newest(1);
    const pages: [string, string[]][] = [
      ['/', []],
      ['/category/sport/football/', ['/category/sport/football/feed/']],
      ['/tag/transport/', ['/tag/transport/feed/']],
      ['/author/marcus-hale/', ['/author/marcus-hale/feed/']],
      [story!.path, [`${story!.path}feed/`]],
      ['/about/', []],
    ];
    for (const [path, own] of pages) {
      const links = alternates((await get(path)).body);
      const hrefs = links.map((l) => l.href);
      assert.ok(hrefs.includes(`${ORIGIN}/feed/`), path);
      assert.ok(hrefs.includes(`${ORIGIN}/feed/atom/`), path);
      assert.ok(hrefs.includes(`${ORIGIN}/feed/json/`), path);
      for (const feed of own) assert.ok(hrefs.includes(`${ORIGIN}${feed}`), `${path} → ${feed}`);
      assert.equal(links.length, 3 + (own.length ? (path === story!.path ? 2 : 3) : 0), path);
      // Each advertised feed answers with the type its link announces.
      for (const link of links) {
        const res = await get(new URL(link.href).pathname);
        assert.equal(res.statusCode, 200, link.href);
        assert.equal(res.headers['content-type'], `${link.type}; charset=utf-8`, link.href);
      }
    }
  });
});

function toWholeSecond(iso: string): string {
  return new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();
}
