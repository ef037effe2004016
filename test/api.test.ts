// The public JSON API under /api/v1/ and its OpenAPI document, on a real database with the demo
// content plus unpublished fixtures that must never show.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { demoArticles, demoAuthors, demoCategories } from '../src/demo/demo-content.js';
import { cacheProfiles } from '../src/http/cache-profiles.js';
import { toSlug } from '../src/text/slug.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const API = '/api/v1';
/** In every unpublished fixture's title, slug and tag: it must never appear in a response. */
const MARKER = 'zyxwvmarker';
const FIXTURE_EMAILS = ['hidden.author@fixture.example', 'api.fixture@fixture.example'];

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the OpenAPI schemas
type Json = Record<string, any>;
interface Fetched {
  url: string;
  route: string;
  status: number;
  raw: string;
  body: Json;
}

let site: TestSite;
const fetched: Fetched[] = [];
const unpublished: { label: string; id: number; slug: string }[] = [];
let hiddenTagSlug: string;

/** The OpenAPI path template a request URL answers to. */
function routeOf(url: string): string {
  const path = url.split('?')[0]!;
  const templates: [RegExp, string][] = [
    [/^\/api\/v1\/articles$/, '/api/v1/articles'],
    [/^\/api\/v1\/articles\/[^/]+$/, '/api/v1/articles/{idOrSlug}'],
    [/^\/api\/v1\/categories$/, '/api/v1/categories'],
    [/^\/api\/v1\/categories\/[^/]+$/, '/api/v1/categories/{slug}'],
    [/^\/api\/v1\/tags$/, '/api/v1/tags'],
    [/^\/api\/v1\/authors$/, '/api/v1/authors'],
    [/^\/api\/v1\/authors\/[^/]+$/, '/api/v1/authors/{slug}'],
  ];
  return templates.find(([re]) => re.test(path))?.[1] ?? 'undocumented';
}

/** GETs an API URL (absolute ones are made relative), checks the invariants every answer shares, records it. */
async function get(url: string): Promise<Fetched> {
  const relative = url.startsWith('http') ? url.slice(new URL(url).origin.length) : url;
  const res = await site.app.inject(relative);
  assert.ok(res.statusCode < 500, `${relative} answered ${res.statusCode}`);
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', relative);
  const body = JSON.parse(res.body) as Json;
  if (res.statusCode >= 400) {
    assert.equal(typeof body.error?.code, 'string', relative);
    assert.equal(typeof body.error?.message, 'string', relative);
  } else {
    assert.equal(res.headers['cache-control'], cacheProfiles.api, relative);
  }
  const out = {
    url: relative,
    route: routeOf(relative),
    status: res.statusCode,
    raw: res.body,
    body,
  };
  fetched.push(out);
  return out;
}

async function getOk(url: string): Promise<Json> {
  const res = await get(url);
  assert.equal(res.status, 200, `${url}: ${res.raw}`);
  return res.body;
}

async function expectError(url: string, status: number, code: string) {
  const res = await get(url);
  assert.equal(res.status, status, `${url}: ${res.raw}`);
  assert.equal(res.body.error.code, code, url);
}

/** Follows `links.next` from `url` to the end; returns every item in order. */
async function walk(url: string): Promise<Json[]> {
  const items: Json[] = [];
  let next: string | null = url;
  for (let guard = 0; next && guard < 200; guard++) {
    const body = await getOk(next);
    items.push(...body.items);
    next = body.pagination.links.next;
  }
  return items;
}

/** Follows `next_cursor` as `cursor` from the first page of `query`. */
async function walkByCursor(query: string): Promise<Json[]> {
  const items: Json[] = [];
  let body = await getOk(`${API}/articles?${query}`);
  items.push(...body.items);
  for (let guard = 0; body.pagination.next_cursor && guard < 200; guard++) {
    body = await getOk(`${API}/articles?${query}&cursor=${body.pagination.next_cursor}`);
    assert.equal(body.pagination.page, null);
    items.push(...body.items);
  }
  return items;
}

