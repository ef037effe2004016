import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import sharp from 'sharp';
import type { PublishedArticle } from '../src/articles/article.js';
import { createLocale } from '../src/i18n/i18n.js';
import { hreflangAlternates, serializeJsonLd } from '../src/seo/json-ld.js';
import { SeoHead } from '../src/seo/seo-head.js';
import { javaSkip, validateHtml } from './support/html-validator.js';
import { addHiddenContent, type HiddenContent, leaksIn } from './support/syndication-fixtures.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const ORIGIN = 'http://newsdesk.test';
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const HOSTILE_TITLE = 'Harbour </script><script>alert(1)</script> & “quotes” <!-- ends';

type Ld = Record<string, unknown> & { '@type': string };

let site: TestSite;
let hidden: HiddenContent;
let hostile: PublishedArticle;

before(async () => {
  site = await startTestSite({ demo: true });
  hidden = await addHiddenContent(site);
  const { articles, taxonomy } = site.services;
  const tree = await taxonomy.categoryTree();
  const author = (await taxonomy.findAuthor('cagri-ozturk'))!;
  const id = await articles.create({
    title: HOSTILE_TITLE,
    dek: 'A dek with </script> and <b>markup</b> & ampersands.',
    bodyHtml: '<p>Body text.</p>',
    status: 'published',
    publishedAt: new Date(site.clock.now.getTime() - 60_000).toISOString(),
    primaryCategoryId: tree.bySlug.get('politics')!.id,
    authorIds: [author.id],
  });
  hostile = (await articles.list({}, 50, 0, tree)).find((a) => a.id === id)!;
});
after(() => site?.close());

const get = (url: string) => site.app.inject({ method: 'GET', url });
/** `/2026/05/01/slug/` → `/2026/`: the year archive of a story. */
const yearOf = (path: string) => `${path.split('/').slice(0, 2).join('/')}/`;

async function page(path: string): Promise<string> {
  const res = await get(path);
  assert.equal(res.statusCode, 200, path);
  return res.body;
}

/** Every JSON-LD block of a page, parsed. Fails on a block that is not valid JSON. */
function jsonLd(html: string): Ld[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Ld,
  );
}

const ofType = (blocks: Ld[], type: string) => blocks.filter((b) => b['@type'] === type);

