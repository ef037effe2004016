import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../src/accounts/roles.js';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import type { ArticleChange } from '../src/newsroom/article-events.js';
import { NewsroomScheduler } from '../src/newsroom/newsroom-scheduler.js';
import { createServices } from '../src/services.js';
import { openStorage, type Storage } from '../src/storage/database.js';
import { KyselyNewsroomRepository } from '../src/storage/repositories/kysely-newsroom-repository.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const PASSWORD = 'a long newsroom password';
const ORIGIN = 'http://newsdesk.test';
const START = new Date(Math.floor(Date.now() / 1000) * 1000);

interface Person {
  id: number;
  token: string;
  csrf: string;
}

let site: TestSite;
const people = {} as Record<Role | 'editor2', Person>;
const changes: ArticleChange[] = [];

before(async () => {
  site = await startTestSite({ now: START });
  for (const role of ['administrator', 'editor', 'editor2', 'author', 'contributor'] as const) {
    const email = `${role}@newsroom.example`;
    const id = await site.services.taxonomy.createAuthor({
      name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`,
      email,
      role: role === 'editor2' ? 'editor' : role,
    });
    await site.services.accounts.setPassword(id, PASSWORD);
    const login = await site.services.accounts.login(email, PASSWORD, '127.0.0.1');
    assert.ok(login.ok);
    people[role] = { id, token: login.token, csrf: login.session.csrfToken };
  }
  site.services.articleEvents.on('changed', (c) => {
    changes.push(c);
  });
});
after(() => site.close());

async function call(
  who: keyof typeof people | null,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  opts: { csrf?: string | null; origin?: string } = {},
) {
  const person = who ? people[who] : undefined;
  const headers: Record<string, string> = { origin: opts.origin ?? ORIGIN };
  const csrf = opts.csrf === undefined ? person?.csrf : opts.csrf;
  if (csrf) headers['x-csrf-token'] = csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await site.app.inject({
    method,
    url,
    headers,
    ...(person ? { cookies: { [SESSION_COOKIE]: person.token } } : {}),
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, res };
}

const API = '/admin/api/articles';

async function draft(who: keyof typeof people, headline: string, extra: object = {}) {
  const r = await call(who, 'POST', API, {
    headline,
    bodyHtml: '<p>Body text here.</p>',
    ...extra,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.article as { id: number; headRevisionId: number; slug: string; previewUrl: string };
}

const transition = (who: keyof typeof people, id: number, action: string, at?: string) =>
  call(who, 'POST', `${API}/${id}/transitions`, { action, ...(at ? { at } : {}) });

describe('saving, revisions, diff and restore', () => {
  test('create sanitizes the body, slugs the headline, creates tags and records a revision', async () => {
    const r = await call('editor', 'POST', API, {
      headline: 'Türkiye’nin liman planı açıklandı',
      dek: 'A dek',
      bodyHtml: '<p onclick="x()">Safe <script>alert(1)</script>text</p>',
      tags: ['Harbour', 'Brand new tag'],
      authorIds: [people.editor.id, people.author.id],
      seoTitle: 'SEO title',
      lang: 'tr',
    });
    assert.equal(r.status, 201);
    const a = r.body.article;
    assert.equal(a.slug, 'turkiyenin-liman-plani-aciklandi');
    assert.equal(a.bodyHtml, '<p>Safe text</p>');
    assert.deepEqual(
      a.tags.map((t: { name: string }) => t.name),
      ['Brand new tag', 'Harbour'],
    );
    assert.deepEqual(
      a.authors.map((x: { id: number }) => x.id),
      [people.editor.id, people.author.id],
    );
    assert.equal(a.status, 'draft');
    assert.match(a.previewUrl, /^\/preview\/[A-Za-z0-9_-]{30,}\/$/);
    assert.equal(r.body.revision.kind, 'create');
    assert.equal(a.headRevisionId, r.body.revision.id);
  });

  test('every save is a revision; diff is word-level side by side; restore makes a new revision', async () => {
    const a = await draft('editor', 'Council votes on the bridge');
    const first = a.headRevisionId;
    const saved = await call('editor', 'PUT', `${API}/${a.id}`, {
      headline: 'Council approves the new bridge',
      baseRevisionId: first,
    });
    assert.equal(saved.status, 200);
    const second = saved.body.revision.id;
    assert.ok(second > first);
    const list = await call('editor', 'GET', `${API}/${a.id}/revisions`);
    assert.deepEqual(
      list.body.items.map((r: { id: number }) => r.id),
      [second, first],
    );
    const diff = await call('editor', 'GET', `${API}/${a.id}/diff?from=${first}&to=${second}`);
    assert.equal(diff.status, 200);
    const headline = diff.body.fields.find((f: { field: string }) => f.field === 'headline');
    assert.equal(headline.changed, true);
    assert.deepEqual(
      headline.left
        .filter((p: { change: string }) => p.change === 'removed')
        .map((p: { text: string }) => p.text.trim()),
      ['votes on'],
    );
    assert.ok(
      headline.right.some(
        (p: { change: string; text: string }) =>
          p.change === 'added' && p.text.includes('approves'),
      ),
    );
    assert.equal(diff.body.fields.find((f: { field: string }) => f.field === 'dek').changed, false);

    const restored = await call('editor', 'POST', `${API}/${a.id}/revisions/${first}/restore`, {});
    assert.equal(restored.status, 200);
    assert.equal(restored.body.article.headline, 'Council votes on the bridge');
    assert.equal(restored.body.revision.kind, 'restore');
    assert.equal(restored.body.revision.restoredFrom, first);
    assert.equal((await call('editor', 'GET', `${API}/${a.id}/revisions`)).body.items.length, 3);

    const stale = await call('editor', 'PUT', `${API}/${a.id}`, {
      headline: 'Late edit',
      baseRevisionId: second,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'CONFLICT');
    assert.equal(stale.body.error.currentRevision.id, restored.body.revision.id);
  });

  test('autosave is idempotent on the client save id and answers 409 when someone else saved', async () => {
    const a = await draft('editor', 'Autosaved story');
    const body = {
      baseRevisionId: a.headRevisionId,
      clientSaveId: 'tab1-0001',
      fields: { dek: 'One' },
    };
    const one = await call('editor', 'POST', `${API}/${a.id}/autosave`, body);
    assert.equal(one.status, 200);
    assert.equal(one.body.duplicate, false);
    const again = await call('editor', 'POST', `${API}/${a.id}/autosave`, body);
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicate, true);
    assert.equal(again.body.revision.id, one.body.revision.id);
    assert.equal((await call('editor', 'GET', `${API}/${a.id}/revisions`)).body.items.length, 2);

    const other = await call('editor2', 'PUT', `${API}/${a.id}`, { dek: 'Editor two was here' });
    assert.equal(other.status, 200);
    const late = await call('editor', 'POST', `${API}/${a.id}/autosave`, {
      baseRevisionId: one.body.revision.id,
      clientSaveId: 'tab1-0002',
      fields: { dek: 'Two' },
    });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.currentRevision.id, other.body.revision.id);
    assert.equal(late.body.error.currentRevision.authorName, 'Editor2 Person');
  });
});

describe('the role matrix', () => {
  test('contributors write and submit their own drafts but never publish', async () => {
    const mine = await draft('contributor', 'Contributor draft');
    assert.equal((await call('contributor', 'PUT', `${API}/${mine.id}`, { dek: 'x' })).status, 200);
    for (const action of ['publish', 'schedule', 'unpublish']) {
      const r = await transition('contributor', mine.id, action, '2026-06-02T00:00:00Z');
      assert.equal(r.status, 403, action);
      assert.equal(r.body.error.code, 'FORBIDDEN');
    }
    assert.equal(
      (await transition('contributor', mine.id, 'submit')).body.article.status,
      'pending',
    );
    const bulk = await call('contributor', 'POST', `${API}/bulk`, {
      ids: [mine.id],
      action: 'publish',
    });
    assert.equal(bulk.body.results[0].ok, false);
    assert.equal(bulk.body.results[0].error.code, 'FORBIDDEN');
    const others = await draft('author', 'Author draft');
    assert.equal((await call('contributor', 'GET', `${API}/${others.id}`)).status, 403);
    assert.equal(
      (await call('contributor', 'PUT', `${API}/${others.id}`, { dek: 'x' })).status,
      403,
    );
    const listed = await call('contributor', 'GET', API);
    assert.ok(
      listed.body.items.every((i: { authors: { id: number }[] }) =>
        i.authors.some((x) => x.id === people.contributor.id),
      ),
    );
    // An editor publishes the submitted draft; then the contributor can no longer edit it.
    assert.equal((await transition('editor', mine.id, 'publish')).body.article.status, 'published');
    assert.equal((await call('contributor', 'PUT', `${API}/${mine.id}`, { dek: 'y' })).status, 403);
    assert.equal((await transition('contributor', mine.id, 'trash')).status, 403);
  });

  test('authors publish their own work but not anyone else’s', async () => {
    const mine = await draft('author', 'Author own story');
    assert.equal((await transition('author', mine.id, 'publish')).body.article.status, 'published');
    assert.equal((await call('author', 'PUT', `${API}/${mine.id}`, { dek: 'fix' })).status, 200);
    const others = await draft('editor', 'Editor story');
    assert.equal((await transition('author', others.id, 'publish')).status, 403);
    assert.equal((await call('author', 'PUT', `${API}/${others.id}`, { dek: 'x' })).status, 403);
    const fix = await call('author', 'POST', `${API}/${mine.id}/corrections`, {
      kind: 'correction',
      text: 'x',
    });
    assert.equal(fix.status, 403);
  });

  for (const role of ['editor', 'administrator'] as const) {
    test(`${role}s publish, schedule, unpublish and correct anyone’s article`, async () => {
      const theirs = await draft('contributor', `Contributor story for ${role}`);
      assert.equal((await call(role, 'PUT', `${API}/${theirs.id}`, { dek: 'edited' })).status, 200);
      const at = new Date(site.clock.now.getTime() + 3_600_000).toISOString();
      assert.equal(
        (await transition(role, theirs.id, 'schedule', at)).body.article.status,
        'scheduled',
      );
      assert.equal((await transition(role, theirs.id, 'unschedule')).body.article.status, 'draft');
      assert.equal((await transition(role, theirs.id, 'publish')).body.article.status, 'published');
      const fix = await call(role, 'POST', `${API}/${theirs.id}/corrections`, {
        kind: 'clarification',
        text: 'We clarified it.',
      });
      assert.equal(fix.status, 201);
      assert.equal(
        (await transition(role, theirs.id, 'unpublish')).body.article.status,
        'unpublished',
      );
      assert.equal((await transition(role, theirs.id, 'trash')).body.article.status, 'trash');
      assert.equal((await transition(role, theirs.id, 'restore')).body.article.status, 'draft');
    });
  }

  test('a transition from the wrong status is a 409, bad input a 400', async () => {
    const a = await draft('editor', 'Wrong status story');
    assert.equal((await transition('editor', a.id, 'unpublish')).status, 409);
    assert.equal((await transition('editor', a.id, 'restore')).status, 409);
    const past = await transition('editor', a.id, 'schedule', '2020-01-01T00:00:00Z');
    assert.equal(past.status, 400);
    const junk = await call('editor', 'POST', `${API}/${a.id}/transitions`, { action: 'explode' });
    assert.equal(junk.status, 400);
    assert.equal(junk.body.error.code, 'VALIDATION_FAILED');
    assert.equal((await call('editor', 'GET', `${API}/999999`)).status, 404);
  });
});

describe('request security', () => {
  test('no session → 401; missing or wrong CSRF → 403; another origin → 403', async () => {
    const a = await draft('editor', 'Security story');
    const anon = await call(null, 'POST', `${API}/${a.id}/transitions`, { action: 'publish' });
    assert.equal(anon.status, 401);
    const missing = await call(
      'editor',
      'POST',
      `${API}/${a.id}/transitions`,
      { action: 'publish' },
      { csrf: null },
    );
    assert.equal(missing.status, 403);
    assert.equal(missing.body.error.code, 'FORBIDDEN');
    const wrong = await call(
      'editor',
      'PUT',
      `${API}/${a.id}`,
      { dek: 'x' },
      { csrf: 'not-the-token' },
    );
    assert.equal(wrong.status, 403);
    const cross = await call(
      'editor',
      'POST',
      API,
      { headline: 'x' },
      { origin: 'https://evil.example' },
    );
    assert.equal(cross.status, 403);
    assert.equal(cross.body.error.code, 'CROSS_ORIGIN_REQUEST');
    assert.equal((await call('editor', 'GET', `${API}/${a.id}`)).body.article.status, 'draft');
    assert.match(
      String((await call('editor', 'GET', API)).res.headers['cache-control']),
      /no-store/,
    );
  });
});

describe('edit locks', () => {
  test('a second editor is warned who is editing, can take over, and the first then loses the lock', async () => {
    const a = await draft('editor', 'Locked story');
    const mine = await call('editor', 'POST', `${API}/${a.id}/lock`, {});
    assert.equal(mine.body.acquired, true);
    const theirs = await call('editor2', 'POST', `${API}/${a.id}/lock`, {});
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body.acquired, false);
    assert.equal(theirs.body.warning, 'Editor Person is editing this article.');
    assert.equal(
      (await call('editor2', 'GET', `${API}/${a.id}`)).body.article.lock.userName,
      'Editor Person',
    );
    const taken = await call('editor2', 'POST', `${API}/${a.id}/lock/takeover`, {});
    assert.equal(taken.body.lock.userId, people.editor2.id);
    assert.equal(taken.body.previousHolder.name, 'Editor Person');
    const beat = await call('editor', 'POST', `${API}/${a.id}/lock/heartbeat`, {});
    assert.equal(beat.status, 409);
    assert.equal(beat.body.error.lock.userName, 'Editor2 Person');
    // A lock not renewed for two minutes lapses.
    const saved = site.clock.now;
    site.clock.now = new Date(saved.getTime() + 121_000);
    try {
      assert.equal((await call('editor', 'POST', `${API}/${a.id}/lock`, {})).body.acquired, true);
    } finally {
      site.clock.now = saved;
    }
  });

  test("the pagehide beacon releases only the sender's own lock (CSRF token in the form body)", async () => {
    const a = await draft('editor', 'Left the page');
    // What navigator.sendBeacon sends: a form-encoded POST, no custom headers.
    const beacon = (who: 'editor' | 'editor2', csrf: string) =>
      site.app.inject({
        method: 'POST',
        url: `${API}/${a.id}/lock/release`,
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        cookies: { [SESSION_COOKIE]: people[who].token },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
    assert.equal((await call('editor', 'POST', `${API}/${a.id}/lock`, {})).body.acquired, true);
    // Someone else's beacon leaves the lock where it is.
    const other = await beacon('editor2', people.editor2.csrf);
    assert.equal(other.statusCode, 200);
    assert.equal(
      (await call('editor2', 'GET', `${API}/${a.id}`)).body.article.lock.userName,
      'Editor Person',
    );
    // Without the right token nothing happens.
    assert.equal((await beacon('editor', people.editor2.csrf)).statusCode, 403);
    assert.equal(
      (await call('editor2', 'GET', `${API}/${a.id}`)).body.article.lock.userName,
      'Editor Person',
    );
    // The holder's beacon frees it: the next editor gets it without a warning.
    const own = await beacon('editor', people.editor.csrf);
    assert.equal(own.statusCode, 200);
    assert.deepEqual(own.json(), { released: true });
    assert.equal((await call('editor2', 'GET', `${API}/${a.id}`)).body.article.lock, null);
    const next = await call('editor2', 'POST', `${API}/${a.id}/lock`, {});
    assert.equal(next.body.acquired, true);
    assert.equal(next.body.warning, undefined);
  });
});

async function statusOf(id: number) {
  const row = await site.storage.db
    .selectFrom('articles')
    .select(['status', 'published_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

describe('scheduling', () => {
  test('the scheduler arms for the due second and publishes exactly then, through the same path as a manual publish', async () => {
    await site.app.ready();
    const scheduler = site.services.newsroomScheduler;
    const a = await draft('editor', 'Scheduled harbour opening');
    const due = new Date(site.clock.now.getTime() + 90_000);
    due.setUTCMilliseconds(0);
    const r = await transition('editor', a.id, 'schedule', due.toISOString());
    assert.equal(r.body.article.status, 'scheduled');
    assert.equal(r.body.article.publishedAt, due.toISOString());
    // Re-armed on the change: the timer is capped at the safety sweep, never later than due.
    await scheduler.arm();
    assert.ok(scheduler.nextWakeAt && scheduler.nextWakeAt.getTime() <= due.getTime());

    site.clock.now = new Date(due.getTime() - 1000);
    assert.deepEqual((await scheduler.runDue())?.published, []);
    assert.equal((await statusOf(a.id)).status, 'scheduled');
    await scheduler.arm();
    assert.equal(scheduler.nextWakeAt?.getTime(), due.getTime());

    site.clock.now = due;
    const before = changes.length;
    assert.deepEqual((await scheduler.runDue())?.published, [a.id]);
    assert.equal((await statusOf(a.id)).status, 'published');
    const event = changes.slice(before).find((c) => c.articleId === a.id);
    assert.equal(event?.reason, 'scheduled-publish');
    assert.equal(event?.before?.status, 'scheduled');
    assert.equal(event?.after?.status, 'published');
    site.clock.now = new Date(due.getTime() + 1000);
    const page = await site.app.inject(event!.after!.path!);
    assert.equal(page.statusCode, 200);
  });

  test('a scheduled unpublish takes the article down at its time', async () => {
    const a = await draft('editor', 'Temporary notice');
    await transition('editor', a.id, 'publish');
    const at = new Date(site.clock.now.getTime() + 60_000);
    const r = await transition('editor', a.id, 'unpublish', at.toISOString());
    assert.equal(r.status, 200);
    assert.equal(r.body.article.unpublishAt, `${at.toISOString().slice(0, 19)}.000Z`);
    site.clock.now = new Date(at.getTime() + 1000);
    assert.deepEqual((await site.services.newsroomScheduler.runDue())?.unpublished, [a.id]);
    assert.equal((await statusOf(a.id)).status, 'unpublished');
  });

  test('with the real clock and no visitor traffic, the timer fires at the due second', async (t) => {
    const a = await draft('editor', 'Real clock story');
    const saved = site.clock.now;
    Object.defineProperty(site.clock, 'now', { get: () => new Date(), configurable: true });
    try {
      const due = new Date(Date.now() + 2000);
      due.setUTCMilliseconds(0);
      await transition('editor', a.id, 'schedule', due.toISOString());
      while (Date.now() < due.getTime() + 1500) {
        const { status } = await statusOf(a.id);
        if (status === 'published') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const publishedAtMs = Date.now();
      assert.equal((await statusOf(a.id)).status, 'published');
      assert.ok(publishedAtMs >= due.getTime(), 'not before its time');
      assert.ok(
        publishedAtMs - due.getTime() < 1000,
        `late by ${publishedAtMs - due.getTime()} ms`,
      );
      t.diagnostic(
        `published ${publishedAtMs - due.getTime()} ms after the due second (50 ms polling)`,
      );
    } finally {
      Object.defineProperty(site.clock, 'now', {
        value: saved,
        writable: true,
        configurable: true,
      });
    }
  });

  test('after a restart, anything overdue is published on start', async () => {
    const a = await draft('editor', 'Went out while we were down');
    const due = new Date(site.clock.now.getTime() + 10_000);
    await transition('editor', a.id, 'schedule', due.toISOString());
    const storage = await openStorage(site.config.databaseUrl);
    try {
      const later = new Date(due.getTime() + 3_600_000);
      const services = createServices({ config: site.config, storage, clock: () => later });
      const events: string[] = [];
      services.articleEvents.on('changed', (c) => {
        events.push(c.reason);
      });
      await services.newsroomScheduler.start();
      await services.newsroomScheduler.stop();
      assert.equal((await statusOf(a.id)).status, 'published');
      assert.deepEqual(events, ['scheduled-publish']);
    } finally {
      await storage.close();
    }
  });

  test('the lease lets exactly one of two processes run a sweep', async () => {
    const storages: Storage[] = [
      await openStorage(site.config.databaseUrl),
      await openStorage(site.config.databaseUrl),
    ];
    try {
      const due = new Date(site.clock.now.getTime() + 5000);
      const ids = [];
      for (let i = 0; i < 4; i++) {
        const a = await draft('editor', `Lease story ${i}`);
        await transition('editor', a.id, 'schedule', due.toISOString());
        ids.push(a.id);
      }
      const later = new Date(due.getTime() + 1000);
      const [one, two] = storages.map((storage) =>
        createServices({ config: site.config, storage, clock: () => later }),
      );
      // Direct contract: one holder at a time, others may take over once it expires.
      const leaseA = new NewsroomScheduler({
        newsroom: one!.newsroom,
        leases: leasesOf(storages[0]!),
        clock: () => later,
      });
      const leaseB = new NewsroomScheduler({
        newsroom: two!.newsroom,
        leases: leasesOf(storages[1]!),
        clock: () => later,
      });
      const exp = new Date(later.getTime() + 60_000).toISOString();
      assert.equal(
        await leasesOf(storages[0]!).acquireLease('test-lease', 'a', exp, later.toISOString()),
        true,
      );
      assert.equal(
        await leasesOf(storages[1]!).acquireLease('test-lease', 'b', exp, later.toISOString()),
        false,
      );
      assert.equal(
        await leasesOf(storages[1]!).acquireLease('test-lease', 'b', exp, exp),
        true,
        'expired: taken over',
      );

      const events: number[] = [];
      for (const s of [one!, two!])
        s.articleEvents.on('changed', (c) => void events.push(c.articleId));
      const results = await Promise.all([
        leaseA.runDue(),
        leaseB.runDue(),
        leaseA.runDue(),
        leaseB.runDue(),
      ]);
      const published = results.flatMap((r) => r?.published ?? []);
      assert.deepEqual(
        [...published].sort((x, y) => x - y),
        ids,
      );
      assert.deepEqual(
        [...events].sort((x, y) => x - y),
        ids,
        'each published once',
      );
    } finally {
      for (const s of storages) await s.close();
    }
  });
});

function leasesOf(storage: Storage) {
  return new KyselyNewsroomRepository(storage.db);
}

describe('embargo', () => {
  test('an embargoed article is on no public surface until release, but previews by secret link', async () => {
    const word = 'quillwharf';
    const a = await draft('editor', `Embargoed ${word} results`, {
      bodyHtml: `<p>The ${word} study results.</p>`,
      tags: ['Embargo Tag'],
    });
    const release = new Date(site.clock.now.getTime() + 2 * 3_600_000);
    release.setUTCMilliseconds(0);
    const set = await call('editor', 'POST', `${API}/${a.id}/embargo`, {
      until: release.toISOString(),
    });
    assert.equal(set.status, 200);
    assert.equal(set.body.article.embargoUntil, release.toISOString());
    assert.equal(
      (await call('author', 'POST', `${API}/${a.id}/embargo`, { until: null })).status,
      403,
    );
    const early = await transition(
      'editor',
      a.id,
      'schedule',
      new Date(release.getTime() - 60_000).toISOString(),
    );
    assert.equal(early.status, 409);
    // "Publish now" cannot break an embargo: it goes out at the release time.
    const published = await transition('editor', a.id, 'publish');
    assert.equal(published.body.article.status, 'scheduled');
    assert.equal(published.body.article.publishedAt, release.toISOString());

    const path = `/${release.toISOString().slice(0, 10).replace(/-/g, '/')}/${a.slug}/`;
    const month = release.toISOString().slice(0, 7);
    const surfaces = async () => {
      const [page, api, search, searchApi, feed, sitemap, news, tag] = await Promise.all([
        site.app.inject(path),
        site.app.inject(`/api/v1/articles/${a.id}`),
        site.app.inject(`/search/?q=${word}`),
        site.app.inject(`/api/v1/search?q=${word}`),
        site.app.inject('/feed/'),
        site.app.inject(`/sitemaps/posts-${month}.xml`),
        site.app.inject('/sitemaps/news.xml'),
        site.app.inject('/tag/embargo-tag/'),
      ]);
      return {
        page: page.statusCode === 200,
        api: api.statusCode === 200,
        search: search.body.includes(a.slug),
        searchApi: searchApi.body.includes(a.slug),
        feed: feed.body.includes(word),
        sitemap: sitemap.body.includes(a.slug),
        news: news.body.includes(a.slug),
        tag: tag.body.includes(a.slug),
      };
    };
    await site.services.newsroomScheduler.runDue();
    assert.deepEqual(
      Object.values(await surfaces()).filter(Boolean),
      [],
      JSON.stringify(await surfaces()),
    );

    const preview = await site.app.inject(a.previewUrl);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, new RegExp(`Embargoed ${word} results`));
    assert.match(preview.body, /<meta name="robots" content="noindex"/);
    assert.equal(preview.headers['cache-control'], 'private, no-store');
    assert.match(String(preview.headers['x-robots-tag']), /noindex/);
    assert.equal(
      (await site.app.inject('/preview/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/')).statusCode,
      404,
    );

    const saved = site.clock.now;
    site.clock.now = new Date(release.getTime() + 1000);
    try {
      assert.deepEqual((await site.services.newsroomScheduler.runDue())?.published, [a.id]);
      const after = await surfaces();
      assert.equal(after.page, true);
      assert.equal(after.api, true);
      assert.equal(after.search, true);
      assert.equal(after.searchApi, true);
      assert.equal(after.feed, true);
      assert.equal(after.sitemap, true);
    } finally {
      site.clock.now = saved;
    }
  });
});

describe('corrections', () => {
  test('a correction shows on the page, in the API, in feeds and on /corrections/, and moves the modified time', async () => {
    const a = await draft('editor', 'Story that needs a fix');
    const pub = await transition('editor', a.id, 'publish');
    const path = pub.body.article.publicPath as string;
    const updatedBefore = pub.body.article.updatedAt;
    site.clock.now = new Date(site.clock.now.getTime() + 60_000);
    const notPublished = await draft('editor', 'Unpublished fix target');
    assert.equal(
      (
        await call('editor', 'POST', `${API}/${notPublished.id}/corrections`, {
          kind: 'update',
          text: 'x',
        })
      ).status,
      409,
    );
    const r = await call('editor', 'POST', `${API}/${a.id}/corrections`, {
      kind: 'correction',
      text: 'An earlier version misspelt the <mayor>’s name.',
    });
    assert.equal(r.status, 201);
    assert.ok(r.body.article.updatedAt > updatedBefore);
    site.clock.now = new Date(site.clock.now.getTime() + 1000);

    const page = await site.app.inject(path);
    assert.equal(page.statusCode, 200);
    assert.match(
      page.body,
      /<section class="corrections" aria-labelledby="corrections-title"><h2 id="corrections-title">Corrections<\/h2>/,
    );
    assert.match(page.body, /misspelt the &lt;mayor>’s name/);

    const api = JSON.parse((await site.app.inject(`/api/v1/articles/${a.id}`)).body);
    assert.equal(api.corrections.length, 1);
    assert.equal(api.corrections[0].kind, 'correction');
    assert.equal(api.updated_at, r.body.article.updatedAt);

    const feed = await site.app.inject('/feed/');
    assert.match(feed.body, /misspelt the/);

    const list = await site.app.inject('/corrections/');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Story that needs a fix/);
    assert.match(list.body, /misspelt the &lt;mayor>’s name/);
    site.clock.now = new Date(site.clock.now.getTime() + 60_000);
    await call('editor', 'POST', `${API}/${a.id}/corrections`, {
      kind: 'update',
      text: 'Later update.',
    });
    const newest = (await site.app.inject('/corrections/')).body;
    assert.ok(newest.indexOf('Later update.') < newest.indexOf('misspelt'), 'newest first');
    const oldestFirst = (await site.app.inject(path)).body;
    assert.ok(
      oldestFirst.indexOf('misspelt') < oldestFirst.indexOf('Later update.'),
      'oldest first on the article',
    );
    assert.equal((await site.app.inject('/corrections/?page=99')).statusCode, 404);
  });
});

describe('listing and bulk actions', () => {
  test('filters by status, author and text; bulk actions report per article', async () => {
    const x = await draft('author', 'Zebra crossing works');
    const y = await draft('author', 'Zebra count rises');
    const found = await call(
      'editor',
      'GET',
      `${API}?q=zebra&author=${people.author.id}&status=draft&perPage=1`,
    );
    assert.equal(found.status, 200);
    assert.equal(found.body.total, 2);
    assert.equal(found.body.items.length, 1);
    const bulk = await call('editor', 'POST', `${API}/bulk`, {
      ids: [x.id, y.id, 999999],
      action: 'publish',
    });
    assert.deepEqual(
      bulk.body.results.map((r: { ok: boolean }) => r.ok),
      [true, true, false],
    );
    assert.equal(bulk.body.results[2].error.code, 'NOT_FOUND');
    const published = await call('editor', 'GET', `${API}?q=zebra&status=published`);
    assert.equal(published.body.total, 2);
  });
});
