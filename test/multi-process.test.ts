import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { LOGIN_LIMIT } from '../src/accounts/account-service.js';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import { loadConfig } from '../src/config/config.js';
import { createServices, type Services } from '../src/services.js';
import { migrateToLatest, openStorage, type Storage } from '../src/storage/database.js';
import { createCommentableArticle } from './comments-support.js';
import {
  loadLoop,
  type ServerProcess,
  sharedDatabase,
  startServerProcess,
} from './support/server-process.js';
import { missingService, portOpen } from './support/services-available.js';
import { TEST_DB } from './support/test-site.js';

/**
 * Two real `newsdesk serve` processes on different ports sharing one PostgreSQL database and one
 * Redis, as behind a load balancer. Runs in the PostgreSQL pass of the suite only.
 */
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
function skipReason(): string | false {
  if (TEST_DB !== 'postgres') {
    process.stderr.write(
      '\n*** SKIPPED on SQLite: the multi-process test runs in the PostgreSQL pass (several processes share one PostgreSQL and one Redis) ***\n',
    );
    return 'runs in the PostgreSQL pass only';
  }
  return false;
}
let skip = skipReason();
if (!skip) {
  const u = new URL(REDIS_URL);
  if (!(await portOpen(u.hostname, Number(u.port || 6379)))) {
    skip = missingService('Redis', `nothing answers at ${REDIS_URL}; start redis-server`);
  }
}

const ORIGIN = 'http://newsdesk.test';
const PASSWORD = 'a long multi-process password';
const MODERATION_TOKEN = 'multi-process-moderation-token-0123456789';
const PREFIX = `newsdesk-test:${randomUUID().slice(0, 8)}:`;

