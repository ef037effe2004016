import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCommentableArticle, OPEN_COMMENT_RULES } from './comments-support.js';
import {
  runCli,
  type ServerProcess,
  type SharedSite,
  sharedSite,
  startServerProcess,
} from './support/server-process.js';
import { missingService, portOpen } from './support/services-available.js';
import { TEST_DB } from './support/test-site.js';

/**
 * CLI commands that change what readers see (comment moderation, a WordPress import) run in a
 * process of their own, next to a site already serving the same database from its page cache.
 * With Redis they purge that site's pages as if the change had been made in it.
 */
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const u = new URL(REDIS_URL);
const skip = (await portOpen(u.hostname, Number(u.port || 6379)))
  ? false
  : missingService('Redis', `nothing answers at ${REDIS_URL}; start redis-server`);

const ORIGIN = 'http://newsdesk.test';
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'wordpress', 'millbrook-courier.xml');

let site: SharedSite;
let server: ServerProcess;
let env: Record<string, string>;
let articleUrl: string;
let commentId: number;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function page(path: string) {
  const response = await fetch(`${server.origin}${path}`);
  return { body: await response.text(), cache: response.headers.get('x-cache') };
}

/** Reads `path` until the cache answers it (two reads suffice: the first stores it). */
async function cached(path: string) {
  await page(path);
  const second = await page(path);
  assert.equal(second.cache, 'HIT', `${path} is served from the cache`);
  return second.body;
}

describe('CLI changes purge a running site', { skip }, () => {
  before(async () => {
    site = await sharedSite(TEST_DB, {
      SITE_URL: ORIGIN,
      SECRET: 'cli-purges-test-secret-0123456789abcdef',
      REDIS_URL,
      REDIS_PREFIX: `newsdesk-test:${randomUUID().slice(0, 8)}:`,
      // The server's own memory: only a purge over the bus can reach it.
      PAGE_CACHE: 'memory',
      LOG_LEVEL: 'warn',
    });
    env = site.env;
    const { services } = site;
    const articleId = await createCommentableArticle(services);
    await services.settings.setMany(OPEN_COMMENT_RULES);
    articleUrl = (await services.comments.target(articleId))!.path;
    server = await startServerProcess({ env });
    const posted = await fetch(`${server.origin}/comments/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({
        article_id: String(articleId),
        form_token: await services.comments.formToken(articleId),
        comment: 'The first sailing no longer meets the train.',
        author_name: 'Island Commuter',
        author_email: 'commuter@example.org',
      }).toString(),
    });
    assert.equal(posted.status, 303);
    commentId = Number(posted.headers.get('location')!.match(/#comment-(\d+)$/)![1]);
  });

  after(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await site?.close();
  });

  test('a comment trashed with `newsdesk comments trash` leaves the cached article page', async () => {
    assert.match(await cached(articleUrl), /The first sailing no longer meets the train/);
    const run = await runCli(['comments', 'trash', String(commentId)], env);
    assert.equal(run.code, 0, run.stderr);
    await wait(1000);
    const after = await page(articleUrl);
    assert.doesNotMatch(after.body, /The first sailing no longer meets the train/);
  });

  test('`newsdesk import wordpress` purges the cached home page', async () => {
    assert.doesNotMatch(await cached('/'), /Old Mill Bridge to close for six weeks/);
    const run = await runCli(['import', 'wordpress', FIXTURE], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Cached pages of running sites purged/);
    await wait(1000);
    const home = await page('/');
    assert.match(home.body, /Old Mill Bridge to close for six weeks/);
  });

  test('without Redis the import says how long a running site may show the old pages', async () => {
    const run = await runCli(['import', 'wordpress', FIXTURE], { ...env, REDIS_URL: '' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /PAGE_CACHE_TTL, 3600 s/);
    assert.doesNotMatch(run.stdout, /purged/);
  });
});
