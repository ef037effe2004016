import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SitemapService } from '../src/seo/sitemap-service.js';
import { addHiddenContent, type HiddenContent, leaksIn } from './support/syndication-fixtures.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const ORIGIN = 'http://newsdesk.test';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** W3C Datetime (https://www.w3.org/TR/NOTE-datetime), the format the protocol requires. */
const W3C_DATETIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const HOUR = 3_600_000;

let site: TestSite;
let hidden: HiddenContent;

before(async () => {
  site = await startTestSite({ demo: true });
  hidden = await addHiddenContent(site);
});
after(() => site?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  site.app.inject({ method: 'GET', url, headers });

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Elements that may repeat are always arrays, even with one child.
  isArray: (name) => ['url', 'sitemap', 'image:image'].includes(name),
});

interface UrlEntry {
  loc: string;
  lastmod?: string;
  'image:image'?: { 'image:loc': string }[];
  'news:news'?: {
    'news:publication': { 'news:name': string; 'news:language': string };
    'news:publication_date': string;
    'news:title': string;
  };
}

/** Fetches an XML document, checks it is well-formed XML served as XML, and parses it. */
async function xml(path: string) {
  const res = await get(path);
  assert.equal(res.statusCode, 200, path);
  assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8', path);
  assert.equal(XMLValidator.validate(res.body), true, `${path} is well-formed`);
  assert.ok(Buffer.byteLength(res.body) < 50 * 1024 * 1024, 'under the 50 MB limit');
  return { body: res.body, doc: parser.parse(res.body) };
}

function assertSiteUrl(loc: string) {
  const url = new URL(loc);
  assert.equal(url.origin, ORIGIN, loc);
  assert.equal(url.href, loc, `${loc} is absolute and normalized`);
}

async function urlset(path: string): Promise<UrlEntry[]> {
  const { doc } = await xml(path);
  assert.equal(doc.urlset['@xmlns'], SITEMAP_NS);
  const urls = (doc.urlset.url ?? []) as UrlEntry[];
  assert.ok(urls.length <= 50_000);
  for (const u of urls) {
    assertSiteUrl(u.loc);
    if (u.lastmod !== undefined) assert.match(u.lastmod, W3C_DATETIME, u.loc);
    for (const img of u['image:image'] ?? []) assertSiteUrl(img['image:loc']);
  }
  return urls;
}

async function index(): Promise<{ loc: string; lastmod?: string }[]> {
  const { doc } = await xml('/sitemap.xml');
  assert.equal(doc.sitemapindex['@xmlns'], SITEMAP_NS);
  const refs = doc.sitemapindex.sitemap as { loc: string; lastmod?: string }[];
  assert.ok(refs.length > 0 && refs.length <= 50_000);
  for (const ref of refs) {
    assertSiteUrl(ref.loc);
    assert.match(ref.lastmod ?? '', W3C_DATETIME, ref.loc);
  }
  return refs;
}

/** When a story last changed, in ms: its last edit, or its publication if scheduled after that. */
const lastChange = (a: { updatedAt: string; publishedAt: string }) =>
  Math.max(Date.parse(a.updatedAt), Date.parse(a.publishedAt));

async function publishedPosts() {
  const tree = await site.services.taxonomy.categoryTree();
  return site.services.articles.list({}, 10_000, 0, tree);
}

