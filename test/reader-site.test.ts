// HTTP tests for every reader route (issue 2), through `app.inject` on a real database with the
// demo content, at a fixed clock so dates and date archives are predictable.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ArticleInput } from '../src/articles/article-service.js';
import { articlePath } from '../src/articles/permalink.js';
import { demoArticles, demoAuthors } from '../src/demo/demo-content.js';
import { cacheProfiles } from '../src/http/cache-profiles.js';
import { en } from '../src/i18n/messages-en.js';
import type { ArticleStatus } from '../src/storage/schema.js';
import { toSlug } from '../src/text/slug.js';
import { $, $$, type HtmlDocument, hrefs, parseHtml, text } from './support/reader-html.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const NOW = new Date('2026-03-18T15:30:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ORIGIN = 'http://newsdesk.test';

let site: TestSite;

interface Page {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  doc: HtmlDocument;
  location?: string;
}

async function get(url: string): Promise<Page> {
  const res = await site.app.inject({ method: 'GET', url });
  return {
    status: res.statusCode,
    headers: res.headers,
    body: res.body,
    doc: parseHtml(res.body),
    location: res.headers.location as string | undefined,
  };
}

/** GET that must answer 200; the message names the URL and what came back. */
async function page(url: string): Promise<Page> {
  const res = await get(url);
  assert.equal(res.status, 200, `GET ${url} answered ${res.status} ${res.location ?? ''}`);
  return res;
}

function demo(titleStart: string) {
  const found = demoArticles.find((a) => a.title.startsWith(titleStart));
  assert.ok(found, `no demo article starting "${titleStart}"`);
  return found;
}

/** Canonical path of a published article, by its title (the demo seeds slugs from titles). */
async function pathOf(title: string): Promise<string> {
  const tree = await site.services.taxonomy.categoryTree();
  const article = await site.services.articles.findPublished(toSlug(title), tree);
  assert.ok(article, `"${title}" is not published`);
  return article.path;
}

const canonicalOf = (doc: HtmlDocument) => $(doc, 'link[rel=canonical]')?.attribs.href;
const headLink = (doc: HtmlDocument, rel: 'prev' | 'next') =>
  $(doc, `head link[rel=${rel}]`)?.attribs.href;
/** Article links of a listing's cards, in order. */
const cardLinks = (doc: HtmlDocument, scope = 'main') => hrefs(doc, `${scope} .card__title a`);

// ---------------------------------------------------------------------------------------------
// Fixtures: stories that must never be public, placed where they would top every listing if a
// filter failed (same section, tag and author as today's lead story, published minutes ago).

const HIDDEN = /hidden-fixture|Hidden fixture/i;
interface Fixture {
  id: number;
  slug: string;
  /** Where the story would live if it were public. */
  path: string;
}
const hidden: Record<string, Fixture> = {};
/** Published stories the tests added beyond the demo content. */
let extraPublished = 0;
let selinId: number;
let cityId: number;
let marketsTagId: number;

async function createArticle(
  title: string,
  status: ArticleStatus,
  publishedAt: Date | null,
  extra: Partial<ArticleInput> = {},
): Promise<Fixture> {
  const id = await site.services.articles.create({
    title,
    dek: `${title}: a fixture written for the reader tests.`,
    bodyHtml: `<p>${title}. Original fixture text for the test suite.</p>`,
    status,
    publishedAt: publishedAt?.toISOString() ?? null,
    primaryCategoryId: cityId,
    tagIds: [marketsTagId],
    authorIds: [selinId],
    ...extra,
  });
  const record = await site.services.repositories.articles.findById(id);
  assert.ok(record);
  const path = articlePath(
    { type: record.type, slug: record.slug, publishedAt: record.publishedAt },
    site.config.siteTimezone,
  );
  return { id, slug: record.slug, path };
}

/** Creates a public story (counted, so pagination tests know the total). */
async function publish(title: string, publishedAt: Date) {
  extraPublished++;
  return createArticle(title, 'published', publishedAt);
}

