import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { BackupRefusedError, restoreSite } from '../src/operations/backup.js';
import type { Services } from '../src/services.js';
import { migrateToLatest, openStorage, type Storage } from '../src/storage/database.js';
import { FORM } from './comments-support.js';
import { sharedDatabase } from './support/server-process.js';
import { TEST_DATABASE_URL, TEST_DB } from './support/test-site.js';

const run = promisify(execFile);

/** Runs the real `newsdesk` CLI in its own process (its own database connection). */
async function newsdesk(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', ...args],
      { env: { ...process.env, LOG_LEVEL: 'silent', ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('backup and restore on PostgreSQL', { skip: TEST_DB !== 'postgres' }, () => {
  test('`newsdesk backup` and `restore` point at pg_dump and exit non-zero', async () => {
    const env = { DATABASE_URL: TEST_DATABASE_URL };
    const backup = await newsdesk(['backup', '/tmp/never-written.sqlite'], env);
    assert.notEqual(backup.code, 0);
    assert.match(backup.stderr, /pg_dump --format=custom/);
    assert.match(backup.stderr, /pg_restore/);
    assert.equal(existsSync('/tmp/never-written.sqlite'), false);
    const restore = await newsdesk(['restore', '/tmp/never-written.sqlite'], env);
    assert.notEqual(restore.code, 0);
    assert.match(restore.stderr, /pg_dump/);
  });
});

describe('online backup and restore of an SQLite site', { skip: TEST_DB !== 'sqlite' }, () => {
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let storage: Storage;
  let app: FastifyInstance;
  let services: Services;
  let articleId: number;
  let articlePath: string;
  const env: Record<string, string> = {};

  async function open() {
    storage = await openStorage(database.url);
    ({ app, services } = await buildApp({ config: loadConfig(env), storage, logger: false }));
  }
  async function close() {
    await app.close();
    await storage.close();
  }

  before(async () => {
    database = await sharedDatabase('sqlite');
    const mediaDir = join(database.dir, 'media');
    mkdirSync(mediaDir, { recursive: true });
    Object.assign(env, {
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      SITE_URL: 'http://newsdesk.test',
      LOG_LEVEL: 'silent',
      SECRET: 'backup-test-secret-0123456789abcdef0123456789',
    });
    storage = await openStorage(database.url);
    await migrateToLatest(storage);
    await storage.close();
    await open();
    await seedDemo(services, env.MEDIA_DIR!);
    await services.settings.setMany({
      commentMinSecondsToSubmit: 0,
      commentHoldFirstComment: false,
      commentRateLimitPerIpPerMinute: 1_000_000,
      commentRateLimitPerEmailPerHour: 1_000_000,
    });
    const article = await storage.db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .where('type', '=', 'post')
      .where('comment_status', '=', 'open')
      .orderBy('published_at', 'desc')
      .executeTakeFirstOrThrow();
    articleId = article.id;
    articlePath = (await services.comments.target(articleId))!.path;
  });

  after(async () => {
    await close().catch(() => {});
    await database?.drop();
  });

  let n = 0;
  /** Posts one comment through the form route, as a reader would; returns its id. */
  async function postOne(): Promise<number> {
    n++;
    const res = await app.inject({
      method: 'POST',
      url: '/comments/',
      headers: FORM,
      remoteAddress: `10.1.${(n >> 8) & 255}.${n & 255}`,
      payload: new URLSearchParams({
        article_id: String(articleId),
        form_token: await services.comments.formToken(articleId),
        comment: `Backup test comment number ${n}.`,
        author_name: `Reader ${n}`,
        author_email: `reader${n}@example.org`,
      }).toString(),
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    return Number(res.headers.location!.match(/#comment-(\d+)$/)![1]);
  }

  const commentIds = async () =>
    (await storage.db.selectFrom('comments').select('id').orderBy('id').execute()).map((r) => r.id);

  let backupFile: string;
  let backedUp: number[];

  test('a backup taken while comments pour in is an intact, consistent snapshot', async () => {
    for (let i = 0; i < 20; i++) await postOne();
    const before = await commentIds();
    let writing = true;
    let written = 0;
    let reads = 0;
    const writer = (async () => {
      // Bounded: the article page renders every comment, so an unbounded flood during a slow
      // CLI start-up grows each render until the heap runs out.
      while (writing && written < 300) {
        await postOne();
        written++;
      }
    })();
    const reader = (async () => {
      while (writing && reads < 100) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const res = await app.inject({ method: 'GET', url: articlePath });
        assert.equal(res.statusCode, 200);
        reads++;
      }
    })();
    // Let the flood get going before the backup starts.
    while (written < 10) await new Promise((resolve) => setTimeout(resolve, 10));
    const writtenBefore = written;
    backupFile = join(database.dir, 'backup.sqlite');
    const result = await newsdesk(['backup', backupFile], env);
    const writtenDuring = written - writtenBefore;
    writing = false;
    await Promise.all([writer, reader]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Backed up [\d.]+ MB to /);
    assert.ok(writtenDuring > 0, 'writers were not blocked while the backup ran');
    assert.ok(reads > 0, 'readers were not blocked while the backup ran');
    const after = await commentIds();

    const copy = new SQLite(backupFile, { readonly: true });
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      assert.equal(
        copy.pragma('journal_mode', { simple: true }),
        'delete',
        'one self-contained file',
      );
      backedUp = (
        copy.prepare('SELECT id FROM comments ORDER BY id').all() as { id: number }[]
      ).map((r) => r.id);
      const migrations = copy.prepare('SELECT count(*) AS n FROM kysely_migration').get() as {
        n: number;
      };
      assert.ok(migrations.n >= 7);
    } finally {
      copy.close();
    }
    assert.ok(backedUp.length >= before.length, 'everything committed before the backup is in it');
    assert.ok(backedUp.length <= after.length);
    // A consistent snapshot holds exactly the comments up to some point: no gaps, nothing later.
    const last = backedUp[backedUp.length - 1]!;
    assert.deepEqual(
      backedUp,
      after.filter((id) => id <= last),
    );
    assert.equal(existsSync(`${backupFile}-wal`), false);
  });

  test('restore refuses damaged and foreign files, and a site that is running', async () => {
    const junk = join(database.dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database, just some text '.repeat(200));
    await assert.rejects(restoreSite(database.url, junk), /not an SQLite database/);
    const foreign = join(database.dir, 'foreign.sqlite');
    const other = new SQLite(foreign);
    other.exec('CREATE TABLE notes (id integer primary key, text text)');
    other.close();
    await assert.rejects(restoreSite(database.url, foreign), /not a Newsdesk one/);
    await assert.rejects(
      restoreSite(database.url, backupFile),
      (error: unknown) =>
        error instanceof BackupRefusedError && /in use.*--force/.test(String(error)),
    );
    // Nothing was replaced.
    assert.ok((await commentIds()).length > backedUp.length);
  });

  test('restore brings the site back to the backup', async () => {
    await close();
    const result = await newsdesk(['restore', backupFile], env);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Restored /);
    await open();
    assert.deepEqual(await commentIds(), backedUp);
    const lastId = backedUp[backedUp.length - 1]!;
    // Comments are paginated; the permalink leads to the page that holds the last one.
    const permalink = await app.inject({ method: 'GET', url: `/comments/${lastId}/` });
    assert.equal(permalink.statusCode, 302);
    const location = new URL(permalink.headers.location!, 'http://newsdesk.test');
    assert.ok(location.pathname.startsWith(articlePath), location.pathname);
    const page = await app.inject({ method: 'GET', url: location.pathname + location.search });
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`id="comment-${lastId}"`), 'the restored comment is on its page');
    // The restored site takes new comments with fresh ids.
    const id = await postOne();
    assert.ok(id > lastId);
  });
});
