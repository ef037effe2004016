import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import { pageCacheKey } from '../src/cache/page-cache-plugin.js';
import {
  ALL_PAGES,
  type CachedPage,
  MemoryPageCacheStore,
  type PageCacheStore,
} from '../src/cache/page-cache-store.js';
import { RedisPageCacheStore } from '../src/cache/redis-page-cache-store.js';
import { HELD_COOKIE } from '../src/comments/comment-routes.js';
import { missingService, portOpen } from './support/services-available.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const redisAddress = new URL(REDIS_URL);
const redisSkip = (await portOpen(redisAddress.hostname, Number(redisAddress.port || 6379)))
  ? false
  : missingService('Redis', `nothing answers at ${REDIS_URL}; start redis-server`);

/** Deletes every key under `prefix` (each test run uses its own). */
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

function page(body: string, tags: string[]): CachedPage {
  const bytes = Buffer.from(body);
  return {
    status: 200,
    headers: { 'content-type': 'text/html', 'content-length': String(bytes.length) },
    notModifiedHeaders: { etag: `"${body}"` },
    body: bytes,
    etag: `"${body}"`,
    tags,
    route: '/test/',
  };
}

/** The store contract, run against memory and Redis alike. */
function storeContract(name: string, make: () => Promise<PageCacheStore>, skip: string | false) {
  describe(`${name} page cache store`, { skip }, () => {
    let store: PageCacheStore;
    before(async () => {
      store = await make();
    });
    after(() => store?.close());

    test('stores and returns a page with its headers and bytes', async () => {
      const { page: none, token } = await store.lookup('/a/');
      assert.equal(none, undefined);
      assert.equal(await store.store('/a/', page('alpha', ['article:1', 'home']), token), true);
      const { page: found } = await store.lookup('/a/');
      assert.equal(found?.body.toString(), 'alpha');
      assert.equal(found?.etag, '"alpha"');
      assert.deepEqual(found?.tags, ['article:1', 'home']);
      assert.equal(found?.headers['content-length'], '5');
    });

    test('a purge drops exactly the pages carrying one of its keys', async () => {
      const { token } = await store.lookup('/b/');
      await store.store('/b/', page('bravo', ['article:2']), token);
      await store.store('/c/', page('charlie', ['article:3', 'home']), token);
      await store.purge(['article:2', 'category:9']);
      assert.equal((await store.lookup('/b/')).page, undefined);
      assert.equal((await store.lookup('/c/')).page?.body.toString(), 'charlie');
      await store.purge(['home']);
      assert.equal((await store.lookup('/c/')).page, undefined);
    });

    test('a page rendered before a purge is not stored after it', async () => {
      const { token } = await store.lookup('/d/');
      await store.purge(['article:99']);
      assert.equal(await store.store('/d/', page('stale', ['article:4']), token), false);
      assert.equal((await store.lookup('/d/')).page, undefined);
    });

    test(`purging "${ALL_PAGES}" empties the cache`, async () => {
      const { token } = await store.lookup('/e/');
      await store.store('/e/', page('echo', ['tag:1']), token);
      await store.store('/f/', page('foxtrot', ['author:1']), token);
      await store.purge([ALL_PAGES]);
      assert.equal((await store.lookup('/e/')).page, undefined);
      assert.equal((await store.lookup('/f/')).page, undefined);
    });
  });
}

const contractPrefix = `newsdesk-test:${randomUUID()}:`;
const contractConnections: Redis[] = [];
storeContract('memory', async () => new MemoryPageCacheStore(), false);
storeContract(
  'redis',
  async () => {
    const redis = new Redis(REDIS_URL);
    contractConnections.push(redis);
    return new RedisPageCacheStore(redis, { prefix: contractPrefix });
  },
  redisSkip,
);
after(async () => {
  for (const c of contractConnections) c.disconnect();
  if (!redisSkip) await dropPrefix(contractPrefix);
});

test('the memory store keeps to its byte budget, dropping the least recently used', async () => {
  const store = new MemoryPageCacheStore({ maxBytes: 8 * 1024 });
  const big = 'x'.repeat(2000);
  for (let i = 0; i < 10; i++) {
    await store.store(`/p${i}/`, page(`${big}${i}`, [`article:${i}`]), store.lookup('/').token);
  }
  assert.ok(store.size.bytes <= 8 * 1024, `${store.size.bytes} bytes`);
  assert.equal(store.lookup('/p0/').page, undefined);
  assert.ok(store.lookup('/p9/').page);
  // An evicted page leaves the tag index too: purging its key is harmless.
  await store.purge(['article:0']);
  assert.ok(store.lookup('/p9/').page);
});

test('cache keys ignore query order and the method', () => {
  assert.equal(pageCacheKey('/search/?sort=newest&q=port'), '/search/?q=port&sort=newest');
  assert.equal(pageCacheKey('/search/?q=port&sort=newest'), '/search/?q=port&sort=newest');
  assert.equal(pageCacheKey('/about/?'), '/about/');
  assert.equal(pageCacheKey('/'), '/');
  assert.equal(pageCacheKey(`/${'a'.repeat(3000)}/`), undefined);
});