const ids = (items: Json[]) => items.map((i) => i.id as number);
const newestFirst = (a: Json, b: Json) =>
  a.published_at === b.published_at ? b.id - a.id : a.published_at < b.published_at ? 1 : -1;

const demoEmails = [
  ...demoAuthors.map((a) => a.email),
  ...demoArticles.flatMap((a) => (a.comments ?? []).map((c) => c.email)),
];
const demoPublishedCount = demoArticles.length;

before(async () => {
  site = await startTestSite({ demo: true });
  const { services } = site;
  const now = site.clock.now.getTime();
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  const hidden = await services.taxonomy.createAuthor({
    name: 'Hidden Author',
    email: FIXTURE_EMAILS[0]!,
    bio: `Only writes ${MARKER} drafts.`,
  });
  const tagId = await services.taxonomy.ensureTag(`${MARKER} secret`);
  hiddenTagSlug = toSlug(`${MARKER} secret`);
  const city = (await services.taxonomy.categoryTree()).bySlug.get('city')!.id;
  const fixtures = [
    { label: 'draft', status: 'draft', publishedAt: null },
    { label: 'pending', status: 'pending', publishedAt: null },
    { label: 'scheduled', status: 'scheduled', publishedAt: at(60 * 24) },
    { label: 'future', status: 'published', publishedAt: at(60) },
    { label: 'unpublished', status: 'unpublished', publishedAt: at(-60) },
    { label: 'trash', status: 'published', publishedAt: at(-30) },
  ] as const;
  for (const f of fixtures) {
    const title = `${MARKER} ${f.label}`;
    const id = await services.articles.create({
      title,
      bodyHtml: `<p>${MARKER} ${FIXTURE_EMAILS[0]}</p>`,
      status: f.status,
      publishedAt: f.publishedAt,
      primaryCategoryId: city,
      tagIds: [tagId],
      authorIds: [hidden],
    });
    if (f.label === 'trash') await services.articles.trash(id);
    unpublished.push({ label: f.label, id, slug: toSlug(title) });
  }
  // A published static page: public, but not an article.
  const pageTitle = `${MARKER} page`;
  const pageId = await services.articles.create({
    type: 'page',
    title: pageTitle,
    bodyHtml: `<p>${MARKER}</p>`,
    status: 'published',
    publishedAt: at(-30),
    authorIds: [],
  });
  unpublished.push({ label: 'page', id: pageId, slug: toSlug(pageTitle) });
});
after(() => site?.close());