let database: Awaited<ReturnType<typeof sharedDatabase>>;
let storage: Storage;
/** The domain services of a third process on the same database and Redis (the test itself). */
let services: Services;
let a: ServerProcess;
let b: ServerProcess;
let articleId: number;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('several processes behind a load balancer', { skip }, () => {
  before(async () => {
    database = await sharedDatabase('postgres');
    const mediaDir = join(database.dir, 'media');
    mkdirSync(mediaDir, { recursive: true });
    const env = {
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      SITE_URL: ORIGIN,
      SECRET: 'multi-process-test-secret-0123456789abcdef',
      REDIS_URL,
      REDIS_PREFIX: PREFIX,
      MODERATION_TOKEN,
      LOG_LEVEL: 'warn',
      // Each process keeps its own page cache, so a publish on A reaches B's only as a purge
      // message over Redis pub/sub: the strictest case for "visible everywhere within a second".
      PAGE_CACHE: 'memory',
    };
    storage = await openStorage(database.url);
    await migrateToLatest(storage);
    services = createServices({ config: loadConfig(env), storage });
    for (const who of ['editor', 'brute']) {
      const id = await services.taxonomy.createAuthor({
        name: `${who} person`,
        email: `${who}@newsroom.example`,
        role: 'editor',
      });
      await services.accounts.setPassword(id, PASSWORD);
    }
    articleId = await createCommentableArticle(services);
    await services.settings.set('commentMinSecondsToSubmit', 0);
    await services.settings.set('commentHoldFirstComment', true);
    await services.settings.set('commentRateLimitPerIpPerMinute', 100_000);
    await services.settings.set('commentRateLimitPerEmailPerHour', 100_000);
    [a, b] = await Promise.all([startServerProcess({ env }), startServerProcess({ env })]);
  });

  after(async () => {
    a?.child.kill('SIGKILL');
    if (b) {
      b.child.kill('SIGTERM');
      const exit = await b.exited;
      // Graceful even with Redis and PostgreSQL connections open.
      assert.deepEqual(exit, { code: 0, signal: null }, b.lines.slice(-20).join('\n'));
    }
    await services?.stores.close();
    await storage?.close();
    await database?.drop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    redirect: 'manual' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    body: new URLSearchParams(fields).toString(),
  });

  let cookie: string;
  let csrf: string;

  test('both report ready with Redis among the checks', async () => {
    for (const server of [a, b]) {
      const res = await fetch(`${server.origin}/readyz`);
      assert.equal(res.status, 200);
      const body = await res.json();
      assert.equal(body.checks.redis, true);
      assert.equal(body.checks.database, true);
    }
  });

  test('a session opened on A works on B', async () => {
    const login = await fetch(
      `${a.origin}/admin/login/`,
      form({ email: 'editor@newsroom.example', password: PASSWORD, next: '/admin/' }),
    );
    assert.equal(login.status, 303);
    const set = login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    assert.ok(set, 'a session cookie is set');
    cookie = set.split(';')[0]!;
    const dashboard = await fetch(`${b.origin}/admin/`, {
      headers: { cookie },
      redirect: 'manual',
    });
    assert.equal(dashboard.status, 200);
    const match = (await dashboard.text()).match(/name="_csrf" value="([^"]+)"/);
    assert.ok(match, 'B renders the newsroom for the session made on A');
    csrf = match[1]!;
  });

  test('login throttling counts attempts on every process together', async () => {
    const attempt = (server: ServerProcess, i: number) =>
      fetch(
        `${server.origin}/admin/login/`,
        form({ email: 'brute@newsroom.example', password: `wrong guess ${i}` }),
      );
    // Alternating processes: each alone would have seen fewer attempts than the limit.
    for (let i = 0; i < LOGIN_LIMIT.perAccount; i++) {
      assert.equal((await attempt(i % 2 ? a : b, i)).status, 401);
    }
    const blocked = await fetch(
      `${a.origin}/admin/login/`,
      form({ email: 'brute@newsroom.example', password: PASSWORD }),
    );
    assert.equal(blocked.status, 429);
  });

  test('an article published on A is read on B within a second', async () => {
    const headline = `Ferry strike ends ${randomUUID().slice(0, 6)}`;
    // B has the home page cached (without the story) before A publishes.
    let cached = '';
    for (let i = 0; i < 5 && cached !== 'HIT'; i++) {
      const res = await fetch(`${b.origin}/`);
      assert.ok(!(await res.text()).includes(headline));
      cached = res.headers.get('x-cache') ?? '';
    }
    assert.equal(cached, 'HIT', "B's home page is served from its cache");
    const api = (path: string, body: unknown) =>
      fetch(`${a.origin}/admin/api/articles${path}`, {
        method: 'POST',
        headers: {
          cookie,
          origin: ORIGIN,
          'x-csrf-token': csrf,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
      });
    const created = await api('', { headline, bodyHtml: '<p>The ferries sail again.</p>' });
    assert.equal(created.status, 201, await created.clone().text());
    const { article } = await created.json();
    const published = await api(`/${article.id}/transitions`, { action: 'publish' });
    assert.equal(published.status, 200, await published.clone().text());
    const publicPath = (await published.json()).article.publicPath as string;
    assert.ok(publicPath);
    const started = Date.now();
    let seenAfter = -1;
    while (Date.now() - started < 1000) {
      const page = await (await fetch(`${b.origin}/`)).text();
      if (page.includes(headline)) {
        seenAfter = Date.now() - started;
        break;
      }
      await wait(20);
    }
    assert.ok(seenAfter >= 0, "B's home page did not show the story within a second");
    const story = await fetch(`${b.origin}${publicPath}`);
    assert.equal(story.status, 200);
    assert.match(await story.text(), new RegExp(headline));
    process.stdout.write(`# published on A, on B's home page after ${seenAfter} ms\n`);
  });

  test('a comment approved on B reaches the live page on A, and A counts it', async () => {
    // A reader of the story has it open on process A.
    const controller = new AbortController();
    const stream = await fetch(`${a.origin}/api/comments/stream?article=${articleId}`, {
      signal: controller.signal,
    });
    assert.equal(stream.status, 200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = decoder.decode((await reader.read()).value);
    assert.match(received, /connected/);

    const posted = await fetch(
      `${b.origin}/comments/`,
      form({
        article_id: String(articleId),
        comment: 'Held, then approved on B',
        author_name: 'Reader',
        author_email: 'private-reader@example.org',
        form_token: await services.comments.formToken(articleId),
      }),
    );
    assert.equal(posted.status, 303);
    const commentId = Number(posted.headers.get('location')!.split('#comment-')[1]);
    assert.ok(commentId > 0);
    const count = async () =>
      (await (await fetch(`${a.origin}/api/comments?article=${articleId}`)).json()).count;
    assert.equal(await count(), 0, 'held: not public yet');

    const approve = await fetch(`${b.origin}/api/moderation/comments/${commentId}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MODERATION_TOKEN}` },
    });
    assert.equal(approve.status, 200);
    const approvedAt = Date.now();

    while (!received.includes('event: comment')) {
      const timer = setTimeout(() => controller.abort(), 1000 - (Date.now() - approvedAt));
      const { value, done } = await reader.read().finally(() => clearTimeout(timer));
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    const liveAfter = Date.now() - approvedAt;
    controller.abort();
    assert.ok(liveAfter < 1000, `the live event took ${liveAfter} ms`);
    const data = JSON.parse(
      received
        .split('\n')
        .find((l) => l.startsWith('data: '))!
        .slice(6),
    );
    assert.equal(data.id, commentId);
    assert.equal(data.count, 1);
    assert.match(data.html, /Held, then approved on B/);
    assert.ok(!received.includes('private-reader@example.org'), 'the email is never sent');
    assert.equal(await count(), 1);
    process.stdout.write(`# approved on B, live on A after ${liveAfter} ms\n`);
  });

  test('A killed mid-traffic: B keeps serving without a single failure', async () => {
    const onB = loadLoop(
      [`${b.origin}/`, `${b.origin}/api/comments?article=${articleId}`, `${b.origin}/healthz`],
      6,
    );
    const onA = loadLoop([`${a.origin}/`, `${a.origin}/healthz`], 2, 5);
    try {
      await wait(400);
      a.child.kill('SIGKILL');
      assert.equal((await a.exited).signal, 'SIGKILL');
      await wait(1000);
    } finally {
      await Promise.all([onB.stop(), onA.stop()]);
    }
    const [resultB, resultA] = [onB.result, onA.result];
    assert.equal(resultB.failed, 0, resultB.errors.slice(0, 5).join('\n'));
    assert.ok(resultB.ok > 20, `only ${resultB.ok} requests reached B`);
    assert.ok(resultA.failed > 0, 'A really went away under traffic');
    assert.equal((await fetch(`${b.origin}/readyz`)).status, 200);
    process.stdout.write(
      `# A killed: B answered ${resultB.ok} requests with 0 failures; A failed ${resultA.failed}\n`,
    );
  });
});