function meta(html: string, key: string): string[] {
  return [...html.matchAll(/<meta (?:name|property)="([^"]+)" content="([^"]*)"\/>/g)]
    .filter((m) => m[1] === key)
    .map((m) => m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
}

async function published(listing = {}) {
  const tree = await site.services.taxonomy.categoryTree();
  return site.services.articles.list(listing, 100, 0, tree);
}

/** The URL answers 200 on this site (absolute URLs in structured data must resolve). */
async function resolves(url: string, type?: string) {
  assert.equal(new URL(url).origin, ORIGIN, url);
  const res = await get(new URL(url).pathname);
  assert.equal(res.statusCode, 200, url);
  if (type) assert.equal(String(res.headers['content-type']).split(';')[0], type, url);
  return res;
}

describe('NewsArticle structured data', () => {
  test('has Google’s required and recommended Article properties', async () => {
    const stories = (await published()).filter((a) => a.image && a.id !== hostile.id);
    const a = stories.find((s) => s.authors.length && s.updatedAt > s.publishedAt)!;
    assert.ok(a, 'a demo story with an image, a byline and an update');
    const html = await page(a.path);
    const [article, ...others] = ofType(jsonLd(html), 'NewsArticle');
    assert.equal(others.length, 0);
    assert.ok(article);
    const url = `${ORIGIN}${a.path}`;
    assert.equal(article['@context'], 'https://schema.org');
    assert.equal(article.headline, a.title);
    assert.deepEqual(article.mainEntityOfPage, { '@type': 'WebPage', '@id': url });
    assert.equal(article.url, url);
    // image: an array of absolute URLs that serve the featured image.
    assert.deepEqual(article.image, [`${ORIGIN}/media/${a.image!.path}`]);
    await resolves((article.image as string[])[0]!, 'image/jpeg');
    // Dates in ISO 8601 with a time zone; modified after published for an updated story.
    assert.match(article.datePublished as string, ISO_8601);
    assert.match(article.dateModified as string, ISO_8601);
    assert.equal(article.datePublished, a.publishedAt);
    assert.equal(article.dateModified, a.updatedAt);
    // Authors: people with a profile URL that resolves.
    const authors = article.author as Ld[];
    assert.deepEqual(
      authors.map((p) => [p['@type'], p.name, p.url]),
      a.authors.map((p) => ['Person', p.name, `${ORIGIN}/author/${p.slug}/`]),
    );
    for (const p of authors) await resolves(p.url as string, 'text/html');
    // Publisher: the organization with a raster logo of at least 112×112.
    const publisher = article.publisher as Ld & { logo: Ld };
    assert.equal(publisher['@type'], 'Organization');
    assert.equal(publisher.name, 'The Harbour Gazette');
    assert.equal(publisher.url, `${ORIGIN}/`);
    assert.equal(publisher.logo['@type'], 'ImageObject');
    const logo = await resolves(publisher.logo.url as string, 'image/png');
    const info = await sharp(logo.rawPayload).metadata();
    assert.equal(info.format, 'png');
    assert.equal(info.width, publisher.logo.width);
    assert.equal(info.height, publisher.logo.height);
    assert.ok(info.width! >= 112 && info.height! >= 112);
    assert.equal(article.articleSection, a.primaryCategory!.name);
    assert.equal(article.inLanguage, 'en');
    assert.equal(article.isAccessibleForFree, true);
    assert.equal(article.description, a.dek || a.excerpt);
  });

  test('a story in another language says so', async () => {
    const arabic = (await published()).find((a) => a.lang === 'ar')!;
    const [article] = ofType(jsonLd(await page(arabic.path)), 'NewsArticle');
    assert.equal(article?.inLanguage, 'ar');
  });

  test('a story that was never edited reports its publication as the last change', async () => {
    const a = (await published()).find((s) => s.updatedAt === s.publishedAt)!;
    const [article] = ofType(jsonLd(await page(a.path)), 'NewsArticle');
    assert.equal(article?.dateModified, a.publishedAt);
  });

  test('content cannot break out of the JSON-LD block', async () => {
    const html = await page(hostile.path);
    assert.doesNotMatch(html, /<script>alert/);
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    assert.equal(blocks.length, 2);
    for (const [, body] of blocks) assert.doesNotMatch(body!, /[<>&]/);
    const [article] = ofType(jsonLd(html), 'NewsArticle');
    assert.equal(article?.headline, HOSTILE_TITLE);
    assert.equal(article?.description, 'A dek with </script> and <b>markup</b> & ampersands.');
    assert.equal(
      serializeJsonLd({ a: '</script>&\u2028' }),
      '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}',
    );
  });
});

describe('BreadcrumbList, WebSite and Person', () => {
  function assertTrail(block: Ld | undefined, expected: [string, string][]) {
    assert.ok(block);
    const items = block.itemListElement as Ld[];
    assert.deepEqual(
      items.map((i) => [i['@type'], i.position, i.name, i.item]),
      expected.map(([name, path], i) => ['ListItem', i + 1, name, `${ORIGIN}${path}`]),
    );
  }

  test('an article’s trail runs Home › section › story', async () => {
    const a = (await published()).find((s) => s.primaryCategory?.slug === 'city')!;
    const [trail] = ofType(jsonLd(await page(a.path)), 'BreadcrumbList');
    assertTrail(trail, [
      ['Home', '/'],
      ['City', '/category/city/'],
      [a.title, a.path],
    ]);
  });

  test('archive trails: a subsection under its parent, tags, authors and dates', async (t) => {
    // Two stories a page, so the subsection has a page 2 whose trail leads to page 1.
    await site.services.settings.set('postsPerPage', 2);
    t.after(() => site.services.settings.set('postsPerPage', 10));
    const cases: [string, [string, string][]][] = [
      [
        '/category/sport/football/',
        [
          ['Home', '/'],
          ['Sport', '/category/sport/'],
          ['Football', '/category/sport/football/'],
        ],
      ],
      [
        '/category/sport/football/page/2/',
        [
          ['Home', '/'],
          ['Sport', '/category/sport/'],
          ['Football', '/category/sport/football/'],
        ],
      ],
      [
        '/tag/transport/',
        [
          ['Home', '/'],
          ['Tagged “Transport”', '/tag/transport/'],
        ],
      ],
      [
        '/author/gulsen-ince/',
        [
          ['Home', '/'],
          ['Gülşen İnce', '/author/gulsen-ince/'],
        ],
      ],
    ];
    for (const [path, trail] of cases) {
      assertTrail(ofType(jsonLd(await page(path)), 'BreadcrumbList')[0], trail);
    }
    // The paged front page is the home page's own listing: no trail beyond Home.
    assert.equal(ofType(jsonLd(await page('/page/2/')), 'BreadcrumbList').length, 0);
    const [date] = ofType(jsonLd(await page(yearOf(hostile.path))), 'BreadcrumbList');
    assert.equal((date?.itemListElement as Ld[] | undefined)?.length, 2);
  });

  test('the home page has a WebSite with a SearchAction that works', async () => {
    const blocks = jsonLd(await page('/'));
    const [website] = ofType(blocks, 'WebSite');
    assert.ok(website);
    assert.equal(website.url, `${ORIGIN}/`);
    assert.equal(website.name, 'The Harbour Gazette');
    const action = website.potentialAction as Ld & { target: Ld };
    assert.equal(action['@type'], 'SearchAction');
    const template = action.target.urlTemplate as string;
    assert.equal(template, `${ORIGIN}/search/?q={search_term_string}`);
    assert.equal(action['query-input'], 'required name=search_term_string');
    assert.ok(ofType(blocks, 'Organization').length === 1);
    assert.equal(ofType(blocks, 'BreadcrumbList').length, 0);
    // The search page the template points to exists (when the search capability is installed).
    const search = await get(
      `${new URL(template.replace('{search_term_string}', 'harbour')).pathname}?q=harbour`,
    );
    assert.notEqual(search.statusCode, 500);
  });

  test('an author page describes the Person, and never their email', async () => {
    const html = await page('/author/nadia-haddad/');
    const [profile] = ofType(jsonLd(html), 'ProfilePage');
    const person = profile?.mainEntity as Ld;
    assert.equal(person['@type'], 'Person');
    assert.equal(person.name, 'Nadia Haddad');
    assert.equal(person.url, `${ORIGIN}/author/nadia-haddad/`);
    assert.match(person.description as string, /community pages/);
    assert.deepEqual(leaksIn(html, hidden), []);
  });
});

describe('page metadata', () => {
  test('an article has Open Graph and Twitter card tags with its image and times', async () => {
    const a = (await published()).find((s) => s.image && s.updatedAt > s.publishedAt)!;
    const html = await page(a.path);
    assert.match(html, new RegExp(`<link rel="canonical" href="${ORIGIN}${a.path}"/>`));
    assert.deepEqual(meta(html, 'og:type'), ['article']);
    assert.deepEqual(meta(html, 'og:image'), [`${ORIGIN}/media/${a.image!.path}`]);
    assert.deepEqual(meta(html, 'og:image:width'), [String(a.image!.width)]);
    assert.deepEqual(meta(html, 'og:image:height'), [String(a.image!.height)]);
    assert.deepEqual(meta(html, 'twitter:card'), ['summary_large_image']);
    assert.deepEqual(meta(html, 'twitter:image'), [`${ORIGIN}/media/${a.image!.path}`]);
    assert.deepEqual(meta(html, 'twitter:title'), [a.title]);
    assert.deepEqual(meta(html, 'twitter:image:alt'), [a.image!.alt]);
    assert.deepEqual(meta(html, 'article:published_time'), [a.publishedAt]);
    assert.deepEqual(meta(html, 'article:modified_time'), [a.updatedAt]);
    assert.deepEqual(meta(html, 'article:section'), [a.primaryCategory!.name]);
    assert.ok(meta(html, 'article:tag').length > 0);
  });

  test('every kind of page has a meaningful title, description and canonical URL', async () => {
    const [story] = await published();
    const paths = [
      '/',
      story!.path,
      '/about/',
      '/category/city/',
      '/category/sport/football/',
      '/tag/transport/',
      '/author/selin-kalin/',
      yearOf(story!.path),
    ];
    const titles = new Set<string>();
    for (const path of paths) {
      const html = await page(path);
      const title = /<title>([^<]+)<\/title>/.exec(html)?.[1] ?? '';
      assert.match(title, /The Harbour Gazette/, path);
      titles.add(title);
      const [description] = meta(html, 'description');
      assert.ok(description && description.length >= 30, `${path}: "${description}"`);
      assert.deepEqual(meta(html, 'og:description'), [description]);
      assert.deepEqual(meta(html, 'twitter:description'), [description]);
      assert.match(html, new RegExp(`<link rel="canonical" href="${ORIGIN}${path}"/>`), path);
    }
    assert.equal(titles.size, paths.length, 'no two pages share a title');
  });

  test('hreflang appears only where an article has translations', async () => {
    const [story] = await published();
    assert.doesNotMatch(await page(story!.path), /hreflang=/);
    assert.deepEqual(hreflangAlternates({ url: ORIGIN }, { lang: 'en', path: '/a/' }, []), []);
    const alternates = hreflangAlternates({ url: ORIGIN }, { lang: 'en', path: '/2026/05/01/a/' }, [
      { lang: 'tr', path: '/2026/05/01/a-tr/' },
    ]);
    const head = renderToString(
      h(SeoHead, {
        site: {
          name: 'The Harbour Gazette',
          description: 'News.',
          url: ORIGIN,
          locale: createLocale('en', 'UTC'),
          nav: [],
          assets: { css: '/a.css', printCss: '/p.css', icon: '/i.svg' },
        },
        meta: { title: 'A', canonicalPath: '/2026/05/01/a/', alternates },
      }),
    );
    assert.match(
      head,
      /<link rel="alternate" hreflang="en" href="http:\/\/newsdesk\.test\/2026\/05\/01\/a\/"\/>/,
    );
    assert.match(
      head,
      /<link rel="alternate" hreflang="tr" href="http:\/\/newsdesk\.test\/2026\/05\/01\/a-tr\/"\/>/,
    );
  });
});

describe('validity', () => {
  const skip = javaSkip();
  test('pages with the new head pass the Nu HTML checker', { skip }, async () => {
    const [story] = await published();
    const documents: Record<string, string> = {};
    for (const [name, path] of Object.entries({
      home: '/',
      article: story!.path,
      hostile: hostile.path,
      category: '/category/sport/football/',
      tag: '/tag/transport/',
      author: '/author/selin-kalin/',
      date: yearOf(story!.path),
      paged: '/page/2/',
      page: '/about/',
    })) {
      documents[name] = await page(path);
    }
    const errors = await validateHtml(documents);
    const messages = [...errors].flatMap(([name, list]) =>
      list.map((m) => `${name}: ${m.message}`),
    );
    assert.deepEqual(messages, []);
  });
});