describe('the sitemap index', () => {
  test('references sitemaps that resolve, together listing every public URL once', async () => {
    const refs = await index();
    const names = refs.map((r) => new URL(r.loc).pathname);
    for (const name of ['/sitemaps/pages.xml', '/sitemaps/categories.xml', '/sitemaps/tags.xml']) {
      assert.ok(names.includes(name), name);
    }
    assert.ok(names.includes('/sitemaps/authors.xml'));
    assert.ok(names.some((n) => /^\/sitemaps\/posts-\d{4}-\d{2}\.xml$/.test(n)));
    const all: UrlEntry[] = [];
    for (const ref of refs) {
      const path = new URL(ref.loc).pathname;
      if (path === '/sitemaps/news.xml') continue;
      const urls = await urlset(path);
      assert.ok(urls.length > 0, `${path} lists something`);
      // The index's lastmod is the newest change in the file it points to.
      const newest = urls
        .map((u) => u.lastmod!)
        .sort()
        .at(-1);
      assert.equal(ref.lastmod, newest, path);
      all.push(...urls);
    }
    const locs = all.map((u) => u.loc);
    assert.equal(new Set(locs).size, locs.length, 'no URL is listed twice');
    // Every listed URL is a live page (no redirects, no 404s).
    for (const loc of locs) {
      assert.equal((await get(new URL(loc).pathname)).statusCode, 200, loc);
    }
    const posts = await publishedPosts();
    for (const a of posts) assert.ok(locs.includes(`${ORIGIN}${a.path}`), a.path);
    assert.ok(locs.includes(`${ORIGIN}/`));
    assert.ok(locs.includes(`${ORIGIN}/about/`));
    assert.ok(locs.includes(`${ORIGIN}/category/sport/football/`));
    assert.ok(locs.includes(`${ORIGIN}/tag/transport/`));
    assert.ok(locs.includes(`${ORIGIN}/author/nadia-haddad/`));
  });

  test('post sitemaps are by month of publication, with lastmod and featured images', async () => {
    const posts = await publishedPosts();
    const months = new Set(posts.map((a) => a.publishedAt.slice(0, 7)));
    for (const month of months) {
      const urls = await urlset(`/sitemaps/posts-${month}.xml`);
      const expected = posts.filter((a) => a.publishedAt.startsWith(month));
      assert.deepEqual(
        urls.map((u) => u.loc).sort(),
        expected.map((a) => `${ORIGIN}${a.path}`).sort(),
      );
      for (const a of expected) {
        const u = urls.find((x) => x.loc === `${ORIGIN}${a.path}`)!;
        assert.equal(Date.parse(u.lastmod!), lastChange(a));
        assert.deepEqual(
          u['image:image']?.map((i) => i['image:loc']),
          a.image ? [`${ORIGIN}/media/${a.image.path}`] : undefined,
        );
      }
    }
  });

  test('a category’s lastmod includes its subsections', async () => {
    const urls = await urlset('/sitemaps/categories.xml');
    const tree = await site.services.taxonomy.categoryTree();
    const sport = tree.bySlug.get('sport')!;
    const inSport = (
      await site.services.articles.list(
        { categoryIds: tree.descendantIds(sport.id) },
        1000,
        0,
        tree,
      )
    ).map(lastChange);
    const entry = urls.find((u) => u.loc === `${ORIGIN}/category/sport/`)!;
    assert.equal(Date.parse(entry.lastmod!), Math.max(...inSport));
  });

  test('nothing unpublished or private is listed', async () => {
    const refs = await index();
    for (const ref of [{ loc: `${ORIGIN}/sitemap.xml` }, ...refs]) {
      const res = await get(new URL(ref.loc).pathname);
      assert.deepEqual(leaksIn(res.body, hidden), [], ref.loc);
    }
    // The scheduled and future stories' months are not made to exist by them either.
    const future = new Date(site.clock.now.getTime() + 40 * 24 * HOUR).toISOString().slice(0, 7);
    assert.equal((await get(`/sitemaps/posts-${future}.xml`)).statusCode, 404);
  });

  test('unknown, malformed and empty sitemap names are 404s', async () => {
    for (const path of [
      '/sitemaps/posts-2026-13.xml',
      '/sitemaps/posts-1999-01.xml',
      '/sitemaps/posts-2026-05-1.xml',
      '/sitemaps/tags-0.xml',
      '/sitemaps/tags-2.xml',
      '/sitemaps/whatever.xml',
      '/sitemaps/..%2Fsitemap.xml',
    ]) {
      assert.equal((await get(path)).statusCode, 404, path);
    }
  });

  test('answers 304 to a current ETag', async () => {
    const first = await get('/sitemap.xml');
    const again = await get('/sitemap.xml', { 'if-none-match': first.headers.etag as string });
    assert.equal(again.statusCode, 304);
  });
});