before(async () => {
  site = await startTestSite({ demo: true, now: NOW });
  const { taxonomy } = site.services;
  selinId = (await taxonomy.findAuthor('selin-kalin'))!.id;
  cityId = (await taxonomy.categoryTree()).bySlug.get('city')!.id;
  marketsTagId = await taxonomy.ensureTag('Markets');
  const sealedTag = await taxonomy.ensureTag('Sealed Tender');
  const tags = { tagIds: [marketsTagId, sealedTag] };
  const ago = (ms: number) => new Date(NOW.getTime() - ms);
  hidden.draft = await createArticle('Hidden fixture draft', 'draft', ago(30 * MINUTE), tags);
  hidden.pending = await createArticle('Hidden fixture pending', 'pending', ago(25 * MINUTE), tags);
  hidden.scheduled = await createArticle(
    'Hidden fixture scheduled',
    'scheduled',
    new Date(NOW.getTime() + DAY),
    tags,
  );
  hidden.future = await createArticle(
    'Hidden fixture future',
    'published',
    new Date(NOW.getTime() + 2 * HOUR),
    tags,
  );
  hidden.unpublished = await createArticle(
    'Hidden fixture unpublished',
    'unpublished',
    ago(35 * MINUTE),
    tags,
  );
  hidden.trashed = await createArticle(
    'Hidden fixture trashed',
    'published',
    ago(40 * MINUTE),
    tags,
  );
  await site.services.articles.trash(hidden.trashed.id);
  hidden.trashedDraft = await createArticle('Hidden fixture trashed draft', 'draft', null, tags);
  await site.services.articles.trash(hidden.trashedDraft.id);
  // A person with an account but no published byline.
  await taxonomy.createAuthor({
    name: 'Hidden Staff Editor',
    email: 'staff.editor@harbourgazette.example',
    bio: 'Works on the desk.',
  });
});
after(() => site?.close());

