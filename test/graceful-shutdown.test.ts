import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Services } from '../src/services.js';
import type { Storage } from '../src/storage/database.js';
import { createCommentableArticle } from './comments-support.js';
import {
  loadLoop,
  type ServerProcess,
  type SharedSite,
  sharedSite,
  startServerProcess,
} from './support/server-process.js';
import { TEST_DB } from './support/test-site.js';

const SECRET = 'graceful-shutdown-test-secret-0123456789abcdef';
let site: SharedSite;
let storage: Storage;
let services: Services;
let articleId: number;
let env: Record<string, string>;

before(async () => {
  site = await sharedSite(TEST_DB, { SITE_URL: 'http://newsdesk.test', SECRET });
  ({ env, storage, services } = site);
  articleId = await createCommentableArticle(services);
  await services.settings.set('commentMinSecondsToSubmit', 0);
  await services.settings.set('commentHoldFirstComment', false);
});

after(() => site?.close());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends a request's head now and returns a function that sends its body and reads the answer. */
async function startSlowPost(origin: string, path: string, body: string) {
  const { hostname, port } = new URL(origin);
  const socket = net.connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let response = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    response += chunk;
  });
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
      `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body.slice(0, 10),
  );
  return async () => {
    socket.write(body.slice(10));
    await ended;
    return response;
  };
}

/**
 * A connection opened now, on which one GET is sent later: a load balancer's kept-alive probe,
 * which still reaches a draining process (new connections are refused).
 */
async function openProbe(origin: string) {
  const { hostname, port } = new URL(origin);
  const socket = net.connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return (path: string) =>
    new Promise<string>((resolve, reject) => {
      let response = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        response += chunk;
      });
      socket.once('error', reject);
      // A draining process answers with `Connection: close`, then closes.
      socket.once('close', () => resolve(response));
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
    });
}

describe(`graceful shutdown (${TEST_DB})`, () => {
  test('SIGTERM: /readyz says 503 while draining, the request in flight finishes, live streams end cleanly, exit 0', async () => {
    const server: ServerProcess = await startServerProcess({ env });
    try {
      // A reader with the live comment stream open.
      const stream = await fetch(`${server.origin}/api/comments/stream?article=${articleId}`);
      assert.equal(stream.status, 200);
      const reader = stream.body!.getReader();
      assert.match(new TextDecoder().decode((await reader.read()).value), /connected/);

      // A comment whose body is still on its way when the signal comes.
      const token = await services.comments.formToken(articleId);
      const finish = await startSlowPost(
        server.origin,
        '/comments/',
        new URLSearchParams({
          article_id: String(articleId),
          comment: 'Posted across the shutdown',
          author_name: 'Late Reader',
          author_email: 'late@example.org',
          form_token: token,
        }).toString(),
      );
      const readyProbe = await openProbe(server.origin);
      const healthProbe = await openProbe(server.origin);
      await wait(300);
      server.child.kill('SIGTERM');
      await server.waitForLog('shutting down: draining connections', 10_000);

      // No new connections once draining started (kept-alive ones are answered, then closed).
      const { port } = new URL(server.origin);
      const refused = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      assert.equal(refused, 'ECONNREFUSED', 'a new connection is refused while draining');

      // While the comment is still in flight the process is draining: out of rotation, yet alive.
      const ready = await readyProbe('/readyz');
      assert.match(ready, /^HTTP\/1\.1 503 /, ready.slice(0, 200));
      assert.match(ready, /"status":"draining"/);
      const health = await healthProbe('/healthz');
      assert.match(health, /^HTTP\/1\.1 200 /, health.slice(0, 200));

      const response = await finish();
      assert.match(response, /^HTTP\/1\.1 303 /, response.slice(0, 200));
      assert.match(response, /\r\nconnection: close\r\n/i);

      // The live stream was ended properly (no reset): the reader sees a clean end.
      let done = false;
      while (!done) ({ done } = await reader.read());

      const exit = await server.exited;
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.equal(server.logged('shut down').length, 1);

      // The comment acknowledged during the drain is stored.
      const list = await services.comments.approvedList(articleId);
      assert.ok(list.some((c) => c.body === 'Posted across the shutdown'));
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  test('--workers 2: a rolling restart drops no request, a crashed worker is replaced', async () => {
    const server = await startServerProcess({ env, args: ['--workers', '2'] });
    try {
      await server.waitForLog('worker listening', 60_000, 2);
      const first = server.logged('worker listening').map((e) => e.worker as number);
      assert.equal(first.length, 2);

      const urls = [
        `${server.origin}/`,
        `${server.origin}/healthz`,
        `${server.origin}/api/comments?article=${articleId}`,
      ];
      // Paced keep-alive loops: steady traffic that leaves the 2 cores room to start new workers.
      const load = loadLoop(urls, 6, 2);
      let done: Record<string, unknown>;
      try {
        await wait(500);
        server.child.kill('SIGHUP');
        done = await server.waitForLog('rolling restart complete', 150_000);
        await wait(500);
      } finally {
        await load.stop();
      }
      const { result } = load;
      assert.equal(result.failed, 0, result.errors.slice(0, 5).join('\n'));
      assert.ok(result.ok > 100, `only ${result.ok} requests were made`);
      const now = done.workers as number[];
      assert.equal(now.length, 2);
      assert.ok(
        now.every((pid) => !first.includes(pid)),
        'every worker was replaced',
      );
      process.stdout.write(
        `# rolling restart of 2 workers under 6 keep-alive loops: ${result.ok} requests, ${result.failed} failed\n`,
      );

      // A worker that dies is replaced, and the site keeps answering meanwhile.
      process.kill(now[0]!, 'SIGKILL');
      await server.waitForLog('worker died; starting a replacement', 10_000);
      await server.waitForLog('worker listening', 60_000, 5);
      const res = await fetch(`${server.origin}/healthz`);
      assert.equal(res.status, 200);

      server.child.kill('SIGTERM');
      const exit = await server.exited;
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.equal(server.logged('all workers stopped').length, 1);
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});