describe('paging at the URL limit', () => {
  test('a group larger than the limit is split into numbered files that add up', async () => {
    const sitemaps = new SitemapService({
      repository: site.services.repositories.sitemaps,
      articles: site.services.articles,
      taxonomy: site.services.taxonomy,
      clock: () => site.clock.now,
      site: { url: ORIGIN, locale: 'en' },
      maxUrlsPerSitemap: 2,
    });
    const refs = await sitemaps.index();
    const names = refs.map((r) => new URL(r.loc).pathname.replace(/^\/sitemaps\/|\.xml$/g, ''));
    assert.ok(names.includes('tags-2'), 'tags spill into a second file');
    assert.ok(names.includes('categories-4'));
    const posts = await publishedPosts();
    const listed: string[] = [];
    for (const name of names) {
      if (name === 'news') continue;
      const urls = await sitemaps.urlset(name);
      assert.ok(urls && urls.length >= 1 && urls.length <= 2, name);
      listed.push(...urls.map((u) => u.loc));
    }
    assert.equal(new Set(listed).size, listed.length);
    for (const a of posts) assert.ok(listed.includes(`${ORIGIN}${a.path}`));
    // Pages: home first, then the static pages, across files.
    assert.equal((await sitemaps.urlset('pages'))?.[0]?.loc, `${ORIGIN}/`);
    assert.equal((await sitemaps.urlset('pages-2'))?.length, 1);
    assert.equal(await sitemaps.urlset('pages-3'), undefined);
  });
});

describe('the Google News sitemap', () => {
  test('lists exactly the stories of the last 48 hours', async () => {
    const { doc, body } = await xml('/sitemaps/news.xml');
    assert.equal(doc.urlset['@xmlns:news'], NEWS_NS);
    const urls = doc.urlset.url as UrlEntry[];
    const now = site.clock.now.getTime();
    const recent = (await publishedPosts()).filter(
      (a) => Date.parse(a.publishedAt) >= now - 48 * HOUR,
    );
    assert.ok(recent.length >= 2, 'the demo has stories from the last two days');
    assert.deepEqual(
      urls.map((u) => u.loc),
      recent.map((a) => `${ORIGIN}${a.path}`),
    );
    for (const [i, u] of urls.entries()) {
      const a = recent[i]!;
      const news = u['news:news']!;
      assert.equal(news['news:publication']['news:name'], 'The Harbour Gazette');
      assert.equal(news['news:publication']['news:language'], a.lang ?? 'en');
      assert.equal(news['news:title'], a.title);
      assert.match(news['news:publication_date'], W3C_DATETIME);
      assert.equal(Date.parse(news['news:publication_date']), Date.parse(a.publishedAt));
    }
    assert.deepEqual(leaksIn(body, hidden), []);
    assert.ok((await index()).some((r) => r.loc === `${ORIGIN}/sitemaps/news.xml`));
  });

  test('is empty but valid when nothing is recent, and leaves the index', async (t) => {
    const saved = site.clock.now;
    t.after(() => {
      site.clock.now = saved;
    });
    site.clock.now = new Date(saved.getTime() + 30 * 24 * HOUR);
    const { doc } = await xml('/sitemaps/news.xml');
    assert.equal(doc.urlset['@xmlns'], SITEMAP_NS);
    assert.equal(doc.urlset.url, undefined);
    assert.ok(!(await index()).some((r) => r.loc.endsWith('/news.xml')));
  });
});

describe('robots.txt and staging sites', () => {
  test('points crawlers at the sitemaps', async () => {
    const res = await get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    assert.ok(lines.includes('User-agent: *'));
    assert.ok(lines.includes(`Sitemap: ${ORIGIN}/sitemap.xml`));
    assert.ok(lines.includes(`Sitemap: ${ORIGIN}/sitemaps/news.xml`));
    assert.ok(!lines.includes('Disallow: /'));
    assert.doesNotMatch((await get('/')).body, /<meta name="robots"/);
  });

  test('discouraging search engines disallows everything and marks pages noindex', async (t) => {
    await site.services.settings.set('discourageSearchEngines', true);
    t.after(() => site.services.settings.set('discourageSearchEngines', false));
    const robots = await get('/robots.txt');
    assert.deepEqual(robots.body.trim().split('\n'), ['User-agent: *', 'Disallow: /']);
    const [story] = await publishedPosts();
    for (const path of ['/', story!.path, '/category/city/', '/tag/transport/', '/about/']) {
      assert.match((await get(path)).body, /<meta name="robots" content="noindex"\/>/, path);
    }
    assert.equal((await get('/sitemap.xml')).statusCode, 404);
    assert.equal((await get('/sitemaps/news.xml')).statusCode, 404);
    assert.equal((await get('/sitemaps/pages.xml')).statusCode, 404);
  });
});