// ---------------------------------------------------------------------------------------------
describe('article page /YYYY/MM/DD/<slug>/', () => {
  const wall = demo('Harbour wall repairs');

  test('shows the headline as the only <h1>, the dek and the byline linking to the author', async () => {
    const { doc } = await page(await pathOf(wall.title));
    const h1s = $$(doc, 'h1');
    assert.equal(h1s.length, 1);
    assert.equal(text(h1s[0]), wall.title);
    assert.equal(text($(doc, 'article .story__dek')), wall.dek);
    const byline = $$(doc, '.byline a');
    assert.deepEqual(
      byline.map((a) => a.attribs.href),
      ['/author/selin-kalin/'],
    );
    assert.equal(text(byline[0]), 'Selin Kalın');
  });

  test('dates: <time datetime> for publication and, when later, for the update', async () => {
    const tree = await site.services.taxonomy.categoryTree();
    const updated = (await site.services.articles.findPublished(toSlug(wall.title), tree))!;
    assert.ok(wall.updatedHoursLater, 'the fixture article must have been updated');
    const { doc } = await page(updated.path);
    const times = $$(doc, 'article .dateline time').map((t) => t.attribs.datetime);
    assert.deepEqual(times, [updated.publishedAt, updated.updatedAt]);
    assert.notEqual(updated.publishedAt, updated.updatedAt);

    const market = demo('Little Kadıköy night market');
    assert.equal(market.updatedHoursLater, undefined);
    const notUpdated = await page(await pathOf(market.title));
    assert.equal($$(notUpdated.doc, 'article .dateline time').length, 1);
  });

  test('links the primary category and the tags, shows reading time and the body', async () => {
    const { doc } = await page(await pathOf(wall.title));
    assert.deepEqual(hrefs(doc, 'article .kicker a'), ['/category/city/']);
    assert.equal(text($(doc, 'article .kicker a')), 'City');
    const tagLinks = $$(doc, 'article a[rel=tag]');
    assert.deepEqual(tagLinks.map(text).sort(), [...wall.tags].sort());
    for (const a of tagLinks) assert.match(a.attribs.href!, /^\/tag\/[a-z0-9-]+\/$/);
    assert.match(text($(doc, 'article .dateline')), /\b\d+ min read\b/);
    const body = text($(doc, 'article .story__body'));
    assert.ok(body.includes('Quay Street will close to traffic for six weeks'));
    assert.ok($$(doc, 'article .story__body h2').length >= 1, 'markdown subheadings survive');
  });

  test('the featured image has width, height, alt, caption and credit', async () => {
    const { doc } = await page(await pathOf(wall.title));
    const img = $(doc, 'article figure img');
    assert.ok(img && wall.image);
    assert.match(img.attribs.src!, /^\/media\/.+\.jpg$/);
    assert.ok(Number(img.attribs.width) > 0 && Number(img.attribs.height) > 0);
    assert.equal(img.attribs.alt, wall.image.alt);
    const caption = text($(doc, 'article figure figcaption'));
    assert.ok(caption.includes(wall.image.caption));
    assert.ok(caption.includes(wall.image.credit));
    const media = await site.app.inject(img.attribs.src!);
    assert.equal(media.statusCode, 200);
    assert.equal(media.headers['content-type'], 'image/jpeg');
  });

  test('"More from <Category>": latest other published stories of the section, and its link', async () => {
    const path = await pathOf(wall.title);
    const { doc } = await page(path);
    const block = $(doc, 'section.more-from');
    assert.ok(block, 'the block is there');
    assert.equal(text($(block, 'h2')), 'More from City');
    const links = cardLinks(doc, 'section.more-from');
    assert.ok(links.length >= 2 && links.length <= 4, `got ${links.length} stories`);
    assert.ok(!links.includes(path), 'never the article itself');
    assert.ok(!HIDDEN.test(block ? text(block) : ''), 'nothing unpublished');
    assert.ok(!links.some((l) => HIDDEN.test(l)));
    // Newest first, starting with today's city lead (the hidden fixtures are newer still).
    assert.equal(links[0], await pathOf(demo('Little Kadıköy night market').title));
    const dates = $$(block!, 'time').map((t) => t.attribs.datetime!);
    assert.deepEqual(dates, [...dates].sort().reverse());
    for (const link of links) {
      const story = await page(link);
      assert.ok(
        ['/category/city/', '/category/city/transport/'].includes(
          hrefs(story.doc, 'article .kicker a')[0]!,
        ),
        `${link} is in City or its subsections`,
      );
    }
    const more = $$(block!, '.more-link a');
    assert.equal(more.length, 1);
    assert.equal(more[0]!.attribs.href, '/category/city/');
    assert.equal(text(more[0]), 'More posts in City »');
  });

  test('comments: heading with the count, the comments, and never an email', async () => {
    const market = demo('Little Kadıköy night market');
    const count = market.comments?.length ?? 0;
    assert.ok(count >= 2);
    const { doc, body } = await page(await pathOf(market.title));
    const section = $(doc, 'section#comments');
    assert.ok(section);
    assert.match(text($(section, 'h2')), new RegExp(`^${count} comments$`));
    for (const c of market.comments!) {
      assert.ok(text(section).includes(c.name), `${c.name}'s comment is shown`);
      assert.ok(!body.includes(c.email), 'commenter email never shown');
    }
    assert.ok(!text(section).includes(en.noCommentsYet));
  });

  test('comments: an inviting empty state and the reply form with required fields', async () => {
    assert.equal(wall.comments, undefined);
    const { doc } = await page(await pathOf(wall.title));
    const section = $(doc, 'section#comments');
    assert.ok(section);
    assert.equal(text($(section, 'h2')), en.comments);
    assert.ok(text(section).includes(en.noCommentsYet));
    const form = $(section, 'form');
    assert.ok(form, 'a reply form');
    assert.equal(form.attribs.method, 'post');
    assert.ok(text(form).includes(en.emailNotPublished));
    // Each field found through its label, as a screen reader would.
    const field = (label: string) => {
      const l = $$(form, 'label').find((x) => text(x).replace(/\s*\*$/, '') === label);
      assert.ok(l, `a label "${label}"`);
      const control = $(form, `#${l.attribs.for}`);
      assert.ok(control, `"${label}" labels a control`);
      return { label: text(l), control };
    };
    for (const name of [en.name, en.email, en.comment]) {
      const f = field(name);
      assert.ok('required' in f.control.attribs, `${name} is required`);
      assert.ok(f.label.endsWith('*'), `${name} is marked with *`);
    }
    assert.equal(field(en.email).control.attribs.type, 'email');
    assert.equal(field(en.comment).control.name, 'textarea');
    const website = field(en.website);
    assert.equal(website.control.attribs.type, 'url');
    assert.ok(!('required' in website.control.attribs));
    assert.ok(!website.label.endsWith('*'));
  });

  test('an article with comments closed says so and has no form', async () => {
    const closed = demoArticles.find((a) => a.commentsClosed);
    assert.ok(closed);
    const { doc } = await page(await pathOf(closed.title));
    const section = $(doc, 'section#comments');
    assert.ok(section);
    assert.ok(text(section).includes(en.commentsClosed));
    assert.equal($$(section, 'form').length, 0);
    assert.equal($$(doc, 'textarea').length, 0);
  });

  test('the Arabic demo article renders lang="ar" dir="rtl" inside an English site', async () => {
    const arabic = demoArticles.find((a) => a.lang === 'ar');
    assert.ok(arabic);
    const path = await pathOf(arabic.title);
    assert.match(path, /^\/\d{4}\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/, 'an ASCII fallback slug');
    const { doc } = await page(path);
    assert.equal($(doc, 'html')?.attribs.lang, 'en');
    const story = $(doc, 'main article');
    assert.equal(story?.attribs.lang, 'ar');
    assert.equal(story?.attribs.dir, 'rtl');
    assert.equal(text($(story!, 'h1')), arabic.title);
  });

  test('canonical link and Open Graph data point at the article', async () => {
    const path = await pathOf(wall.title);
    const { doc } = await page(path);
    assert.equal(canonicalOf(doc), `${ORIGIN}${path}`);
    assert.equal($(doc, 'meta[property=og:type]')?.attribs.content, 'article');
  });
});

