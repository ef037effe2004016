import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { reindexSearch } from '../src/cli/search-command.js';
import { fold } from '../src/search/folding.js';
import { parseQuery } from '../src/search/query-parser.js';
import {
  tsqueryLiteral,
  tsvectorLiteral,
} from '../src/storage/dialect/postgres/postgres-search.js';
import { markdownToSafeHtml } from '../src/text/sanitized-html.js';
import { launchChromium, watchForErrors } from './support/browser.js';
import { javaSkip, validateHtml } from './support/html-validator.js';
import { chromiumSkip } from './support/services-available.js';
import { startTestSite, TEST_DB, type TestSite } from './support/test-site.js';

const HOUR = 3_600_000;
let site: TestSite;
let authorId: number;
let otherAuthorId: number;
let sectionId: number;
const ids: Record<string, number> = {};

interface ApiResult {
  id: number;
  title: string;
  path: string;
  url: string;
  title_highlight: { text: string; html: string };
  snippet: { text: string; html: string };
  authors: { slug: string; name: string }[];
  category: { slug: string; name: string } | null;
  published_at: string;
}
interface ApiBody {
  total: number;
  pages: number;
  page: number;
  per_page: number;
  suggestion: string | null;
  results: ApiResult[];
}

async function api(query: Record<string, string>): Promise<ApiBody> {
  const res = await site.app.inject({
    url: `/api/v1/search?${new URLSearchParams(query)}`,
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as ApiBody;
}

const titles = async (q: string, extra: Record<string, string> = {}) =>
  (await api({ q, per_page: '50', ...extra })).results.map((r) => r.title);

async function page(q: string, extra: Record<string, string> = {}) {
  const res = await site.app.inject({ url: `/search/?${new URLSearchParams({ q, ...extra })}` });
  assert.equal(res.statusCode, 200, res.body.slice(0, 500));
  return res.body;
}

const ago = (hours: number) => new Date(site.clock.now.getTime() - hours * HOUR).toISOString();

async function article(
  key: string,
  input: {
    title: string;
    dek?: string;
    body: string;
    status?: 'published' | 'draft' | 'scheduled' | 'pending';
    publishedAt?: string | null;
    authorIds?: number[];
    primaryCategoryId?: number | null;
    lang?: string;
  },
) {
  ids[key] = await site.services.articles.create({
    title: input.title,
    dek: input.dek ?? '',
    bodyHtml: markdownToSafeHtml(input.body),
    status: input.status ?? 'published',
    publishedAt: input.publishedAt === undefined ? ago(2) : input.publishedAt,
    authorIds: input.authorIds ?? [authorId],
    primaryCategoryId: input.primaryCategoryId ?? null,
    lang: input.lang ?? null,
  });
  return ids[key]!;
}

before(async () => {
  site = await startTestSite({ demo: true });
  const { taxonomy } = site.services;
  authorId = await taxonomy.createAuthor({
    name: 'Defne Searchwright',
    email: 'defne.private.inbox@newsdesk.test',
  });
  otherAuthorId = await taxonomy.createAuthor({
    name: 'Tomas Indexer',
    email: 'tomas.hidden@newsdesk.test',
  });
  sectionId = await taxonomy.createCategory({ name: 'Search Desk', slug: 'search-desk' });

  await article('hamas', {
    title: 'Regional shipping talks open at the Saltmere conference centre',
    body: 'Delegates from several organisations, among them Hamas and two harbour trade associations, attended the opening session on shipping routes, the organisers said in a short statement.',
  });
  await article('kalin', {
    title: 'Sabah sisi kalın: ferries wait at Old Quay',
    body: 'A thick morning fog kept the ferries at their moorings until ten o’clock.',
  });
  await article('arabic', {
    title: 'إسلام آباد تستضيف معرضاً للكتاب',
    body: 'افتتح في المدينة معرض للكتاب يضم أكثر من مئة دار نشر، وقال المنظمون إن الإقبال كان كبيراً.',
    lang: 'ar',
  });
  // Ranking: the same rare word in title, dek and body of three articles.
  await article('rankBody', {
    title: 'Council notes from the week',
    body: 'Among other matters, the quillmarsh boardwalk was discussed. The quillmarsh path stays open.',
  });
  await article('rankTitle', {
    title: 'Quillmarsh boardwalk reopens',
    body: 'Walkers can return to the path from Monday, the council said.',
  });
  await article('rankDek', {
    title: 'Weekend walks around the bay',
    dek: 'The quillmarsh boardwalk is the pick of the routes.',
    body: 'Five routes for the weekend, from short strolls to a full day out.',
  });
  // Unpublished and private things that must never be found.
  await article('draft', {
    title: 'Embargoed: zorvanite deal',
    body: 'Draft text about zorvanite.',
    status: 'draft',
    publishedAt: null,
  });
  await article('pending', {
    title: 'Pending zorvanite review',
    body: 'Awaiting an editor.',
    status: 'pending',
    publishedAt: null,
  });
  await article('scheduled', {
    title: 'Scheduled zorvanite announcement',
    body: 'Goes out tomorrow.',
    status: 'scheduled',
    publishedAt: new Date(site.clock.now.getTime() + 24 * HOUR).toISOString(),
  });
  await article('future', {
    title: 'Timed story about glimmerkelp',
    body: 'Published status, but its time has not come.',
    publishedAt: new Date(site.clock.now.getTime() + 2 * HOUR).toISOString(),
  });
  // Filters and paging: twelve stories with a shared word.
  for (let i = 0; i < 12; i++) {
    await article(`lantern${i}`, {
      title: `Lanternfish survey, part ${i + 1}`,
      body: `Volunteers counted lanternfish in zone ${i + 1}.`,
      publishedAt: ago(24 * (i + 1)),
      authorIds: i % 2 === 0 ? [authorId] : [otherAuthorId],
      primaryCategoryId: i < 4 ? sectionId : null,
    });
  }
  await article('markup', {
    title: 'Reader asks about snarkwidget markup',
    body: 'She pasted `<img src=x onerror=alert(1)>` into the snarkwidget form & waited.',
  });
});

after(() => site?.close());

describe(`search on ${TEST_DB}`, () => {
  test('the folding table finds the same stories over HTTP', async () => {
    const cases: [string, string][] = [
      ['kalin', 'Kalın & Sons chandlery marks 60 years on Old Quay'],
      ['KALIN', 'Sabah sisi kalın: ferries wait at Old Quay'],
      [
        'turkiye',
        "Türkiye'den elektrikli feribot: Kadıköy-designed ferry Martı arrives in Saltmere",
      ],
      [
        'Türkiye',
        "Türkiye'den elektrikli feribot: Kadıköy-designed ferry Martı arrives in Saltmere",
      ],
      ['istanbul', 'Councillor Ayşe Erdoğan launches bid to chair harbour committee'],
      ['erdogan', 'Councillor Ayşe Erdoğan launches bid to chair harbour committee'],
      ['cafe', 'Café owners back plan for wider pavements on Ferry Hill'],
      ['hama', 'Regional shipping talks open at the Saltmere conference centre'],
    ];
    for (const [q, title] of cases) {
      assert.ok((await titles(q)).includes(title), `${q} should find ${title}`);
    }
    // The examples fold alike on the function too.
    assert.equal(fold('KALIN'), fold('kalın'));
    assert.equal(fold('istanbul'), fold('İstanbul'));
  });

  test('the matched word is highlighted in its original spelling', async () => {
    const body = await api({ q: 'erdogan' });
    const top = body.results[0]!;
    assert.match(top.title_highlight.html, /<mark>Erdoğan<\/mark>/);
    assert.match(top.snippet.html, /<mark>Erdoğan<\/mark>/);
    const html = await page('hama');
    assert.match(html, /<mark>Hamas<\/mark>/);
  });

  test('quoted phrases match consecutive words only', async () => {
    const phrase = await titles('"harbour wall"');
    assert.ok(phrase.includes('Harbour wall repairs to close Quay Street for six weeks'));
    const reversed = await titles('"wall harbour"');
    assert.ok(!reversed.includes('Harbour wall repairs to close Quay Street for six weeks'));
    // A phrase never spans two fields (title end + dek start).
    assert.deepEqual(await titles('"bay the"'), []);
  });

  test('Arabic is found whatever alef, ta marbuta or alef maqsura form is typed', async () => {
    const festival = 'أضواء الميناء: مهرجان ثقافي يجمع أهل المدينة على الرصيف القديم';
    assert.ok((await titles('اضواء')).includes(festival), 'bare alef finds أضواء');
    assert.ok((await titles('المدينه ')).includes(festival), 'ha finds ta marbuta');
    const book = 'إسلام آباد تستضيف معرضاً للكتاب';
    assert.ok((await titles('اسلام اباد')).includes(book), 'bare alef finds إ and آ');
    assert.ok((await titles('مَعْرِض')).includes(book), 'tashkeel is ignored');
  });

  test('a title match outranks a dek match, which outranks a body match', async () => {
    const order = await titles('quillmarsh');
    assert.deepEqual(order, [
      'Quillmarsh boardwalk reopens',
      'Weekend walks around the bay',
      'Council notes from the week',
    ]);
  });

  test('nothing unpublished, scheduled, future or trashed is found, nor any email', async () => {
    assert.equal((await api({ q: 'zorvanite' })).total, 0);
    assert.equal((await api({ q: 'glimmerkelp' })).total, 0);
    assert.equal((await api({ q: 'embargoed' })).total, 0);
    // No suggestion may reveal a draft's words either.
    assert.equal((await api({ q: 'zorvanits' })).suggestion, null);
    const byAuthor = await site.app.inject('/api/v1/search?q=lanternfish&per_page=50');
    assert.doesNotMatch(byAuthor.body, /private\.inbox|tomas\.hidden|@/);
    assert.doesNotMatch(await page('lanternfish'), /private\.inbox|tomas\.hidden/);
    assert.equal((await api({ q: 'defne.private.inbox' })).total, 0);
  });

  test('the index follows publish, time passing, unpublish, URL changes and trash', async () => {
    const { articles } = site.services;
    // A scheduled article becomes findable once it is published and its time has come.
    await articles.setStatus(ids.scheduled!, 'published');
    assert.equal((await api({ q: 'zorvanite' })).total, 0, 'still in the future');
    const saved = site.clock.now;
    site.clock.now = new Date(saved.getTime() + 25 * HOUR);
    try {
      assert.deepEqual(await titles('zorvanite'), ['Scheduled zorvanite announcement']);
      assert.deepEqual(await titles('glimmerkelp'), ['Timed story about glimmerkelp']);
    } finally {
      site.clock.now = saved;
    }
    await articles.setStatus(ids.scheduled!, 'scheduled');

    // Publishing a draft, then unpublishing it.
    await articles.setStatus(ids.draft!, 'published');
    await articles.changeUrl(ids.draft!, { publishedAt: ago(1), slug: 'zorvanite-deal-agreed' });
    const found = await api({ q: 'zorvanite' });
    assert.equal(found.total, 1);
    assert.match(found.results[0]!.path, /\/zorvanite-deal-agreed\/$/);
    await articles.setStatus(ids.draft!, 'unpublished');
    assert.equal((await api({ q: 'zorvanite' })).total, 0);

    // Trash removes it.
    assert.equal((await api({ q: 'hamas' })).total, 1);
    await articles.trash(ids.hamas!);
    assert.equal((await api({ q: 'hamas' })).total, 0);
    await articles.setStatus(ids.hamas!, 'published');
    assert.equal((await api({ q: 'hamas' })).total, 1);
  });

  test('filters by section, author and dates, and pages through results', async () => {
    const all = await api({ q: 'lanternfish' });
    assert.equal(all.total, 12);
    assert.equal(all.results.length, 10);
    assert.equal(all.pages, 2);
    const second = await api({ q: 'lanternfish', page: '2' });
    assert.equal(second.results.length, 2);
    const seen = new Set([...all.results, ...second.results].map((r) => r.id));
    assert.equal(seen.size, 12);

    assert.equal((await api({ q: 'lanternfish', category: 'search-desk' })).total, 4);
    assert.equal((await api({ q: 'lanternfish', category: 'no-such-section' })).total, 0);
    const mine = await api({ q: 'lanternfish', author: 'defne-searchwright', per_page: '50' });
    assert.equal(mine.total, 6);
    assert.ok(mine.results.every((r) => r.authors.some((a) => a.slug === 'defne-searchwright')));
    const day = (hours: number) => ago(hours).slice(0, 10);
    const recent = await api({ q: 'lanternfish', from: day(24 * 3.5), to: day(0) });
    assert.ok(recent.total >= 3 && recent.total <= 4, `got ${recent.total}`);
    const newest = await api({ q: 'lanternfish', sort: 'newest' });
    assert.equal(newest.results[0]!.title, 'Lanternfish survey, part 1');

    const html = await page('lanternfish');
    assert.match(html, /12 results/);
    assert.match(html, /href="\/search\/\?q=lanternfish&amp;page=2"/);
    const filtered = await page('lanternfish', { category: 'search-desk', author: '', from: '' });
    assert.match(filtered, /4 results/);
    assert.match(filtered, /<option value="search-desk" selected>/);
  });

  test('"did you mean" suggests a published title word for a near miss', async () => {
    const body = await api({ q: 'erdgoan' });
    assert.equal(body.total, 0);
    assert.equal(body.suggestion, 'Erdoğan');
    const html = await page('lanternfsh ');
    assert.match(html, /Did you mean/);
    assert.match(html, /href="\/search\/\?q=Lanternfish"/);
    assert.equal((await api({ q: 'qwxzvbn' })).suggestion, null);
  });

  test('the page echoes the query escaped, is noindex, and escapes article text', async () => {
    const html = await page('<script>alert(1)</script>"x');
    assert.doesNotMatch(html, /<script>alert/);
    // Preact escapes `<` and `&` in text (enough to keep markup out); `>` may stay literal.
    assert.match(html, /&lt;script>alert\(1\)&lt;\/script>&quot;x/);
    assert.match(html, /<meta name="robots" content="noindex"\/>/);
    const markup = await api({ q: 'snarkwidget' });
    const snippet = markup.results[0]!.snippet.html;
    assert.match(snippet, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(snippet, /<img/);
    assert.match(snippet, /<mark>snarkwidget<\/mark>/);
    const pageHtml = await page('snarkwidget');
    assert.doesNotMatch(pageHtml, /<img src=x/);
    const empty = await page('');
    assert.match(empty, /Type one or more words/);
  });

  test('hostile queries get a result or a clear 400, never a 500', async () => {
    const hostile = [
      '"',
      '""',
      '"unbalanced',
      '*',
      '**',
      'kalin*',
      '*kalin',
      'NEAR(kalin sons)',
      'NEAR',
      'kalin NEAR/2 sons',
      'a AND b OR NOT c',
      'AND',
      '(',
      ')',
      '(kalin OR',
      'title:kalin',
      'body : x',
      '^kalin',
      '-kalin',
      'kalin -sons',
      '{title}: x',
      "'; DROP TABLE articles; --",
      '\\',
      '%',
      '%%',
      '🙂🙂🙂',
      ' '.repeat(400),
      'a'.repeat(500),
      'w '.repeat(250),
    ];
    for (const q of hostile) {
      const res = await site.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 200, `${JSON.stringify(q).slice(0, 40)}: ${res.body}`);
      const pageRes = await site.app.inject({ url: `/search/?q=${encodeURIComponent(q)}` });
      assert.equal(pageRes.statusCode, 200, JSON.stringify(q).slice(0, 40));
    }
    // Too long: a clear 400 on both.
    const long = 'kalin '.repeat(2000);
    const apiLong = await site.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(long)}` });
    assert.equal(apiLong.statusCode, 400);
    assert.equal(apiLong.json().error.code, 'VALIDATION_FAILED');
    const pageLong = await site.app.inject({ url: `/search/?q=${encodeURIComponent(long)}` });
    assert.equal(pageLong.statusCode, 400);
    assert.match(pageLong.body, /at most 500 characters/);
    // Broken percent-encoding and invalid UTF-8: the app's own 400.
    for (const raw of ['%FF', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', 'kalin%', '%00', 'x%00y']) {
      for (const path of ['/api/v1/search', '/search/']) {
        const res = await site.app.inject({ url: `${path}?q=${raw}` });
        assert.ok([200, 400].includes(res.statusCode), `${path}?q=${raw}: ${res.statusCode}`);
      }
    }
  });

  test('the API validates its parameters: unknown, malformed and missing are 400', async () => {
    const bad = [
      '/api/v1/search',
      '/api/v1/search?q=kalin&bogus=1',
      '/api/v1/search?q=kalin&page=0',
      '/api/v1/search?q=kalin&page=abc',
      '/api/v1/search?q=kalin&page=101',
      '/api/v1/search?q=kalin&per_page=51',
      '/api/v1/search?q=kalin&category=BAD SLUG',
      '/api/v1/search?q=kalin&from=yesterday',
      '/api/v1/search?q=kalin&from=2026-02-30',
      '/api/v1/search?q=kalin&sort=random',
      '/api/v1/search?q=a&q=b',
    ];
    for (const url of bad) {
      const res = await site.app.inject({ url });
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED', url);
    }
    const emptyQuery = await api({ q: '' });
    assert.equal(emptyQuery.total, 0);
    assert.deepEqual(emptyQuery.results, []);
    const res = await site.app.inject('/search/?q=kalin&from=2026-13-01');
    assert.equal(res.statusCode, 400);
    // The page ignores parameters it does not know (campaign tags and the like).
    await page('kalin', { utm_source: 'newsletter' });
  });

  test('reindex rebuilds the index and reports progress as plain lines off a terminal', async () => {
    // An article written behind the service's back is not indexed until a rebuild.
    const id = await site.services.repositories.articles.insert({
      type: 'post',
      slug: 'imported-without-index',
      title: 'Imported story about brindleweed',
      dek: '',
      bodyHtml: markdownToSafeHtml('Imported.'),
      excerpt: '',
      status: 'published',
      publishedAt: ago(3),
      createdAt: ago(3),
      updatedAt: ago(3),
      primaryCategoryId: null,
      categoryIds: [],
      tagIds: [],
      authorIds: [],
      featuredMediaId: null,
      commentStatus: 'open',
      lang: null,
      dir: null,
    });
    assert.equal((await api({ q: 'brindleweed' })).total, 0);
    let output = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        output += chunk;
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    const { indexed } = await reindexSearch(site.config, site.storage, stream);
    assert.ok(indexed > 40);
    assert.match(output, /Indexing articles: \d+\/\d+\n/);
    assert.deepEqual(await titles('brindleweed'), ['Imported story about brindleweed']);
    assert.equal((await api({ q: 'zorvanite' })).total, 0);
    assert.ok(id > 0);
    // The vocabulary was rebuilt too.
    assert.equal((await api({ q: 'brindelweed' })).suggestion, 'brindleweed');
  });
});

test('PostgreSQL literals are built from tokens only', () => {
  const doc = { articleId: 1, title: ['a', 'b'], dek: ['c'], body: ['a'] };
  assert.equal(tsvectorLiteral(doc), "'a':1A,8C 'b':2A 'c':5B");
  assert.equal(tsqueryLiteral(parseQuery('"old quay" hama')), "('old' <-> 'quay') & 'hama':*");
  const many = { articleId: 1, title: [], dek: [], body: Array(400).fill('x') as string[] };
  assert.equal(tsvectorLiteral(many).split(',').length, 255);
});

// The search page in each of its states: results with paging and filters, no results with a
// suggestion, the empty form, and a right-to-left result.
const PAGE_STATES: Record<string, string> = {
  results: '/search/?q=lanternfish&category=search-desk',
  paged: '/search/?q=lanternfish&page=2',
  'no-results': '/search/?q=erdgoan',
  empty: '/search/',
  arabic: '/search/?q=%D8%A7%D8%B6%D9%88%D8%A7%D8%A1',
};

describe(`search pages on ${TEST_DB}`, () => {
  test('pass the Nu HTML checker', { skip: javaSkip() }, async () => {
    const documents: Record<string, string> = {};
    for (const [name, url] of Object.entries(PAGE_STATES)) {
      const res = await site.app.inject(url);
      assert.equal(res.statusCode, 200, url);
      documents[name] = res.body;
    }
    const report = await validateHtml(documents);
    for (const [name, errors] of report) {
      assert.deepEqual(
        errors.map((e) => `${e.message} (line ${e.lastLine})`),
        [],
        `${name} has HTML errors`,
      );
    }
  });

  test('have no axe-core violations and work in a real browser', {
    skip: chromiumSkip(),
  }, async () => {
    const origin = await site.listen();
    const browser = await launchChromium();
    try {
      for (const [name, url] of Object.entries(PAGE_STATES)) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const context = await browser.newContext({
            viewport: { width: 375, height: 900 },
            colorScheme,
          });
          const page = await context.newPage();
          const problems = watchForErrors(page);
          await page.goto(`${origin}${url}`, { waitUntil: 'load' });
          const results = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
            .analyze();
          assert.deepEqual(
            results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
            [],
            `${name} (${colorScheme})`,
          );
          assert.deepEqual(problems, [], `${name} (${colorScheme})`);
          await context.close();
        }
      }
      // The form works without JavaScript: fill it in and submit it.
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${origin}/search/`);
      await page.fill('#search-q', 'KALIN');
      // The filters are folded away in a <details>, which opens without JavaScript too.
      await page.click('.search-filters summary');
      await page.selectOption('#search-sort', 'newest');
      await Promise.all([page.waitForURL(/q=KALIN/), page.click('#search-q ~ button')]);
      assert.match(await page.content(), /<mark>Kalın<\/mark>/);
      // A filter in use keeps the filters open.
      assert.equal(await page.locator('.search-filters').getAttribute('open'), '');
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
