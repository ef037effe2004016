import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../src/config/config.js';
import { createServices } from '../src/services.js';
import { migrateToLatest, openStorage } from '../src/storage/database.js';
import { createCommentableArticle, OPEN_COMMENT_RULES, postedId } from './comments-support.js';
import {
  type ServerProcess,
  sharedDatabase,
  startServerProcess,
} from './support/server-process.js';
import { TEST_DB } from './support/test-site.js';

/**
 * A comment acknowledged to its poster survives the server process being killed outright.
 *
 * On PostgreSQL the commit is acknowledged by the database server before the answer goes out, so
 * killing Newsdesk cannot lose it. On SQLite the database lives in the killed process: WAL with
 * synchronous=NORMAL writes every commit to the WAL file before returning (the kernel holds it
 * even if the process dies) and only skips the fsync, so a process crash loses nothing and only an
 * OS crash or power loss can lose the last commits. That is the guarantee tested here; an OS
 * crash is not.
 */
const ORIGIN = 'http://newsdesk.test';
const SECRET = 'durability-test-secret-0123456789abcdef';
const POSTERS = 8;
/** Acknowledged comments before the kill: enough for many commits to sit in the WAL. */
const KILL_AFTER = 150;

let database: Awaited<ReturnType<typeof sharedDatabase>>;
let env: Record<string, string>;
let articleId: number;
let token: string;
const servers: ServerProcess[] = [];

before(async () => {
  database = await sharedDatabase(TEST_DB);
  const mediaDir = join(database.dir, 'media');
  mkdirSync(mediaDir, { recursive: true });
  env = { DATABASE_URL: database.url, MEDIA_DIR: mediaDir, SITE_URL: ORIGIN, SECRET };
  const storage = await openStorage(database.url);
  try {
    await migrateToLatest(storage);
    const services = createServices({ config: loadConfig(env), storage });
    articleId = await createCommentableArticle(services);
    await services.settings.setMany(OPEN_COMMENT_RULES);
    token = await services.comments.formToken(articleId);
    await services.stores.close();
  } finally {
    // Nothing of the test holds the database while the server runs and dies: the restarted
    // server is the first to open it after the crash, as after a real one.
    await storage.close();
  }
});

after(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.exited));
  await database?.drop();
});

interface Flood {
  /** Acknowledged comment id → the text its poster sent. */
  acknowledged: Map<number, string>;
  /** Texts whose request had been sent but not answered when the process died. */
  unanswered: string[];
  /** Requests sent and not yet answered at this moment. */
  inFlight: () => number;
  /** Answers other than an acknowledgement, before the kill. */
  refused: string[];
  stop(): Promise<void>;
}

