import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Services } from '../src/services.js';
import { OPEN_COMMENT_RULES } from './comments-support.js';
import {
  type ServerProcess,
  type SharedSite,
  sharedSite,
  startServerProcess,
} from './support/server-process.js';
import { TEST_DB } from './support/test-site.js';

/**
 * `newsdesk serve --workers 2` without Redis: each worker keeps its own page cache in memory, and
 * a change made through one worker must purge the others' copies (the bus relayed by the cluster
 * primary), or readers on the other worker would keep getting the stale page.
 */
const ORIGIN = 'http://newsdesk.test';
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A GET on a connection of its own: the cluster hands connections to workers in turn. */
function freshGet(url: string): Promise<{ status: number; cache: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode!, cache: String(res.headers['x-cache']), body }),
        );
      })
      .on('error', reject);
  });
}

describe('page cache in `serve --workers 2` without Redis', () => {
  let site: SharedSite;
  let services: Services;
  let server: ServerProcess;
  let articleId: number;
  let articleUrl: string;

  before(async () => {
    site = await sharedSite(TEST_DB, {
      SITE_URL: ORIGIN,
      SECRET: 'cluster-cache-test-secret-0123456789abcdef',
      PAGE_CACHE: 'memory',
      LOG_LEVEL: 'info',
    });
    const { env } = site;
    services = site.services;
    articleId = await services.articles.create({
      title: 'Ferry timetable changes for winter',
      bodyHtml: '<p>The winter timetable starts next week.</p>',
      authorIds: [],
      status: 'published',
      publishedAt: '2026-10-30T09:00:00.000Z',
    });
    await services.settings.setMany(OPEN_COMMENT_RULES);
    articleUrl = (await services.comments.target(articleId))!.path;
    server = await startServerProcess({ env, args: ['--workers', '2'] });
    await server.waitForLog('worker listening', 60_000, 2);
  });

  after(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    await site?.close();
  });

  test('a comment approved through one worker purges the page cached by every worker', async () => {
    // Six connections, handed to the two workers in turn: both render the page, then serve it
    // from their caches.
    const warm = [];
    for (let i = 0; i < 6; i++) warm.push(await freshGet(`${server.origin}${articleUrl}`));
    assert.ok(warm.every((r) => r.status === 200));
    assert.ok(
      warm.filter((r) => r.cache === 'HIT').length >= 3,
      `both workers cache the page: ${warm.map((r) => r.cache).join(' ')}`,
    );

    const text = 'Will the early sailing still connect with the first train?';
    const posted = await fetch(`${server.origin}/comments/`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({
        article_id: String(articleId),
        form_token: await services.comments.formToken(articleId),
        comment: text,
        author_name: 'Island Commuter',
        author_email: 'commuter@example.org',
      }).toString(),
    });
    assert.equal(posted.status, 303);
    assert.match(posted.headers.get('location')!, /#comment-\d+$/);

    // Within a second, no worker serves the page without the comment.
    await wait(1000);
    for (let i = 0; i < 6; i++) {
      const page = await freshGet(`${server.origin}${articleUrl}`);
      assert.equal(page.status, 200);
      assert.ok(page.body.includes(text), `request ${i + 1} (${page.cache}) shows the comment`);
    }
  });
});