// ---------------------------------------------------------------------------------------------
describe('home page /', () => {
  test('lead story, latest stories and a section per top-level category', async () => {
    const { doc } = await page('/');
    assert.deepEqual($$(doc, 'h1').map(text), ['The Harbour Gazette']);
    const lead = cardLinks(doc, '.front__lead');
    assert.deepEqual(lead, [await pathOf(demo('Little Kadıköy night market').title)]);
    const latest = cardLinks(doc, '.front__latest');
    assert.ok(latest.length >= 5, `${latest.length} latest stories`);
    assert.equal(latest[0], await pathOf(demo('Councillor Ayşe Erdoğan').title));
    const sections = $$(doc, 'section.front-section').map((s) => hrefs(s, 'h2 a')[0]);
    assert.deepEqual(sections, [
      '/category/city/',
      '/category/politics/',
      '/category/business/',
      '/category/culture/',
      '/category/sport/',
      '/category/science/',
    ]);
    const all = cardLinks(doc);
    assert.equal(new Set(all).size, all.length, 'no story twice on the front page');
  });

  test('each section shows its own latest stories, newest first, that the front does not', async () => {
    // The sections are read in one statement; each must still get exactly its own stories.
    const { doc } = await page('/');
    const front = new Set([...cardLinks(doc, '.front__lead'), ...cardLinks(doc, '.front__latest')]);
    const sections = $$(doc, 'section.front-section');
    assert.ok(sections.length >= 2);
    for (const section of sections) {
      const path = hrefs(section, 'h2 a')[0]!;
      const shown = hrefs(section, '.card__title a');
      const archive = cardLinks((await page(path)).doc).filter((link) => !front.has(link));
      assert.ok(archive.length >= shown.length, `${path} lists enough to compare`);
      assert.deepEqual(shown, archive.slice(0, 4), `${path} on the front page`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('category archives /category/<parent>/<child>/', () => {
  test('a parent section lists its own and its subsections’ stories', async () => {
    const { doc } = await page('/category/sport/');
    assert.equal(text($(doc, 'h1')), 'Sport');
    const links = cardLinks(doc);
    assert.ok(links.includes(await pathOf(demo('Harbour Rowing Club').title)));
    assert.ok(links.includes(await pathOf(demo('Ten-man Saltmere Athletic').title)), 'football');
    assert.ok(hrefs(doc, 'main nav a').includes('/category/sport/football/'), 'subsections');
    assert.equal(canonicalOf(doc), `${ORIGIN}/category/sport/`);
  });

  test('a subsection lives at its full path and lists only its stories', async () => {
    const { doc } = await page('/category/sport/football/');
    assert.equal(text($(doc, 'h1')), 'Football');
    const links = cardLinks(doc);
    assert.equal(links.length, demoArticles.filter((a) => a.category === 'football').length);
    assert.ok(!links.includes(await pathOf(demo('Harbour Rowing Club').title)));
    assert.equal(
      $(doc, 'nav.site-nav a[aria-current=page]')?.attribs.href,
      '/category/sport/',
      'the parent section is current in the navigation',
    );
  });

  test('a subsection at a partial or wrong path answers 301 to its full path', async () => {
    for (const [from, to] of [
      ['/category/football/', '/category/sport/football/'],
      ['/category/city/football/', '/category/sport/football/'],
      ['/category/football/page/1/', '/category/sport/football/'],
      ['/category/sport//', '/category/sport/'],
    ]) {
      const res = await get(from!);
      assert.equal(res.status, 301, from);
      assert.equal(res.location, to, from);
    }
  });

  test('an unknown section is a 404', async () => {
    assert.equal((await get('/category/no-such-section/')).status, 404);
    assert.equal((await get('/category/sport/no-such-child/')).status, 404);
    assert.equal((await get('/category/')).status, 404);
  });
});

// ---------------------------------------------------------------------------------------------
describe('tag and author archives', () => {
  test('a tag lists its stories', async () => {
    const { doc } = await page('/tag/markets/');
    assert.ok(text($(doc, 'h1')).includes('Markets'));
    assert.ok(cardLinks(doc).includes(await pathOf(demo('Little Kadıköy night market').title)));
    assert.equal(canonicalOf(doc), `${ORIGIN}/tag/markets/`);
  });

  test('an unknown tag, or one carried only by unpublished stories, is a 404', async () => {
    assert.equal((await get('/tag/no-such-tag/')).status, 404);
    assert.equal((await get('/tag/sealed-tender/')).status, 404);
  });

  test('an author page shows the bio and the bylines, never the email', async () => {
    const author = demoAuthors.find((a) => a.slug === 'gulsen-ince')!;
    const { doc, body } = await page('/author/gulsen-ince/');
    assert.equal(text($(doc, 'h1')), author.name);
    assert.ok(text($(doc, 'main')).includes(author.bio));
    const bylines = demoArticles.filter((a) => a.authors.includes(author.slug));
    assert.equal(cardLinks(doc).length, Math.min(bylines.length, 10));
    assert.ok(!body.includes(author.email));
    assert.equal($(doc, 'meta[property=og:type]')?.attribs.content, 'profile');
  });

  test('an unknown person, or one without a published byline, is a 404', async () => {
    assert.equal((await get('/author/no-such-person/')).status, 404);
    assert.equal((await get('/author/hidden-staff-editor/')).status, 404);
  });
});

// ---------------------------------------------------------------------------------------------
describe('date archives /YYYY/, /YYYY/MM/, /YYYY/MM/DD/', () => {
  test('year, month and day list what was published then', async () => {
    const market = await pathOf(demo('Little Kadıköy night market').title);
    assert.ok(market.startsWith('/2026/03/18/'));
    for (const url of ['/2026/', '/2026/03/', '/2026/03/18/']) {
      const { doc } = await page(url);
      assert.ok(cardLinks(doc).includes(market), `${url} lists today's lead`);
      assert.equal(canonicalOf(doc), `${ORIGIN}${url}`);
    }
    const day = await page('/2026/03/18/');
    for (const link of cardLinks(day.doc)) assert.ok(link.startsWith('/2026/03/18/'), link);
    assert.ok(text($(day.doc, 'h1')).includes('18 March 2026'));
    assert.ok(text($((await page('/2026/03/')).doc, 'h1')).includes('March 2026'));
    // The demo reaches back 200 days, into 2025.
    const lastYear = await page('/2025/');
    for (const link of cardLinks(lastYear.doc)) assert.ok(link.startsWith('/2025/'), link);
  });

  test('impossible or empty dates are 404', async () => {
    for (const url of [
      '/1999/',
      '/2026/13/',
      '/2026/00/',
      '/2026/02/30/',
      '/2026/03/32/',
      '/2031/',
    ]) {
      assert.equal((await get(url)).status, 404, url);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('pagination <archive>/page/N/', () => {
  const perPage = 10;

  test('the home page paginates through every published story exactly once', async () => {
    const total = demoArticles.length + extraPublished;
    const pages = Math.ceil(total / perPage);
    assert.ok(pages >= 3);
    // Page 1 is the front page itself; /page/N/ continues the plain list from story 11.
    const seen: string[] = [];
    for (let n = 2; n <= pages; n++) seen.push(...cardLinks((await page(`/page/${n}/`)).doc));
    assert.equal(seen.length, total - perPage);
    assert.equal(new Set(seen).size, seen.length, 'no story on two pages');
    assert.ok(!seen.some((l) => HIDDEN.test(l)));
    assert.equal((await get(`/page/${pages + 1}/`)).status, 404, 'a page past the end');
  });

  test('a middle page has prev/next links in <head> and in the pagination nav', async () => {
    const { doc } = await page('/page/2/');
    assert.equal(canonicalOf(doc), `${ORIGIN}/page/2/`);
    assert.equal(headLink(doc, 'prev'), `${ORIGIN}/`);
    assert.equal(headLink(doc, 'next'), `${ORIGIN}/page/3/`);
    const nav = $(doc, 'nav.pagination');
    assert.ok(nav);
    assert.deepEqual(hrefs(nav, 'a[rel=prev]'), ['/']);
    assert.deepEqual(hrefs(nav, 'a[rel=next]'), ['/page/3/']);
    assert.ok(text(nav).includes('Page 2 of'));
  });

  test('the last page has prev but no next', async () => {
    const pages = Math.ceil((demoArticles.length + extraPublished) / perPage);
    const { doc } = await page(`/page/${pages}/`);
    assert.equal(headLink(doc, 'prev'), `${ORIGIN}/page/${pages - 1}/`);
    assert.equal(headLink(doc, 'next'), undefined);
    assert.deepEqual(hrefs(doc, 'nav.pagination a[rel=next]'), []);
  });

  test('page 1 spelled out answers 301 to the listing, as WordPress does', async () => {
    for (const [from, to] of [
      ['/page/1/', '/'],
      ['/category/sport/page/1/', '/category/sport/'],
      ['/tag/markets/page/1/', '/tag/markets/'],
      ['/author/selin-kalin/page/1/', '/author/selin-kalin/'],
      ['/2026/page/1/', '/2026/'],
      ['/2026/03/page/1/', '/2026/03/'],
    ]) {
      const res = await get(from!);
      assert.equal(res.status, 301, from);
      assert.equal(res.location, to, from);
    }
  });

  test('page 0, negative, non-numeric, fractional and absurd page numbers are 404, never 500', async () => {
    for (const base of [
      '/',
      '/category/sport/',
      '/tag/markets/',
      '/author/selin-kalin/',
      '/2026/',
    ]) {
      for (const n of ['0', '00', '-1', 'abc', '1.5', '2e3', '01', '99999999999', '%20', 'page']) {
        const res = await get(`${base}page/${n}/`);
        assert.equal(res.status, 404, `${base}page/${n}/`);
        assert.equal($$(res.doc, 'h1').length, 1);
      }
      assert.equal((await get(`${base}page/999/`)).status, 404, `${base}page/999/ is past the end`);
    }
  });

  describe('with 3 stories per page', () => {
    before(() => site.services.settings.set('postsPerPage', 3));
    after(() => site.services.settings.set('postsPerPage', 10));

    test('category, tag, author and date archives paginate with prev/next', async () => {
      const sport = demoArticles.filter((a) => a.category === 'sport' || a.category === 'football');
      const sportPages = Math.ceil(sport.length / 3);
      assert.ok(sportPages >= 3);
      const first = await page('/category/sport/');
      assert.equal(headLink(first.doc, 'prev'), undefined);
      assert.equal(headLink(first.doc, 'next'), `${ORIGIN}/category/sport/page/2/`);
      const second = await page('/category/sport/page/2/');
      assert.equal(headLink(second.doc, 'prev'), `${ORIGIN}/category/sport/`);
      assert.equal(headLink(second.doc, 'next'), `${ORIGIN}/category/sport/page/3/`);
      assert.deepEqual(hrefs(second.doc, 'nav.pagination a[rel=prev]'), ['/category/sport/']);
      const seen: string[] = [];
      for (let n = 1; n <= sportPages; n++) {
        seen.push(
          ...cardLinks(
            (await page(n === 1 ? '/category/sport/' : `/category/sport/page/${n}/`)).doc,
          ),
        );
      }
      assert.equal(new Set(seen).size, sport.length, 'every sport story once');
      assert.equal((await get(`/category/sport/page/${sportPages + 1}/`)).status, 404);

      const selin = await page('/author/selin-kalin/page/2/');
      assert.equal(headLink(selin.doc, 'prev'), `${ORIGIN}/author/selin-kalin/`);
      const markets = await get('/tag/markets/page/2/');
      assert.equal(markets.status, 404, 'one published story tagged Markets: one page');
      const year = await page('/2026/page/2/');
      assert.equal(headLink(year.doc, 'prev'), `${ORIGIN}/2026/`);
      assert.equal(canonicalOf(year.doc), `${ORIGIN}/2026/page/2/`);
    });
  });
});

// ---------------------------------------------------------------------------------------------
describe('static pages /<slug>/', () => {
  test('/about/ and /contact/ render with one <h1>', async () => {
    for (const [url, title] of [
      ['/about/', 'About the Harbour Gazette'],
      ['/contact/', 'Contact us'],
    ]) {
      const { doc } = await page(url!);
      const h1s = $$(doc, 'h1');
      assert.equal(h1s.length, 1);
      assert.equal(text(h1s[0]), title);
      assert.equal(canonicalOf(doc), `${ORIGIN}${url}`);
      assert.equal($$(doc, 'section#comments').length, 0);
    }
  });

  test('without the trailing slash a page answers 301 to it, keeping the query', async () => {
    const plain = await get('/about');
    assert.equal(plain.status, 301);
    assert.equal(plain.location, '/about/');
    assert.equal((await get('/about?ref=footer')).location, '/about/?ref=footer');
    assert.equal((await get('/category/sport/football')).location, '/category/sport/football/');
  });

  test('a page slug at a date path, or a story slug at /<slug>/, is a 404', async () => {
    assert.equal((await get('/2026/03/18/about/')).status, 404);
    const story = await pathOf(demo('Little Kadıköy night market').title);
    const slug = story.split('/')[4]!;
    assert.equal((await get(`/${slug}/`)).status, 404);
  });
});

// ---------------------------------------------------------------------------------------------
describe('404 and 410', () => {
  test('an unknown address is a friendly 404 with a search box and the latest stories', async () => {
    const res = await get('/no-such-page/');
    assert.equal(res.status, 404);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.equal(res.headers['cache-control'], cacheProfiles.error);
    assert.equal(text($(res.doc, 'h1')), en.notFoundTitle);
    assert.equal($$(res.doc, 'h1').length, 1);
    assert.ok($(res.doc, 'main form input[type=search][name=q]'), 'a search box in the page');
    const latest = cardLinks(res.doc);
    assert.ok(latest.length >= 3);
    assert.equal(latest[0], await pathOf(demo('Little Kadıköy night market').title));
    assert.equal($(res.doc, 'meta[name=robots]')?.attribs.content, 'noindex');
  });

  test('a trashed story answers 410 Gone, also at a wrong date', async () => {
    const res = await get(hidden.trashed!.path);
    assert.equal(res.status, 410);
    assert.equal(text($(res.doc, 'h1')), en.goneTitle);
    assert.ok($(res.doc, 'main input[type=search]'));
    assert.equal((await get(`/2020/01/01/${hidden.trashed!.slug}/`)).status, 410);
  });

  test('a trashed draft was never public: 404, not 410', async () => {
    assert.equal((await get(`/2026/03/18/${hidden.trashedDraft!.slug}/`)).status, 404);
    assert.equal((await get(hidden.trashedDraft!.path)).status, 404);
  });
});

// ---------------------------------------------------------------------------------------------
describe('URLs that move', () => {
  test('a changed slug: the old URL answers 301 to the new one', async () => {
    const story = await publish(
      'Ferry fares frozen for a year',
      new Date(NOW.getTime() - 90 * DAY),
    );
    assert.equal((await get(story.path)).status, 200);
    const moved = await site.services.articles.changeUrl(story.id, { slug: 'ferry-fares-frozen' });
    assert.equal(moved, story.path.replace(story.slug, 'ferry-fares-frozen'));
    const old = await get(story.path);
    assert.equal(old.status, 301);
    assert.equal(old.location, moved);
    assert.equal((await get(moved)).status, 200);
  });

  test('a changed date: the old URLs answer 301 straight to the current one', async () => {
    const story = await publish(
      'Lighthouse keeper cottage restored',
      new Date(NOW.getTime() - 80 * DAY),
    );
    const renamed = await site.services.articles.changeUrl(story.id, {
      slug: 'lighthouse-cottage',
    });
    const redated = await site.services.articles.changeUrl(story.id, {
      publishedAt: new Date(NOW.getTime() - 70 * DAY).toISOString(),
    });
    assert.notEqual(renamed, redated);
    for (const old of [story.path, renamed]) {
      const res = await get(old);
      assert.equal(res.status, 301, old);
      assert.equal(res.location, redated, `${old} goes straight to the current URL`);
    }
    assert.equal((await get(redated)).status, 200);
  });

  test('the right slug at a wrong date answers 301 to the canonical URL', async () => {
    const path = await pathOf(demo('Harbour wall repairs').title);
    const slug = path.split('/')[4];
    const res = await get(`/2019/07/04/${slug}/?utm_source=mail`);
    assert.equal(res.status, 301);
    assert.equal(res.location, path);
  });
});

// ---------------------------------------------------------------------------------------------
describe('slugs', () => {
  test('Turkish titles transliterate, and a repeated title gets a unique slug', async () => {
    const when = new Date(NOW.getTime() - 60 * DAY);
    const first = await publish("Türkiye'nin İstanbul planı", when);
    const second = await publish("Türkiye'nin İstanbul planı", when);
    assert.equal(first.path, '/2026/01/17/turkiyenin-istanbul-plani/');
    assert.equal(second.path, '/2026/01/17/turkiyenin-istanbul-plani-2/');
    for (const story of [first, second]) {
      const { doc } = await page(story.path);
      assert.equal(text($(doc, 'h1')), "Türkiye'nin İstanbul planı");
    }
    const erdogan = await publish('Erdoğan Kalın', when);
    assert.ok(erdogan.path.endsWith('/erdogan-kalin/'));
  });
});

// ---------------------------------------------------------------------------------------------
describe('unpublished content is never public', () => {
  test('draft, pending, scheduled, future, unpublished: 404 at their URL', async () => {
    for (const key of ['draft', 'pending', 'scheduled', 'future', 'unpublished']) {
      const fixture = hidden[key]!;
      assert.match(fixture.path, /^\/2026\/03\/(18|19)\/hidden-fixture/);
      const res = await get(fixture.path);
      assert.equal(res.status, 404, `${key} at ${fixture.path}`);
      assert.equal((await get(`/2020/01/01/${fixture.slug}/`)).status, 404, `${key}, wrong date`);
      assert.equal((await get(`/${fixture.slug}/`)).status, 404, `${key} as a page`);
    }
  });

  test('and appears in no listing', async () => {
    const listings = [
      '/',
      '/page/2/',
      '/category/city/',
      '/tag/markets/',
      '/author/selin-kalin/',
      '/2026/',
      '/2026/03/',
      '/2026/03/18/',
      await pathOf(demo('Little Kadıköy night market').title),
      await pathOf(demo('Harbour wall repairs').title),
    ];
    for (const url of listings) {
      const { body } = await page(url);
      assert.ok(!HIDDEN.test(body), `${url} shows an unpublished story`);
    }
    const notFound = await get('/no-such-page/');
    assert.ok(!HIDDEN.test(notFound.body), 'the 404 page’s latest stories');
    assert.equal((await get('/2026/03/19/')).status, 404, 'the scheduled story’s day is empty');
  });

  test('a future-dated story appears once its time has come (the clock decides)', async () => {
    const future = hidden.future!;
    site.clock.now = new Date(NOW.getTime() + 3 * HOUR);
    try {
      assert.equal((await get(future.path)).status, 200);
      assert.ok(cardLinks((await page('/')).doc).includes(future.path));
      assert.equal(
        (await get(hidden.scheduled!.path)).status,
        404,
        'scheduled is still a day away',
      );
    } finally {
      site.clock.now = NOW;
    }
    assert.equal((await get(future.path)).status, 404);
  });
});

// ---------------------------------------------------------------------------------------------
describe('HTTP policy on pages', () => {
  const urls = async () => [
    '/',
    await pathOf(demo('Harbour wall repairs').title),
    '/category/sport/',
    '/author/selin-kalin/',
    '/about/',
  ];

  test('security headers: strict CSP without unsafe-inline, nosniff, framing and referrer', async () => {
    for (const url of [...(await urls()), '/no-such-page/']) {
      const { headers } = await get(url);
      const csp = String(headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, url);
      assert.match(csp, /style-src 'self'(;|$)/, url);
      assert.match(csp, /object-src 'none'/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
      assert.equal(headers['x-content-type-options'], 'nosniff', url);
      assert.equal(headers['x-frame-options'], 'DENY', url);
      assert.equal(headers['referrer-policy'], 'strict-origin-when-cross-origin', url);
    }
  });

  test('pages carry no inline script, style or style attribute (the CSP would block them)', async () => {
    for (const url of await urls()) {
      const { doc } = await page(url);
      // JSON-LD is data the browser never runs, so the CSP allows it.
      const inline = $$(doc, 'script').filter(
        (s) => !s.attribs.src && s.attribs.type !== 'application/ld+json',
      );
      assert.equal(inline.length, 0, `${url} inline script`);
      assert.equal($$(doc, 'style').length, 0, `${url} <style>`);
      assert.equal($$(doc, '[style]').length, 0, `${url} style=""`);
    }
  });

  test('Cache-Control comes from the cache profiles', async () => {
    for (const url of await urls()) {
      assert.equal((await get(url)).headers['cache-control'], cacheProfiles.page, url);
    }
    assert.equal((await get('/no-such-page/')).headers['cache-control'], cacheProfiles.error);
    assert.equal((await get('/about')).headers['cache-control'], cacheProfiles.page, '301');
  });
});

// ---------------------------------------------------------------------------------------------
describe('no email address anywhere', () => {
  test('crawling every internal link from the home page finds no author or commenter email', async () => {
    const privateEmails = [
      ...demoAuthors.map((a) => a.email),
      ...demoArticles.flatMap((a) => a.comments ?? []).map((c) => c.email),
      'staff.editor@harbourgazette.example',
    ];
    assert.ok(privateEmails.length > 10);
    // The contact page publishes the newsroom's desk addresses on purpose; they are not people's.
    const deskAddress = /^(news|corrections|letters|community|tips)@harbourgazette\.example$/;
    const queue = ['/'];
    const visited = new Set<string>();
    const broken: string[] = [];
    while (queue.length && visited.size < 400) {
      const url = queue.shift()!;
      if (visited.has(url)) continue;
      visited.add(url);
      const res = await get(url);
      if (res.status >= 300 && res.status < 400 && res.location) {
        assert.match(res.location, /^\/(?!\/)/, `${url} redirects off the site`);
        queue.push(res.location.split('#')[0]!);
        continue;
      }
      if (res.status !== 200) broken.push(`${url} → ${res.status}`);
      for (const email of privateEmails) {
        assert.ok(!res.body.toLowerCase().includes(email), `${email} appears on ${url}`);
      }
      for (const found of res.body.match(/[\w.+-]+@harbourgazette\.example/gi) ?? []) {
        assert.ok(url === '/contact/' && deskAddress.test(found), `${found} appears on ${url}`);
      }
      assert.ok(!HIDDEN.test(res.body) || res.status !== 200, `unpublished story on ${url}`);
      for (const href of hrefs(res.doc)) {
        if (!href.startsWith('/') || href.startsWith('//')) continue;
        if (/^\/(media|assets)\//.test(href)) continue;
        const clean = href.split('#')[0]!;
        if (clean && !visited.has(clean)) queue.push(clean);
      }
    }
    assert.ok(visited.size >= 60, `crawled only ${visited.size} pages`);
    assert.deepEqual(broken, [], 'every internal link answers');
  });
});