/** POSTERS loops posting comments as fast as the server takes them, half as the form, half as the script. */
function flood(origin: string): Flood {
  const acknowledged = new Map<number, string>();
  const unanswered: string[] = [];
  const refused: string[] = [];
  const pending = new Set<string>();
  let running = true;
  const poster = async (n: number) => {
    for (let i = 0; running; i++) {
      const json = (n + i) % 2 === 0;
      // Quotes, markup and non-ASCII: the stored text must come back exactly.
      const text = `Poster ${n}, comment ${i} — “über” <b>&amp;</b> ${randomUUID()}`;
      pending.add(text);
      let id: number | undefined;
      try {
        const res = await fetch(`${origin}${json ? '/api/comments' : '/comments/'}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
          body: new URLSearchParams({
            article_id: String(articleId),
            comment: text,
            author_name: `Poster ${n}`,
            author_email: `poster${n}@example.org`,
            form_token: token,
          }).toString(),
        });
        if (json && res.status === 201)
          id = ((await res.json()) as { comment: { id: number } }).comment.id;
        else if (!json && res.status === 303)
          id = postedId(res.headers.get('location') ?? undefined);
        else refused.push(`${res.status}: ${(await res.text()).slice(0, 200)}`);
      } catch {
        // The process died before the answer was complete: not acknowledged.
        if (running) refused.push(`network error before the kill: ${text}`);
        else unanswered.push(text);
        continue;
      } finally {
        pending.delete(text);
      }
      if (id !== undefined) acknowledged.set(id, text);
    }
  };
  const loops = Array.from({ length: POSTERS }, (_, n) => poster(n));
  return {
    acknowledged,
    unanswered,
    refused,
    inFlight: () => pending.size,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe(`durability of acknowledged comments (${TEST_DB})`, () => {
  test('SIGKILL mid-flood loses no acknowledged comment; the restarted server has them all', {
    timeout: 240_000,
  }, async () => {
    const first = await startServerProcess({ env: { ...env, LOG_LEVEL: 'warn' } });
    servers.push(first);
    const load = flood(first.origin);
    const end = Date.now() + 60_000;
    while (load.acknowledged.size < KILL_AFTER && load.refused.length === 0) {
      assert.ok(Date.now() < end, `only ${load.acknowledged.size} comments in 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const inFlightAtKill = load.inFlight();
    first.child.kill('SIGKILL');
    // Stop the loops the moment the kill is sent: every failure after this is the crash.
    const stopped = load.stop();
    assert.equal((await first.exited).signal, 'SIGKILL');
    await stopped;
    assert.deepEqual(load.refused, [], 'every post before the kill was acknowledged');
    assert.ok(inFlightAtKill > 0, 'requests were in flight when the process was killed');
    const walBytes =
      TEST_DB === 'sqlite' && existsSync(`${database.url.slice('sqlite:'.length)}-wal`)
        ? statSync(`${database.url.slice('sqlite:'.length)}-wal`).size
        : 0;

    const second = await startServerProcess({ env: { ...env, LOG_LEVEL: 'warn' } });
    servers.push(second);
    const storage = await openStorage(database.url);
    try {
      if (TEST_DB === 'sqlite') {
        // What the server's connections run with (set by the SQLite dialect on every open).
        const pragma = async (name: string) =>
          Object.values((await sql.raw(`PRAGMA ${name}`).execute(storage.db)).rows[0] as object)[0];
        assert.equal(await pragma('journal_mode'), 'wal');
        assert.equal(await pragma('synchronous'), 1, 'synchronous = NORMAL');
        assert.equal(await pragma('integrity_check'), 'ok');
      }
      const rows = await storage.db
        .selectFrom('comments')
        .select(['id', 'body', 'article_id'])
        .where('article_id', '=', articleId)
        .execute();
      const stored = new Map(rows.map((r) => [r.id, r.body]));
      const lost = [...load.acknowledged].filter(([id, text]) => stored.get(id) !== text);
      assert.deepEqual(lost, [], 'acknowledged comments missing or changed after the crash');

      // Committed just before the kill, the answer never reached its poster: either is fine.
      const storedTexts = new Set(stored.values());
      const committedUnanswered = load.unanswered.filter((t) => storedTexts.has(t)).length;
      assert.equal(rows.length, load.acknowledged.size + committedUnanswered);

      // The restarted server serves every one of them and takes new comments with fresh ids.
      const list = (await (
        await fetch(`${second.origin}/api/comments?article=${articleId}`)
      ).json()) as { comments: Array<{ id: number }> };
      const served = new Set(list.comments.map((c) => c.id));
      assert.deepEqual(
        [...load.acknowledged.keys()].filter((id) => !served.has(id)),
        [],
        'the restarted server lists every acknowledged comment',
      );
      const later = await fetch(`${second.origin}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams({
          article_id: String(articleId),
          comment: 'Posted after the restart.',
          author_name: 'Later reader',
          author_email: 'later@example.org',
          form_token: token,
        }).toString(),
      });
      assert.equal(later.status, 201, await later.clone().text());
      const newId = ((await later.json()) as { comment: { id: number } }).comment.id;
      assert.ok(newId > Math.max(...stored.keys()));

      process.stdout.write(
        `${TEST_DB}: ${load.acknowledged.size} comments acknowledged by ${POSTERS} posters, ` +
          `${inFlightAtKill} in flight at SIGKILL (${load.unanswered.length} never answered, ` +
          `${committedUnanswered} of those committed anyway), ` +
          `${load.acknowledged.size} of ${load.acknowledged.size} acknowledged recovered` +
          (TEST_DB === 'sqlite' ? `, WAL ${walBytes} bytes at the kill` : '') +
          '\n',
      );
    } finally {
      await storage.close();
    }
    second.child.kill('SIGTERM');
    assert.deepEqual(await second.exited, { code: 0, signal: null });
  });
});