/** The HTTP behaviour, on each store. */
interface Answer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request over a real socket, answered in the shape of Fastify's `inject`. */
function overSocket(
  origin: string,
  method: string,
  url: string,
  headers: Record<string, string>,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url, origin), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          statusCode: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * `inject` runs Fastify's handler (the lookup hook); a real socket also meets the hit path below
 * Fastify (`earlyHitResponder`, memory store only). Both must answer alike.
 */
function httpSuite(mode: 'memory' | 'redis', transport: 'inject' | 'socket', skip: string | false) {
  describe(`page cache over HTTP (${mode}, ${transport})`, { skip }, () => {
    let site: TestSite;
    let cdn: Server;
    const purgeCalls: { keys: string[]; authorization: string | undefined }[] = [];
    const prefix = `newsdesk-test:${randomUUID()}:`;
    let articlePath: string;
    let articleId: number;
    let origin = '';

    before(async () => {
      cdn = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => {
          body += chunk;
        });
        req.on('end', () => {
          purgeCalls.push({ ...JSON.parse(body), authorization: req.headers.authorization });
          res.end('ok');
        });
      });
      await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
      const { port } = cdn.address() as AddressInfo;
      site = await startTestSite({
        demo: true,
        env: {
          PAGE_CACHE: mode,
          CDN_PURGE_URL: `http://127.0.0.1:${port}/purge`,
          CDN_PURGE_TOKEN: 'cdn-secret',
          METRICS_TOKEN: 'metrics-secret',
          ...(mode === 'redis' ? { REDIS_URL, REDIS_PREFIX: prefix } : {}),
        },
      });
      const tree = await site.services.taxonomy.categoryTree();
      const [first] = await site.services.articles.list({}, 1, 0, tree);
      assert.ok(first);
      articlePath = first.path;
      articleId = first.id;
      if (transport === 'socket') origin = await site.listen();
    });
    after(async () => {
      await site?.close();
      await new Promise((resolve) => cdn?.close(resolve));
      if (mode === 'redis') await dropPrefix(prefix);
    });

    const send = (method: 'GET' | 'HEAD', url: string, headers: Record<string, string> = {}) =>
      transport === 'socket'
        ? overSocket(origin, method, url, headers)
        : site.app.inject({ method, url, headers });
    const get = (url: string, headers: Record<string, string> = {}) => send('GET', url, headers);

    test('a page is a MISS, then a HIT with the same bytes and headers', async () => {
      const first = await get(articlePath);
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['x-cache'], 'MISS');
      const second = await get(articlePath);
      assert.equal(second.statusCode, 200);
      assert.equal(second.headers['x-cache'], 'HIT');
      assert.equal(second.body, first.body);
      for (const name of [
        'content-type',
        'etag',
        'cache-control',
        'content-security-policy',
        'surrogate-key',
        'cache-tag',
      ]) {
        assert.equal(second.headers[name], first.headers[name], name);
      }
      assert.equal(Number(second.headers['content-length']), Buffer.byteLength(first.body));
    });

    test('pages carry a strong ETag, stale-while-revalidate and their surrogate keys', async () => {
      const res = await get(articlePath);
      assert.match(String(res.headers.etag), /^"[A-Za-z0-9_-]{32}"$/);
      assert.match(String(res.headers['cache-control']), /^public, .*stale-while-revalidate=\d+/);
      const keys = String(res.headers['surrogate-key']).split(' ');
      assert.ok(keys.includes(`article:${articleId}`), keys.join(' '));
      assert.ok(keys.includes(`comments:${articleId}`), keys.join(' '));
      assert.equal(res.headers['cache-tag'], keys.join(','));
      const home = await get('/');
      assert.ok(String(home.headers['surrogate-key']).split(' ').includes('home'));
      const feed = await get('/feed/');
      assert.ok(String(feed.headers['surrogate-key']).split(' ').includes('feeds'));
      const api = await get('/api/v1/articles');
      assert.ok(String(api.headers['surrogate-key']).split(' ').includes('api:articles'));
      assert.match(String(api.headers.etag), /^"/);
    });

    test('If-None-Match answers 304 from the cache and from a fresh render', async () => {
      const warm = await get(articlePath);
      const etag = String(warm.headers.etag);
      const cached = await get(articlePath, { 'if-none-match': etag });
      assert.equal(cached.statusCode, 304);
      assert.equal(cached.headers['x-cache'], 'HIT');
      assert.equal(cached.body, '');
      assert.equal(cached.headers.etag, etag);
      const other = await get(articlePath, { 'if-none-match': '"something-else"' });
      assert.equal(other.statusCode, 200);
      // An uncached URL: the first answer is a render, still a 304.
      const url = '/api/v1/articles?per_page=3';
      const body = await get('/api/v1/articles?per_page=2');
      assert.equal(body.headers['x-cache'], 'MISS');
      const tag = String((await get('/api/v1/categories')).headers.etag);
      await site.app.pageCache.purger.purge(['taxonomy']);
      const fresh = await get('/api/v1/categories', { 'if-none-match': tag });
      assert.equal(fresh.headers['x-cache'], 'MISS');
      assert.equal(fresh.statusCode, 304);
      assert.equal(fresh.body, '');
      assert.equal((await get(url)).statusCode, 200);
    });

    test('HEAD is answered from the GET entry, without a body', async () => {
      await get('/');
      const head = await send('HEAD', '/');
      assert.equal(head.statusCode, 200);
      assert.equal(head.headers['x-cache'], 'HIT');
      assert.equal(head.body, '');
      assert.ok(Number(head.headers['content-length']) > 1000);
    });

    test('staff, held-comment and remembered commenters bypass the cache', async () => {
      await get('/');
      for (const cookie of [
        `${SESSION_COOKIE}=abc`,
        `${HELD_COOKIE}=abc`,
        'newsdesk_commenter=abc',
        `theme=dark; ${SESSION_COOKIE}=abc`,
      ]) {
        const res = await get('/', { cookie });
        assert.equal(res.headers['x-cache'], 'BYPASS', cookie);
        assert.equal(res.statusCode, 200);
      }
      const other = await get('/', { cookie: 'theme=dark' });
      assert.equal(other.headers['x-cache'], 'HIT');
      const staffArea = await get('/admin/');
      assert.equal(staffArea.headers['x-cache'], undefined);
    });

    test('query order does not split the cache; unknown parameters are not cached', async () => {
      const a = await get('/search/?q=harbour&sort=newest');
      assert.equal(a.statusCode, 200);
      const b = await get('/search/?sort=newest&q=harbour');
      assert.equal(b.headers['x-cache'], 'HIT');
      assert.equal(b.body, a.body);
      const bad = await get('/api/v1/articles?nonsense=1');
      assert.equal(bad.statusCode, 400);
      const again = await get('/api/v1/articles?nonsense=1');
      assert.equal(again.headers['x-cache'], 'MISS');
      assert.match(String(again.headers['cache-control']), /private/);
    });

    test('missing pages are cached, and purged when anything is published', async () => {
      const url = '/2001/01/01/no-such-story/';
      assert.equal((await get(url)).statusCode, 404);
      const again = await get(url);
      assert.equal(again.statusCode, 404);
      assert.equal(again.headers['x-cache'], 'HIT');
      assert.ok(String(again.headers['surrogate-key']).includes('missing'));
      await site.services.articles.setStatus(articleId, 'published');
      assert.equal((await get(url)).headers['x-cache'], 'MISS');
    });

    test('a purge reaches the CDN webhook with the keys and the bearer token', async () => {
      await site.app.pageCache.purger.settled();
      purgeCalls.length = 0;
      await site.services.articles.setStatus(articleId, 'published');
      await site.app.pageCache.purger.settled();
      assert.equal(purgeCalls.length, 1);
      assert.equal(purgeCalls[0]!.authorization, 'Bearer cdn-secret');
      assert.ok(purgeCalls[0]!.keys.includes(`article:${articleId}`));
      assert.ok(purgeCalls[0]!.keys.includes('home'));
    });

    test('hits, misses and bypasses are counted in the metrics', async () => {
      const metrics = () => get('/metrics', { authorization: 'Bearer metrics-secret' });
      const homeCount = (body: string) =>
        Number(
          /newsdesk_http_request_duration_seconds_count\{route="\/",method="GET",status="2xx"\} (\d+)/.exec(
            body,
          )?.[1] ?? 0,
        );
      const before = homeCount((await metrics()).body);
      await get('/');
      await get('/');
      const res = await metrics();
      assert.equal(res.statusCode, 200);
      // Hits are timed under their route, like every other answer.
      assert.ok(homeCount(res.body) >= before + 2, res.body);
      const count = (result: string) =>
        Number(
          new RegExp(`newsdesk_page_cache_total\\{result="${result}"\\} (\\d+)`).exec(
            res.body,
          )?.[1] ?? 0,
        );
      assert.ok(count('hit') >= 1, res.body);
      assert.ok(count('miss') >= 1);
      assert.ok(count('bypass') >= 1);
    });
  });
}

httpSuite('memory', 'inject', false);
httpSuite('memory', 'socket', false);
httpSuite('redis', 'inject', redisSkip);

test('with PAGE_CACHE=off nothing is stored, but ETags and 304s remain', async () => {
  const site = await startTestSite({ demo: true, env: { PAGE_CACHE: 'off' } });
  try {
    const first = await site.app.inject({ method: 'GET', url: '/' });
    const second = await site.app.inject({ method: 'GET', url: '/' });
    assert.equal(second.headers['x-cache'], 'MISS');
    const etag = String(first.headers.etag);
    assert.equal(second.headers.etag, etag);
    const conditional = await site.app.inject({
      method: 'GET',
      url: '/',
      headers: { 'if-none-match': etag },
    });
    assert.equal(conditional.statusCode, 304);
  } finally {
    await site.close();
  }
});
