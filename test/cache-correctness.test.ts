import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import type { Actor } from '../src/newsroom/newsroom.js';
import { missingService, portOpen } from './support/services-available.js';
import { startTestSite, type TestSite } from './support/test-site.js';

/**
 * Cache correctness: for every kind of content change, warm the cache on every page that lists
 * the content, make the change, then check that every page answers exactly what a fresh render
 * (a request that bypasses the cache) answers. Run with the memory store and with Redis.
 */

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const redisAddress = new URL(REDIS_URL);
const redisSkip = (await portOpen(redisAddress.hostname, Number(redisAddress.port || 6379)))
  ? false
  : missingService('Redis', `nothing answers at ${REDIS_URL}; start redis-server`);

async function dropPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const KEYWORD = 'quokkalighthouse';
const EDITOR_SLUG = 'cache-editor';

function suite(mode: 'memory' | 'redis', skip: string | false) {
  describe(`no cached page outlives a change (${mode})`, { skip }, () => {
    let site: TestSite;
    let actor: Actor;
    const prefix = `newsdesk-test:${randomUUID()}:`;
    /** Every public path the story under test has had (old ones must redirect, not linger). */
    const storyPaths = new Set<string>();
    const extraUrls = new Set<string>();
    let story: number;
    let breaking: number | undefined;
    let demoStory: { id: number; path: string };

    before(async () => {
      site = await startTestSite({
        demo: true,
        env: {
          PAGE_CACHE: mode,
          ...(mode === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
        },
      });
      const editor = await site.services.taxonomy.createAuthor({
        name: 'Cache Editor',
        email: 'cache-editor@example.test',
        role: 'editor',
        slug: EDITOR_SLUG,
      });
      actor = { id: editor, name: 'Cache Editor', role: 'editor' };
      const tree = await site.services.taxonomy.categoryTree();
      const [section] = tree.roots();
      const created = await site.services.newsroom.create(actor, {
        headline: 'Zeppelin Quorum Harbour Story',
        bodyHtml: `<p>The ${KEYWORD} keeper spoke.</p>`,
        primaryCategoryId: section!.id,
        categoryIds: [section!.id],
        tags: ['Quayside'],
      });
      story = created.article.id;
      await site.services.newsroom.transition(actor, story, 'publish');
      const path = await currentPath(story);
      assert.ok(path);
      storyPaths.add(path);
      const [latest] = await site.services.articles.list({ excludeIds: [story] }, 1, 0, tree);
      demoStory = { id: latest!.id, path: latest!.path };
    });
    after(async () => {
      await site?.close();
      if (mode === 'redis') await dropPrefix(prefix);
    });

    const get = (url: string, headers: Record<string, string> = {}) =>
      site.app.inject({ method: 'GET', url, headers });

    async function currentPath(id: number): Promise<string | undefined> {
      const record = await site.services.repositories.articles.findById(id);
      if (!record?.publishedAt) return undefined;
      return site.services.articles.pathOf(record);
    }

    /** Every page that may list the story: the superset is cheap, a missed page is a stale page. */
    async function pagesToCheck(): Promise<string[]> {
      const tree = await site.services.taxonomy.categoryTree();
      const urls = new Set<string>([
        '/',
        '/page/2/',
        '/feed/',
        '/feed/atom/',
        '/feed/json/',
        '/comments/feed/',
        '/sitemap.xml',
        '/sitemaps/news.xml',
        '/robots.txt',
        '/corrections/',
        '/api/v1/articles',
        '/api/v1/articles?per_page=5',
        `/api/v1/articles/${story}`,
        '/api/v1/categories',
        '/api/v1/tags',
        '/api/v1/authors',
        `/api/v1/authors/${EDITOR_SLUG}`,
        `/api/v1/search?q=${KEYWORD}`,
        `/search/?q=${KEYWORD}`,
        `/api/comments?article=${story}`,
        `/author/${EDITOR_SLUG}/`,
        `/author/${EDITOR_SLUG}/feed/`,
        demoStory.path,
        ...extraUrls,
      ]);
      for (const category of tree.all) {
        urls.add(tree.path(category));
        urls.add(`${tree.path(category)}feed/`);
      }
      for (const tag of await site.services.taxonomy.listAllTags()) {
        urls.add(`/tag/${tag.slug}/`);
        urls.add(`/tag/${tag.slug}/feed/`);
      }
      const now = await currentPath(story);
      if (now) storyPaths.add(now);
      for (const id of [story, breaking]) {
        if (id !== undefined) urls.add(`/api/v1/articles/${id}`);
      }
      if (breaking !== undefined) {
        const path = await currentPath(breaking);
        if (path) storyPaths.add(path);
      }
      for (const path of storyPaths) {
        urls.add(path);
        urls.add(`${path}feed/`);
        const [, y, m, d] = /^\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(path) ?? [];
        if (y) {
          urls.add(`/${y}/`);
          urls.add(`/${y}/${m}/`);
          urls.add(`/${y}/${m}/${d}/`);
        }
      }
      const index = (await get('/sitemap.xml')).body;
      for (const [, loc] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
        urls.add(new URL(loc!).pathname);
      }
      return [...urls].sort();
    }

    /** Requests each page twice; returns how many are now served from the cache. */
    async function warm(urls: string[]): Promise<number> {
      let hits = 0;
      for (const url of urls) {
        await get(url);
        if ((await get(url)).headers['x-cache'] === 'HIT') hits++;
      }
      return hits;
    }

    /** Every page as served now equals a fresh render (an Authorization header bypasses). */
    async function assertNothingStale(urls: string[], change: string): Promise<void> {
      const stale: string[] = [];
      for (const url of urls) {
        const served = await get(url);
        const fresh = await get(url, { authorization: 'Bearer fresh-render' });
        assert.equal(fresh.headers['x-cache'], 'BYPASS', url);
        if (
          served.statusCode !== fresh.statusCode ||
          served.body !== fresh.body ||
          served.headers.location !== fresh.headers.location
        ) {
          stale.push(`${url} (${served.statusCode} ${served.headers['x-cache']})`);
        }
      }
      assert.deepEqual(stale, [], `stale after "${change}"`);
    }

    /** Warms every listing page, applies `change`, and checks every page again. */
    async function afterChange(name: string, change: () => Promise<void>) {
      const before = await pagesToCheck();
      const hits = await warm(before);
      // Most pages must really be cached, or the check below proves nothing.
      assert.ok(hits >= before.length * 0.6, `${hits} of ${before.length} pages cached`);
      await change();
      const urls = [...new Set([...before, ...(await pagesToCheck())])];
      await assertNothingStale(urls, name);
    }

    test('publishing a new story', async () => {
      const tree = await site.services.taxonomy.categoryTree();
      const other = tree.roots()[1] ?? tree.roots()[0]!;
      const draft = await site.services.newsroom.create(actor, {
        headline: 'Brand New Walrus Dispatch',
        bodyHtml: `<p>Another ${KEYWORD} sighting.</p>`,
        primaryCategoryId: other.id,
        categoryIds: [other.id],
        tags: ['Quayside'],
      });
      breaking = draft.article.id;
      // Its future address is a cached 404 until it is published.
      const future = site.services.articles.pathOf({
        type: 'post',
        slug: draft.article.slug,
        publishedAt: site.clock.now.toISOString(),
      });
      extraUrls.add(future);
      assert.equal((await get(future)).statusCode, 404);
      await afterChange('publish', async () => {
        await site.services.newsroom.transition(actor, breaking!, 'publish');
        assert.equal(await currentPath(breaking!), future);
      });
      const page = await get(future);
      assert.equal(page.statusCode, 200);
      assert.match((await get('/')).body, /Brand New Walrus Dispatch/);
    });

    test('editing a headline', async () => {
      await afterChange('headline', async () => {
        await site.services.newsroom.save(actor, story, { headline: 'Zeppelin Quorum Renamed' });
      });
      for (const url of ['/', '/feed/', `/api/v1/articles/${story}`, ...storyPaths]) {
        const body = (await get(url)).body;
        assert.doesNotMatch(body, /Zeppelin Quorum Harbour Story/, url);
      }
    });

    test('appending a correction', async () => {
      const text = 'An earlier version misnamed the lighthouse keeper.';
      await afterChange('correction', async () => {
        await site.services.newsroom.addCorrection(actor, story, 'correction', text);
      });
      for (const url of ['/corrections/', (await currentPath(story))!]) {
        const page = await get(url);
        assert.ok(page.body.includes(text), `${url} shows the correction`);
      }
      assert.equal((await get('/corrections/')).headers['x-cache'], 'HIT');
    });

    test('changing a slug (the old address redirects)', async () => {
      const old = (await currentPath(story))!;
      await afterChange('slug', async () => {
        await site.services.newsroom.save(actor, story, { slug: 'zeppelin-moved' });
      });
      const moved = await get(old);
      assert.equal(moved.statusCode, 301);
      assert.match(String(moved.headers.location), /zeppelin-moved/);
    });

    test('moving a story to another category', async () => {
      const tree = await site.services.taxonomy.categoryTree();
      const target = tree.all.find((c) => c.parentId !== null) ?? tree.roots().at(-1)!;
      await afterChange('category', async () => {
        await site.services.newsroom.save(actor, story, {
          primaryCategoryId: target.id,
          categoryIds: [target.id],
        });
      });
      assert.match((await get(tree.path(target))).body, /Zeppelin Quorum Renamed/);
    });

    test('adding a tag', async () => {
      extraUrls.add('/tag/brand-new-tag/');
      await afterChange('tag', async () => {
        await site.services.newsroom.save(actor, story, { tags: ['Quayside', 'Brand New Tag'] });
      });
      assert.equal((await get('/tag/brand-new-tag/')).statusCode, 200);
    });

    test('approving a comment', async () => {
      const id = await site.services.comments.record({
        articleId: story,
        parentId: null,
        authorName: 'Reader Ravi',
        authorEmail: 'ravi@example.test',
        authorUrl: null,
        body: 'A comment about the zeppelin.',
        status: 'pending',
      });
      await afterChange('comment approved', async () => {
        await site.services.comments.moderate([id], 'approve');
      });
      const path = (await currentPath(story))!;
      assert.match((await get(path)).body, /A comment about the zeppelin/);
    });

    test("editing an author's bio", async () => {
      await afterChange('author bio', async () => {
        await site.services.accounts.updateProfile(actor.id, {
          name: 'Cache Editor',
          bio: 'Writes about lighthouses and airships.',
        });
      });
      assert.match((await get(`/author/${EDITOR_SLUG}/`)).body, /lighthouses and airships/);
    });

    test('renaming the site', async () => {
      await afterChange('site name', async () => {
        await site.services.settings.setMany({ siteName: 'The Cache Courier' });
      });
      assert.match((await get('/')).body, /The Cache Courier/);
    });

    test('changing a URL through the article service (imports, CLI)', async () => {
      extraUrls.add(demoStory.path);
      await afterChange('changeUrl', async () => {
        await site.services.articles.changeUrl(demoStory.id, { slug: 'demo-story-moved' });
      });
      assert.equal((await get(demoStory.path)).statusCode, 301);
    });

    test('unpublishing a story', async () => {
      await afterChange('unpublish', async () => {
        await site.services.newsroom.transition(actor, story, 'unpublish');
      });
      assert.equal((await get(`/api/v1/articles/${story}`)).statusCode, 404);
    });

    test('trashing a story', async () => {
      await afterChange('trash', async () => {
        await site.services.newsroom.transition(actor, breaking!, 'trash');
      });
      assert.doesNotMatch((await get('/')).body, /Brand New Walrus Dispatch/);
    });
  });
}

suite('memory', false);
suite('redis', redisSkip);
