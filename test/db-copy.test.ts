import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { copySite } from '../src/operations/db-copy.js';
import type { Services } from '../src/services.js';
import { CopyRefusedError, countRows } from '../src/storage/copy/copy-database.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { OPEN_COMMENT_RULES, postComment } from './comments-support.js';
import { sharedDatabase } from './support/server-process.js';
import { missingService, portOpen } from './support/services-available.js';
import { startTestSite, TEST_DATABASE_URL, TEST_DB, type TestSite } from './support/test-site.js';

const OTHER = TEST_DB === 'sqlite' ? 'postgres' : 'sqlite';
const pgUrl = new URL(TEST_DATABASE_URL);
const skip =
  OTHER === 'postgres' && !(await portOpen(pgUrl.hostname, Number(pgUrl.port || 5432)))
    ? missingService('PostgreSQL', `nothing listens at ${pgUrl.host}`)
    : false;

type Database = Awaited<ReturnType<typeof sharedDatabase>>;
const databases: Database[] = [];
async function freshDatabase(engine: 'sqlite' | 'postgres'): Promise<Database> {
  const db = await sharedDatabase(engine);
  databases.push(db);
  return db;
}

/** The site served from another database: the same app on the same clock and media. */
async function serveCopy(site: TestSite, url: string) {
  const storage = await openStorage(url);
  const { app, services } = await buildApp({
    config: { ...site.config, databaseUrl: url },
    storage,
    clock: () => site.clock.now,
    logger: false,
  });
  return { app, services, storage };
}
type Served = { app: FastifyInstance; services: Services; storage: Storage };
const served: Served[] = [];

let site: TestSite;
let articlePath: string;
let articleId: number;
let authorId: number;
const PASSWORD = 'correct horse battery staple';