test('GET /articles lists published articles newest first, with pagination info', async () => {
  const body = await getOk(`${API}/articles`);
  assert.equal(body.items.length, 20);
  assert.deepEqual(body.pagination, {
    per_page: 20,
    page: 1,
    total_pages: Math.ceil(demoPublishedCount / 20),
    total_items: demoPublishedCount,
    next_cursor: body.pagination.next_cursor,
    links: {
      self: `http://newsdesk.test${API}/articles?per_page=20`,
      first: `http://newsdesk.test${API}/articles?per_page=20`,
      prev: null,
      next: `http://newsdesk.test${API}/articles?per_page=20&page=2`,
      last: `http://newsdesk.test${API}/articles?per_page=20&page=2`,
    },
  });
  assert.match(body.pagination.next_cursor, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual([...body.items].sort(newestFirst), body.items);
  const first = body.items[0];
  const newestDemo = [...demoArticles].sort((a, b) => a.daysAgo - b.daysAgo || b.hour - a.hour)[0]!;
  assert.equal(first.title, newestDemo.title, 'the newest article leads');
  assert.equal(first.url, `http://newsdesk.test${new URL(first.url).pathname}`);
  assert.equal(first.api_url, `http://newsdesk.test${API}/articles/${first.id}`);
  assert.equal('body_html' in first, false, 'summaries carry no body');
});

test('page pagination walks every article exactly once', async () => {
  const items = await walk(`${API}/articles?per_page=7`);
  assert.equal(items.length, demoPublishedCount);
  assert.equal(new Set(ids(items)).size, items.length, 'no duplicates');
  assert.deepEqual([...items].sort(newestFirst), items);
  const last = await getOk(`${API}/articles?per_page=7&page=${Math.ceil(demoPublishedCount / 7)}`);
  assert.equal(last.pagination.links.next, null);
  assert.equal(last.pagination.next_cursor, null);
  assert.equal(last.pagination.links.self, last.pagination.links.last);
  const second = await getOk(`${API}/articles?per_page=7&page=2`);
  assert.equal(second.pagination.links.prev, `http://newsdesk.test${API}/articles?per_page=7`);
  assert.deepEqual(ids(second.items), ids(items.slice(7, 14)));
  // The largest page size.
  assert.equal((await getOk(`${API}/articles?per_page=100`)).items.length, demoPublishedCount);
});

test('cursor pagination walks every article exactly once, in the same order', async () => {
  const byPage = await walk(`${API}/articles?per_page=100`);
  for (const size of [1, 5, 13]) {
    const byCursor = await walkByCursor(`per_page=${size}`);
    assert.equal(new Set(ids(byCursor)).size, byCursor.length, `no duplicates (${size})`);
    assert.deepEqual(ids(byCursor), ids(byPage), `nothing missing (${size})`);
  }
  // links.next carries the cursor and the filters.
  const first = await getOk(`${API}/articles?per_page=3&author=marcus-hale`);
  const next = new URL(first.pagination.links.next);
  assert.equal(next.searchParams.get('cursor'), null, 'page mode links by page');
  const second = await getOk(
    `${API}/articles?per_page=3&author=marcus-hale&cursor=${first.pagination.next_cursor}`,
  );
  const link = new URL(second.pagination.links.next);
  assert.equal(link.searchParams.get('author'), 'marcus-hale');
  assert.equal(link.searchParams.get('cursor'), second.pagination.next_cursor);
  assert.equal(second.pagination.links.prev, null);
  assert.equal(second.pagination.links.last, null);
  assert.equal(second.pagination.total_items, 14);
});

test('a cursor is stable while new articles are published', async () => {
  const firstPage = await getOk(`${API}/articles?per_page=4`);
  const id = await site.services.articles.create({
    title: 'Ferry timetable changes for the winter',
    bodyHtml: '<p>Fewer late sailings.</p>',
    status: 'published',
    publishedAt: new Date(site.clock.now.getTime() - 1000).toISOString(),
    authorIds: [1],
  });
  try {
    const rest: Json[] = [];
    let cursor = firstPage.pagination.next_cursor;
    while (cursor) {
      const body = await getOk(`${API}/articles?per_page=4&cursor=${cursor}`);
      rest.push(...body.items);
      cursor = body.pagination.next_cursor;
    }
    const all = [...ids(firstPage.items), ...ids(rest)];
    assert.equal(new Set(all).size, all.length, 'nothing repeated after the insert');
    assert.equal(all.length, demoPublishedCount);
    assert.ok(!all.includes(id));
  } finally {
    await site.services.articles.trash(id);
  }
});

test('filters: category (with subcategories), tag, author, combined', async () => {
  const tree = await site.services.taxonomy.categoryTree();
  const cityFamily = new Set([
    'city',
    ...demoCategories.filter((c) => c.parent === 'city').map((c) => c.slug),
  ]);
  const city = await walk(`${API}/articles?category=city&per_page=100`);
  assert.equal(city.length, demoArticles.filter((a) => cityFamily.has(a.category)).length);
  assert.ok(city.every((a) => cityFamily.has(a.primary_category.slug)));
  assert.ok(
    city.some((a) => a.primary_category.slug === 'transport'),
    'subcategory included',
  );
  assert.ok(tree.bySlug.get('transport')!.parentId === tree.bySlug.get('city')!.id);

  const transport = await getOk(`${API}/articles?category=transport`);
  assert.equal(
    transport.pagination.total_items,
    demoArticles.filter((a) => a.category === 'transport').length,
  );

  const tagName = demoArticles[0]!.tags[0]!;
  const tagged = await walk(`${API}/articles?tag=${toSlug(tagName)}&per_page=2`);
  assert.equal(tagged.length, demoArticles.filter((a) => a.tags.includes(tagName)).length);
  for (const item of tagged) {
    const full = await getOk(item.api_url);
    assert.ok(full.tags.some((t: Json) => t.name === tagName));
  }

  for (const author of demoAuthors) {
    const byAuthor = await walkByCursor(`author=${author.slug}&per_page=3`);
    assert.equal(
      byAuthor.length,
      demoArticles.filter((a) => a.authors.includes(author.slug)).length,
    );
    assert.ok(byAuthor.every((a) => a.authors.some((x: Json) => x.slug === author.slug)));
  }

  const combined = await getOk(`${API}/articles?category=sport&author=marcus-hale&per_page=100`);
  const sport = new Set(['sport', 'football']);
  assert.equal(
    combined.pagination.total_items,
    demoArticles.filter((a) => sport.has(a.category) && a.authors.includes('marcus-hale')).length,
  );
  assert.ok(combined.pagination.total_items > 0);
  assert.ok(new URL(combined.pagination.links.self).searchParams.get('category') === 'sport');

  await expectError(`${API}/articles?category=no-such-section`, 404, 'NOT_FOUND');
  await expectError(`${API}/articles?tag=no-such-tag`, 404, 'NOT_FOUND');
  await expectError(`${API}/articles?author=no-such-person`, 404, 'NOT_FOUND');
});

test('GET /articles/:idOrSlug gives the full article by id and by slug', async () => {
  const demo = demoArticles.find(
    (a) => a.image && (a.comments?.length ?? 0) > 1 && a.tags.length > 1,
  )!;
  const list = await walk(`${API}/articles?per_page=100`);
  const summary = list.find((a) => a.title === demo.title)!;
  const byId = await getOk(`${API}/articles/${summary.id}`);
  const bySlug = await getOk(`${API}/articles/${summary.slug}`);
  assert.deepEqual(byId, bySlug);
  for (const [key, value] of Object.entries(summary)) assert.deepEqual(byId[key], value, key);
  assert.match(byId.body_html, /^<p>/);
  assert.deepEqual(byId.tags.map((t: Json) => t.name).sort(), [...demo.tags].sort());
  assert.equal(byId.tags[0].url, `http://newsdesk.test/tag/${byId.tags[0].slug}/`);
  assert.equal(byId.categories[0].slug, demo.category, 'primary category first');
  assert.equal(byId.primary_category.slug, demo.category);
  assert.deepEqual(
    byId.authors.map((a: Json) => a.slug),
    demo.authors,
  );
  assert.equal(byId.approved_comment_count, demo.comments!.length);
  assert.equal(byId.comment_status, 'open');
  assert.equal(byId.language, 'en');
  assert.equal(byId.direction, 'ltr');
  assert.equal(byId.dek, demo.dek);

  // The canonical URL is the article's absolute permalink; the image URL serves the file.
  const day = byId.published_at.slice(0, 10).replaceAll('-', '/');
  assert.equal(byId.url, `http://newsdesk.test/${day}/${byId.slug}/`);
  const image = byId.featured_image;
  assert.equal(image.alt, demo.image!.alt);
  assert.equal(new URL(image.url).origin, 'http://newsdesk.test');
  const file = await site.app.inject(new URL(image.url).pathname);
  assert.equal(file.statusCode, 200);
  assert.equal(file.headers['content-type'], image.mime);
  assert.ok(image.width > 0 && image.height > 0);

  const arabicDemo = demoArticles.find((a) => a.lang === 'ar')!;
  const arabic = await getOk(list.find((a) => a.title === arabicDemo.title)!.api_url);
  assert.equal(arabic.language, 'ar');
  assert.equal(arabic.direction, 'rtl');

  const closedDemo = demoArticles.find((a) => a.commentsClosed)!;
  const closed = await getOk(list.find((a) => a.title === closedDemo.title)!.api_url);
  assert.equal(closed.comment_status, 'closed');

  const plain = list.find((a) => a.featured_image === null);
  assert.ok(plain, 'some demo articles have no image');
});

test('ids that cannot exist are a 404, not a database error', async () => {
  await expectError(`${API}/articles/99999999999`, 404, 'NOT_FOUND');
  await expectError(`${API}/articles/2147483648`, 404, 'NOT_FOUND');
  await expectError(`${API}/articles/0`, 404, 'NOT_FOUND');
  await expectError(`${API}/articles/no-such-article`, 404, 'NOT_FOUND');
});

test('unpublished content, pages and their people never appear', async () => {
  for (const f of unpublished) {
    await expectError(`${API}/articles/${f.id}`, 404, 'NOT_FOUND');
    await expectError(`${API}/articles/${f.slug}`, 404, 'NOT_FOUND');
  }
  await expectError(`${API}/articles/about`, 404, 'NOT_FOUND');
  await expectError(`${API}/articles/contact`, 404, 'NOT_FOUND');
  const all = ids(await walk(`${API}/articles?per_page=100`));
  for (const f of unpublished) assert.ok(!all.includes(f.id), f.label);

  const tags = await getOk(`${API}/tags`);
  assert.ok(!tags.items.some((t: Json) => t.slug === hiddenTagSlug));
  const hiddenTagged = await getOk(`${API}/articles?tag=${hiddenTagSlug}`);
  assert.equal(hiddenTagged.pagination.total_items, 0);
  assert.deepEqual(hiddenTagged.items, []);

  const authors = await getOk(`${API}/authors`);
  assert.ok(!authors.items.some((a: Json) => a.slug === 'hidden-author'));
  await expectError(`${API}/authors/hidden-author`, 404, 'NOT_FOUND');
  const byHidden = await getOk(`${API}/articles?author=hidden-author`);
  assert.equal(byHidden.pagination.total_items, 0);
});

test('GET /categories and /categories/:slug describe the tree', async () => {
  const body = await getOk(`${API}/categories`);
  assert.deepEqual(
    body.items.map((c: Json) => c.slug).sort(),
    demoCategories.map((c) => c.slug).sort(),
  );
  const bySlug = new Map<string, Json>(body.items.map((c: Json) => [c.slug, c]));
  const transport = bySlug.get('transport')!;
  const city = bySlug.get('city')!;
  assert.equal(transport.parent_id, city.id);
  assert.equal(transport.depth, 1);
  assert.equal(city.depth, 0);
  assert.equal(city.parent_id, null);
  assert.equal(transport.path, '/category/city/transport/');
  assert.equal(transport.url, 'http://newsdesk.test/category/city/transport/');
  assert.equal((await site.app.inject(transport.path)).statusCode, 200);
  assert.equal(transport.articles_url, `http://newsdesk.test${API}/articles?category=transport`);

  const detail = await getOk(transport.api_url);
  assert.deepEqual(
    detail.ancestors.map((c: Json) => c.slug),
    ['city'],
  );
  assert.deepEqual(detail.children, []);
  const cityDetail = await getOk(`${API}/categories/city`);
  assert.deepEqual(
    cityDetail.children.map((c: Json) => c.slug),
    ['transport'],
  );
  assert.equal(cityDetail.children[0].url, transport.url);
  for (const c of body.items) await getOk(c.api_url);
  await expectError(`${API}/categories/no-such-section`, 404, 'NOT_FOUND');
});

test('GET /tags lists tags in use with their counts', async () => {
  const body = await getOk(`${API}/tags`);
  const names = [...new Set(demoArticles.flatMap((a) => a.tags))];
  assert.equal(body.items.length, new Set(names.map((n) => toSlug(n))).size);
  for (const tag of body.items.slice(0, 8)) {
    const listed = await getOk(tag.articles_url);
    assert.equal(listed.pagination.total_items, tag.article_count, tag.slug);
    assert.equal(tag.url, `http://newsdesk.test/tag/${tag.slug}/`);
  }
});

test('GET /authors and /authors/:slug: public profile only, never the email', async () => {
  const body = await getOk(`${API}/authors`);
  assert.deepEqual(
    body.items.map((a: Json) => a.slug).sort(),
    demoAuthors.map((a) => a.slug).sort(),
  );
  for (const author of body.items) {
    assert.deepEqual(Object.keys(author).sort(), [
      'api_url',
      'articles_url',
      'bio',
      'id',
      'name',
      'slug',
      'url',
    ]);
    const detail = await getOk(author.api_url);
    const demo = demoAuthors.find((a) => a.slug === author.slug)!;
    assert.equal(detail.name, demo.name);
    assert.equal(detail.bio, demo.bio);
    assert.equal(detail.url, `http://newsdesk.test/author/${demo.slug}/`);
    assert.equal(
      detail.article_count,
      demoArticles.filter((a) => a.authors.includes(demo.slug)).length,
    );
  }
  await expectError(`${API}/authors/no-such-person`, 404, 'NOT_FOUND');
});

test('bad input is a clean 400 or 404 in JSON, never a 500', async () => {
  const endpoints = [
    '/articles',
    '/articles/1',
    '/categories',
    '/categories/city',
    '/tags',
    '/authors',
    '/authors/selin-kalin',
  ];
  for (const e of endpoints) {
    await expectError(`${API}${e}?unexpected=1`, 400, 'VALIDATION_FAILED');
    await expectError(`${API}${e}?page=1&bogus=`, 400, 'VALIDATION_FAILED');
  }
  const garbage = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const invalid = [
    'page=0',
    'page=-1',
    'page=abc',
    'page=1.5',
    'page=',
    'page=1&page=2',
    'page=100001',
    'per_page=0',
    'per_page=101',
    'per_page=1000',
    'per_page=ten',
    'cursor=',
    'cursor=zzz',
    'cursor=!!!',
    `cursor=${'a'.repeat(201)}`,
    `cursor=${garbage({})}`,
    `cursor=${garbage(['yesterday', 3])}`,
    `cursor=${garbage(['2026-01-01T00:00:00.000Z', -1])}`,
    `cursor=${garbage(['2026-01-01T00:00:00.000Z', 99999999999])}`,
    `cursor=${garbage(['2026-13-45T00:00:00.000Z', 3])}`,
    `page=2&cursor=${garbage(['2026-01-01T00:00:00.000Z', 3])}`,
    'category=City',
    `tag=${'a'.repeat(121)}`,
    'author=%3Cscript%3E',
    'category[]=city',
  ];
  for (const query of invalid) {
    await expectError(`${API}/articles?${query}`, 400, 'VALIDATION_FAILED');
  }
  await expectError(`${API}/articles?page=3`, 404, 'NOT_FOUND');
  await expectError(`${API}/articles?page=99999`, 404, 'NOT_FOUND');
  await expectError(`${API}/articles/Not_A_Slug`, 400, 'VALIDATION_FAILED');
  await expectError(`${API}/articles/${'a'.repeat(121)}`, 400, 'VALIDATION_FAILED');
  for (const query of ['x=%ZZ', 'page=%C3%28']) {
    await expectError(`${API}/articles?${query}`, 400, 'BAD_REQUEST');
  }
  for (const path of ['/articles/%C3%28', '/categories/%ZZ', '/authors/%E0%A4%A']) {
    await expectError(`${API}${path}`, 400, 'BAD_REQUEST');
  }
  await expectError(`${API}/authors/-`, 400, 'VALIDATION_FAILED');
  await expectError(`${API}/no-such-endpoint`, 404, 'NOT_FOUND');

  // A cursor we issued keeps working whatever filters come with it.
  const cursor = garbage(['2099-01-01T00:00:00.000Z', 1]);
  const farFuture = await getOk(`${API}/articles?cursor=${cursor}&per_page=100`);
  assert.equal(
    farFuture.items.length,
    demoPublishedCount,
    'nothing unpublished past a future cursor',
  );
});

test('reader pages still work with the strict validator', async () => {
  for (const path of ['/', '/category/city/', '/author/selin-kalin/', '/about/']) {
    const res = await site.app.inject(path);
    assert.equal(res.statusCode, 200, path);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
  }
  assert.equal((await site.app.inject('/?utm_source=x')).statusCode, 200);
});

test('no email address and nothing unpublished in any API response', async () => {
  // Crawl every resource so the scan below sees all of them.
  const articles = await walk(`${API}/articles?per_page=100`);
  for (const a of articles) {
    await getOk(a.api_url);
    await getOk(`${API}/articles/${a.slug}`);
  }
  for (const c of (await getOk(`${API}/categories`)).items) await walk(c.articles_url);
  for (const t of (await getOk(`${API}/tags`)).items) await walk(t.articles_url);
  for (const a of (await getOk(`${API}/authors`)).items) {
    await getOk(a.api_url);
    await walk(a.articles_url);
  }
  const openapi = await site.app.inject(`${API}/openapi.json`);
  const bodies = [
    ...fetched.map((f) => ({ url: f.url, raw: f.raw })),
    { url: 'openapi', raw: openapi.body },
  ];
  assert.ok(bodies.length > 300, `crawled ${bodies.length} responses`);
  const secrets = [...new Set([...demoEmails, ...FIXTURE_EMAILS])];
  assert.ok(secrets.length > 10);
  for (const { url, raw } of bodies) {
    const text = raw.toLowerCase();
    for (const email of secrets)
      assert.ok(!text.includes(email.toLowerCase()), `${email} in ${url}`);
    assert.doesNotMatch(raw, /[\w.+-]+@[\w-]+\.[\w.-]+/, `an email address in ${url}`);
    // A request that names a fixture's tag is echoed in its links.
    if (!url.includes(MARKER)) assert.ok(!text.includes(MARKER), `unpublished content in ${url}`);
    assert.ok(!/"(author_)?email"/.test(raw), `an email field in ${url}`);
  }
});

test('the OpenAPI document describes every endpoint and every response we got', async () => {
  const res = await site.app.inject(`${API}/openapi.json`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  assert.equal(res.headers['cache-control'], cacheProfiles.api);
  const doc = JSON.parse(res.body) as Json;

  // OpenAPI 3.1 structure.
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  assert.equal(typeof doc.info.title, 'string');
  assert.equal(typeof doc.info.version, 'string');
  assert.equal(doc.servers[0].url, 'http://newsdesk.test');
  const expected = [
    '/api/v1/articles',
    '/api/v1/articles/{idOrSlug}',
    '/api/v1/authors',
    '/api/v1/authors/{slug}',
    '/api/v1/categories',
    '/api/v1/categories/{slug}',
    '/api/v1/tags',
  ];
  // Only the API: no reader route, nor the document itself. Others may add API endpoints.
  const paths = Object.keys(doc.paths);
  for (const path of paths) assert.ok(path.startsWith(`${API}/`), `${path} is documented`);
  assert.ok(!paths.includes(`${API}/openapi.json`));
  for (const path of expected) assert.ok(paths.includes(path), `${path} is missing`);
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const op of Object.values<Json>(item)) {
      assert.ok(op.responses && Object.keys(op.responses).length > 0, path);
      if (op.operationId) {
        assert.ok(!operationIds.has(op.operationId), 'operationIds are unique');
        operationIds.add(op.operationId);
      }
    }
  }
  for (const path of expected) {
    const item = doc.paths[path];
    assert.deepEqual(Object.keys(item), ['get'], path);
    const op = item.get;
    assert.equal(typeof op.operationId, 'string');
    assert.ok(op.tags.length > 0 && typeof op.summary === 'string', path);
    const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    const declared = (op.parameters ?? []).filter((p: Json) => p.in === 'path');
    assert.deepEqual(
      declared.map((p: Json) => p.name),
      pathParams,
      path,
    );
    assert.ok(declared.every((p: Json) => p.required === true));
    for (const [status, response] of Object.entries<Json>(op.responses)) {
      assert.match(status, /^[1-5]\d\d$/);
      assert.equal(typeof response.description, 'string');
      assert.ok(response.content['application/json'].schema, `${path} ${status}`);
    }
  }
  const listParams = doc.paths['/api/v1/articles'].get.parameters.map((p: Json) => p.name);
  assert.deepEqual(listParams.sort(), ['author', 'category', 'cursor', 'page', 'per_page', 'tag']);

  // Every $ref points at a schema that exists.
  const refs = [...res.body.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(refs.length > 10);
  for (const ref of refs) {
    const name = ref.replace('#/components/schemas/', '');
    assert.ok(ref.startsWith('#/components/schemas/') && doc.components.schemas[name], ref);
  }

  // Every response body fetched in this file validates against the schema the document declares
  // for its route and status, and every status we saw is declared.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const base = 'http://newsdesk.test/openapi.json';
  ajv.addSchema({ $id: base, components: doc.components });
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const checked = new Set<string>();
  assert.ok(fetched.length > 300);
  for (const f of fetched.filter((x) => x.route !== 'undocumented')) {
    const op = doc.paths[f.route]?.get;
    assert.ok(op, `${f.url} is documented`);
    const declared = op.responses[String(f.status)];
    assert.ok(declared, `${f.url}: status ${f.status} is documented`);
    const key = `${f.route} ${f.status}`;
    let validate = validators.get(key);
    if (!validate) {
      const schema = JSON.parse(
        JSON.stringify(declared.content['application/json'].schema).replaceAll(
          '"#/components/',
          `"${base}#/components/`,
        ),
      );
      validate = ajv.compile(schema);
      validators.set(key, validate);
    }
    assert.ok(validate(f.body), `${f.url}: ${ajv.errorsText(validate.errors)}`);
    checked.add(key);
  }
  for (const path of expected)
    assert.ok(checked.has(`${path} 200`), `a 200 of ${path} was checked`);
  assert.ok(checked.has('/api/v1/articles 400') && checked.has('/api/v1/articles 404'));
});

test('a tag or byline used only on a published page is not listed', async () => {
  const tagId = await site.services.taxonomy.ensureTag('Page Only Tag');
  const authorId = await site.services.taxonomy.createAuthor({
    name: 'Page Only Writer',
    email: FIXTURE_EMAILS[1]!,
  });
  await site.services.articles.create({
    type: 'page',
    title: 'Opening hours',
    bodyHtml: '<p>Weekday mornings.</p>',
    status: 'published',
    publishedAt: new Date(site.clock.now.getTime() - 60_000).toISOString(),
    tagIds: [tagId],
    authorIds: [authorId],
  });
  const tags = await getOk(`${API}/tags`);
  assert.ok(!tags.items.some((t: Json) => t.slug === 'page-only-tag'));
  const authors = await getOk(`${API}/authors`);
  assert.ok(!authors.items.some((a: Json) => a.slug === 'page-only-writer'));
});