// On SQLite a handler's queries run synchronously, so only PostgreSQL (or Redis, or an image being
// resized) can leave a handler waiting when its client has gone.
describe('graceful shutdown with a handler waiting on PostgreSQL', {
  skip: TEST_DB !== 'postgres',
}, () => {
  test('SIGTERM: a request whose client has gone still finishes before the database closes', async () => {
    const server = await startServerProcess({ env });
    let unlock!: () => void;
    const locked = new Promise<void>((resolve) => {
      unlock = resolve;
    });
    let lockHeld!: () => void;
    const holding = new Promise<void>((resolve) => {
      lockHeld = resolve;
    });
    // Another session holds the comments table, so the comment's insert waits for it.
    const lock = storage.db.transaction().execute(async (trx) => {
      await sql`LOCK TABLE comments IN EXCLUSIVE MODE`.execute(trx);
      lockHeld();
      await locked;
    });
    try {
      await holding;
      const token = await services.comments.formToken(articleId);
      const body = new URLSearchParams({
        article_id: String(articleId),
        comment: 'Posted by a reader who left',
        author_name: 'Gone Reader',
        author_email: 'gone@example.org',
        form_token: token,
      }).toString();
      const { hostname, port } = new URL(server.origin);
      const reader = net.connect({ host: hostname, port: Number(port) });
      reader.on('error', () => undefined);
      reader.write(
        `POST /comments/ HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      const waiting = async () =>
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(storage.db)
        ).rows[0]!.n;
      const deadline = Date.now() + 10_000;
      while ((await waiting()) === 0) {
        assert.ok(Date.now() < deadline, 'the comment never reached the locked table');
        await wait(25);
      }
      // And one whose upload never finished: it must not hold the shutdown up either.
      const quitter = net.connect({ host: hostname, port: Number(port) });
      quitter.on('error', () => undefined);
      quitter.write(
        `POST /comments/ HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
      );
      await wait(100);
      quitter.destroy();
      // The reader gives up; the server is told to stop while the handler still waits.
      reader.destroy();
      await wait(100);
      server.child.kill('SIGTERM');
      await server.waitForLog('shutting down: draining connections', 10_000);
      // Past the drain grace (1 s), after which a process with no request in flight closes.
      await wait(1_500);
      unlock();
      await lock;

      const exit = await server.exited;
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.equal(server.logged('shutdown timeout: cutting in-flight requests').length, 0);
      assert.deepEqual(
        server.logged('request failed').map((e) => (e.err as { message?: string }).message),
        [],
      );
      const list = await services.comments.approvedList(articleId);
      assert.ok(list.some((c) => c.body === 'Posted by a reader who left'));
    } finally {
      unlock();
      await lock.catch(() => undefined);
      server.child.kill('SIGKILL');
    }
  });
});