before(async () => {
  if (skip) return;
  site = await startTestSite({ demo: true, now: new Date('2026-06-01T12:00:00Z') });
  const { services } = site;
  await services.settings.setMany(OPEN_COMMENT_RULES);
  // An account with a password and a live session.
  authorId = await services.taxonomy.createAuthor({
    name: 'Copy Editor',
    email: 'copy.editor@example.org',
    role: 'editor',
  });
  await services.accounts.setPassword(authorId, PASSWORD);
  const login = await services.accounts.login('copy.editor@example.org', PASSWORD, '10.0.0.1');
  assert.equal(login.ok, true);
  // A section whose parent has the higher id: the copy must link it after both exist.
  const child = await services.taxonomy.createCategory({ name: 'Ferries' });
  const parent = await services.taxonomy.createCategory({ name: 'Transport' });
  await site.storage.db
    .updateTable('categories')
    .set({ parent_id: parent })
    .where('id', '=', child)
    .execute();
  // Comments: a new thread with a reply, on a published demo article.
  const article = await site.storage.db
    .selectFrom('articles')
    .select(['id'])
    .where('status', '=', 'published')
    .where('type', '=', 'post')
    .where('comment_status', '=', 'open')
    .orderBy('published_at', 'desc')
    .executeTakeFirstOrThrow();
  articleId = article.id;
  const first = await postComment(site, {
    article_id: String(articleId),
    comment: 'Copied across engines, I hope.',
  });
  assert.equal(first.statusCode, 303);
  const parentId = first.headers.location!.match(/#comment-(\d+)$/)![1]!;
  const reply = await postComment(site, {
    article_id: String(articleId),
    parent_id: parentId,
    comment: 'A reply that must keep its parent.',
    author_name: 'Second reader',
    author_email: 'second@example.org',
  });
  assert.equal(reply.statusCode, 303);
  articlePath = (await services.comments.target(articleId))!.path;
});

after(async () => {
  for (const s of served) {
    await s.app.close();
    await s.storage.close();
  }
  await site?.close();
  for (const db of databases) await db.drop();
});

/** The page without what legitimately differs per render (nothing, so far). */
const page = async (app: FastifyInstance, url: string) => {
  const res = await app.inject({ method: 'GET', url });
  assert.equal(res.statusCode, 200, `GET ${url} answered ${res.statusCode}`);
  return res.body;
};

describe(`db copy ${TEST_DB} → ${OTHER} → ${TEST_DB}`, { skip }, () => {
  let there: Database;
  let back: Database;

  test(`copies every table to ${OTHER}, and the copy serves the same pages`, async () => {
    there = await freshDatabase(OTHER);
    const progress: number[] = [];
    const report = await copySite({
      from: site.config.databaseUrl,
      to: there.url,
      config: site.config,
      // Small batches so that every table of the demo takes several of them.
      batchRows: 7,
      onCopyProgress: (done) => progress.push(done),
    });
    assert.equal(report.matches, true, JSON.stringify(report.tables));
    const byTable = new Map(report.tables.map((t) => [t.table, t]));
    for (const table of ['users', 'articles', 'comments', 'categories', 'tags', 'sessions']) {
      assert.ok(byTable.get(table)!.source > 0, `${table} should have rows to copy`);
      assert.equal(byTable.get(table)!.target, byTable.get(table)!.source, table);
    }
    assert.ok(byTable.has('search_terms'), 'the search vocabulary is an ordinary table');
    assert.ok(!byTable.has('kysely_migration'), "the target's migrations are its own");
    assert.ok(report.indexed > 0);
    assert.ok(progress.length > 20, 'progress is reported per batch');
    assert.deepEqual(
      progress,
      [...progress].sort((a, b) => a - b),
    );

    const copy = await serveCopy(site, there.url);
    served.push(copy);
    assert.equal(await page(copy.app, articlePath), await page(site.app, articlePath));
    assert.equal(await page(copy.app, '/'), await page(site.app, '/'));
    // Ranking formulas differ between engines (bm25, ts_rank); the matches must not.
    const search = '/search/?q=harbour&sort=newest';
    assert.equal(await page(copy.app, search), await page(site.app, search));
  });

  test('accounts, sessions, threads and section parents survive the copy', async () => {
    const copy = served[0]!;
    const login = await copy.services.accounts.login(
      'copy.editor@example.org',
      PASSWORD,
      '10.0.0.2',
    );
    assert.equal(login.ok, true, 'the password hash works on the other engine');
    const sessions = await countRows(copy.storage.db, ['sessions']);
    assert.ok(sessions.get('sessions')! >= 2);
    const replies = await copy.storage.db
      .selectFrom('comments as c')
      .innerJoin('comments as p', 'p.id', 'c.parent_id')
      .select(['c.id', 'c.depth', 'p.author_name'])
      .where('c.body', '=', 'A reply that must keep its parent.')
      .execute();
    assert.equal(replies.length, 1);
    assert.equal(replies[0]!.depth, 2);
    const ferries = await copy.storage.db
      .selectFrom('categories as c')
      .innerJoin('categories as p', 'p.id', 'c.parent_id')
      .select('p.name')
      .where('c.name', '=', 'Ferries')
      .executeTakeFirst();
    assert.equal(ferries?.name, 'Transport');
  });

  test('new rows on the copy get fresh ids (identity counters moved past the copied ones)', async () => {
    const copy = served[0]!;
    const before = await copy.storage.db
      .selectFrom('comments')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    const id = await copy.services.taxonomy.createCategory({ name: 'After the move' });
    const maxCategory = await site.storage.db
      .selectFrom('categories')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    assert.ok(id > Number(maxCategory.max));
    const posted = await copy.services.comments.post(
      {
        articleId,
        name: 'Later reader',
        email: 'later@example.org',
        text: 'Posted after the move.',
        token: await copy.services.comments.formToken(articleId),
      },
      { ip: '10.9.9.9' },
    );
    assert.ok(posted.comment.id > Number(before.max));
  });

  test(`copies back to ${TEST_DB}: the round trip keeps every row`, async () => {
    back = await freshDatabase(TEST_DB);
    const report = await copySite({ from: there.url, to: back.url, config: site.config });
    assert.equal(report.matches, true, JSON.stringify(report.tables));
    const original = await countRows(
      site.storage.db,
      report.tables.map((t) => t.table),
    );
    for (const t of report.tables) {
      // The copy got a section, a comment and a session more after the first move.
      const added = ['categories', 'comments', 'sessions'].includes(t.table) ? 1 : 0;
      assert.equal(t.target, original.get(t.table)! + added, t.table);
    }
    const copy = await serveCopy(site, back.url);
    served.push(copy);
    const body = await page(copy.app, articlePath);
    assert.ok(body.includes('Posted after the move.'));
    assert.ok(body.includes('A reply that must keep its parent.'));
  });

  test('refuses a target that is not empty unless forced, and the refusal changes nothing', async () => {
    await assert.rejects(
      copySite({ from: site.config.databaseUrl, to: back.url, config: site.config }),
      (error: unknown) =>
        error instanceof CopyRefusedError && /not empty.*--force/.test(error.message),
    );
    const kept = await countRows(served[1]!.storage.db, ['comments']);
    const report = await copySite({
      from: site.config.databaseUrl,
      to: back.url,
      config: site.config,
      force: true,
    });
    assert.equal(report.matches, true);
    const replaced = await countRows(served[1]!.storage.db, ['comments']);
    assert.equal(replaced.get('comments'), kept.get('comments')! - 1);
    await assert.rejects(
      copySite({ from: back.url, to: back.url, config: site.config }),
      /same database/,
    );
  });

  test(`\`newsdesk db copy\` to ${OTHER} prints plain progress, the verification table, and exits 1 when refused`, async () => {
    // Across engines, so the PostgreSQL pass runs the command the other way round.
    const target = await freshDatabase(OTHER);
    const cli = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'db', 'copy', ...args], {
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'silent', MEDIA_DIR: site.config.mediaDir },
      });
    const ok = cli(['--from', site.config.databaseUrl, '--to', target.url]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stderr, /^Copying rows: \d+\/\d+$/m);
    assert.match(ok.stdout, /^Table +Source +Target$/m);
    assert.match(ok.stdout, /^comments +\d+ +\d+$/m);
    assert.match(ok.stdout, /All \d+ tables match/);
    const refused = cli(['--from', site.config.databaseUrl, '--to', target.url]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /not empty.*--force/);
  });
});
