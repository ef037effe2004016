import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import type { ArticleChange } from '../src/newsroom/article-events.js';
import { get, post, type StaffSession, staffSession } from './admin-support.js';
import { photo } from './media-support.js';
import { formatVnuErrors, javaSkip, validateHtml } from './support/html-validator.js';
import { startTestSite, type TestSite } from './support/test-site.js';

// Edits of a live (published or scheduled) article over HTTP: autosaves are kept aside until an
// explicit Update, offered back on reopening, discardable; the alt-text rule on live edits.

const ORIGIN = 'http://newsdesk.test';
const API = '/admin/api/articles';

let site: TestSite;
let editor: StaffSession;
let editor2: StaffSession;
const changes: ArticleChange[] = [];

before(async () => {
  site = await startTestSite({ now: new Date(Math.floor(Date.now() / 1000) * 1000) });
  editor = await staffSession(site, 'editor');
  editor2 = await staffSession(site, 'editor');
  site.services.articleEvents.on('changed', (c) => {
    changes.push(c);
  });
});
after(() => site.close());

async function call(
  who: StaffSession,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
) {
  const res = await site.app.inject({
    method,
    url,
    headers: {
      origin: ORIGIN,
      'x-csrf-token': who.csrf,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    cookies: { [SESSION_COOKIE]: who.token },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

let n = 0;
async function published(fields: object = {}) {
  const made = await call(editor, 'POST', API, {
    headline: `Live story ${++n}`,
    bodyHtml: '<p>What is live.</p>',
    ...fields,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.article.id as number;
  const pub = await call(editor, 'POST', `${API}/${id}/transitions`, { action: 'publish' });
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  site.clock.now = new Date(site.clock.now.getTime() + 1000);
  return pub.body.article as { id: number; headRevisionId: number; publicPath: string };
}

const autosave = (who: StaffSession, id: number, base: number, saveId: string, fields: object) =>
  call(who, 'POST', `${API}/${id}/autosave`, {
    baseRevisionId: base,
    clientSaveId: saveId,
    fields,
  });

async function publicViews(a: { id: number; publicPath: string }) {
  const page = await site.app.inject(a.publicPath);
  assert.equal(page.statusCode, 200);
  const api = await site.app.inject(`/api/v1/articles/${a.id}`);
  assert.equal(api.statusCode, 200);
  return `${page.body}\n${api.body}`;
}

describe('autosave of a live article', () => {
  test('is kept aside: the page, the API and the article stay, no change event; Update makes it live', async () => {
    const a = await published();
    assert.match(await publicViews(a), /What is live\./);
    const eventsBefore = changes.length;

    const saved = await autosave(editor, a.id, a.headRevisionId, 'live-1', {
      bodyHtml: '<p>Half-typed sent</p>',
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.pending, true);
    assert.equal(saved.body.duplicate, false);
    assert.equal(saved.body.revision.kind, 'autosave');
    assert.equal(saved.body.article.headRevisionId, a.headRevisionId, 'the head stays');
    assert.equal(saved.body.article.bodyHtml, '<p>What is live.</p>');
    // The same client save id again: the same revision, nothing new.
    const again = await autosave(editor, a.id, a.headRevisionId, 'live-1', {
      bodyHtml: '<p>Half-typed sent</p>',
    });
    assert.equal(again.body.duplicate, true);
    assert.equal(again.body.pending, true);
    assert.equal(again.body.revision.id, saved.body.revision.id);
    // A second autosave on the same base (the head did not move) is fine too.
    const more = await autosave(editor, a.id, a.headRevisionId, 'live-2', {
      bodyHtml: '<p>Half-typed sentence, now whole.</p>',
    });
    assert.equal(more.status, 200);

    assert.equal(changes.length, eventsBefore, 'no article-changed event (no purge, no reindex)');
    const views = await publicViews(a);
    assert.match(views, /What is live\./);
    assert.doesNotMatch(views, /Half-typed/);
    const stored = await call(editor, 'GET', `${API}/${a.id}/revisions/${more.body.revision.id}`);
    assert.equal(stored.status, 200);
    assert.equal(stored.body.fields.bodyHtml, '<p>Half-typed sentence, now whole.</p>');

    // Update (an explicit save) publishes at once, and the pending draft is gone.
    const update = await call(editor, 'PUT', `${API}/${a.id}`, {
      bodyHtml: '<p>Half-typed sentence, now whole.</p>',
      baseRevisionId: a.headRevisionId,
    });
    assert.equal(update.status, 200, JSON.stringify(update.body));
    assert.equal(changes.at(-1)?.reason, 'saved');
    site.clock.now = new Date(site.clock.now.getTime() + 1000);
    assert.match(await publicViews(a), /Half-typed sentence, now whole\./);
    const edit = await get(site, editor, `/admin/articles/${a.id}/edit/`);
    assert.doesNotMatch(edit.body, /id="pending-changes"/);
  });

  test('keeps the 409 when someone else updated the live article meanwhile', async () => {
    const a = await published();
    const other = await call(editor2, 'PUT', `${API}/${a.id}`, { dek: 'Editor two was here' });
    assert.equal(other.status, 200);
    const late = await autosave(editor, a.id, a.headRevisionId, 'late-1', { dek: 'Mine' });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.currentRevision.id, other.body.revision.id);
  });

  test('a scheduled article is kept aside too; a draft autosave still writes the article', async () => {
    const made = await call(editor, 'POST', API, { headline: 'Scheduled story' });
    const id = made.body.article.id as number;
    const at = new Date(site.clock.now.getTime() + 3_600_000).toISOString();
    const sched = await call(editor, 'POST', `${API}/${id}/transitions`, {
      action: 'schedule',
      at,
    });
    assert.equal(sched.status, 200);
    const kept = await autosave(editor, id, sched.body.article.headRevisionId, 'sched-1', {
      headline: 'Scheduled story, half',
    });
    assert.equal(kept.body.pending, true);
    assert.equal(kept.body.article.headline, 'Scheduled story');

    const d = await call(editor, 'POST', API, { headline: 'Plain draft' });
    const events = changes.length;
    const written = await autosave(
      editor,
      d.body.article.id,
      d.body.article.headRevisionId,
      'd-1',
      {
        headline: 'Plain draft, edited',
      },
    );
    assert.equal(written.status, 200);
    assert.equal(written.body.pending, false);
    assert.equal(written.body.article.headline, 'Plain draft, edited');
    assert.equal(written.body.article.headRevisionId, written.body.revision.id);
    assert.equal(changes.length, events + 1);
    assert.equal(changes.at(-1)?.reason, 'autosaved');
  });
});

describe('pending changes over the JSON API', () => {
  test("GET reports the caller's own pending autosave; DELETE discards it and the live article stays", async () => {
    const a = await published();
    const none = await call(editor, 'GET', `${API}/${a.id}`);
    assert.equal(none.status, 200);
    assert.equal(none.body.pendingAutosave, null);

    await autosave(editor, a.id, a.headRevisionId, 'api-1', { dek: 'First thought' });
    const newest = await autosave(editor, a.id, a.headRevisionId, 'api-2', {
      dek: 'Second thought',
    });
    const mine = await call(editor, 'GET', `${API}/${a.id}`);
    assert.equal(mine.body.pendingAutosave.revision.id, newest.body.revision.id, 'the newest');
    assert.equal(mine.body.pendingAutosave.revision.kind, 'autosave');
    assert.equal(mine.body.pendingAutosave.fields.dek, 'Second thought');
    assert.equal(mine.body.article.dek, '', 'the article itself is the live one');
    // Someone else's pending changes are theirs alone.
    assert.equal((await call(editor2, 'GET', `${API}/${a.id}`)).body.pendingAutosave, null);

    const discarded = await call(editor, 'DELETE', `${API}/${a.id}/autosave`);
    assert.equal(discarded.status, 200, JSON.stringify(discarded.body));
    assert.deepEqual(discarded.body, { discarded: true });
    const after = await call(editor, 'GET', `${API}/${a.id}`);
    assert.equal(after.body.pendingAutosave, null);
    assert.equal(after.body.article.headRevisionId, a.headRevisionId);
    const views = await publicViews(a);
    assert.match(views, /What is live\./);
    assert.doesNotMatch(views, /thought/);
  });
});

describe('the editor offers pending changes back (no JavaScript)', () => {
  test('reopening shows them with a notice; another editor does not see them; discard drops them', async () => {
    const a = await published({ headline: 'Harbour opens' });
    await autosave(editor, a.id, a.headRevisionId, 'reopen-1', { headline: 'Harbour opens agai' });

    const mine = await get(site, editor, `/admin/articles/${a.id}/edit/`);
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /id="pending-changes"/);
    assert.match(mine.body, /not live until you press Update/);
    assert.match(mine.body, /value="Harbour opens agai"/);
    assert.match(mine.body, />Update</);
    assert.match(mine.body, new RegExp(`name="baseRevisionId" value="${a.headRevisionId}"`));
    assert.match(mine.body, new RegExp(`action="/admin/articles/${a.id}/autosave/discard/"`));

    if (!javaSkip()) {
      const errors = await validateHtml({ 'pending changes': mine.body });
      const count = [...errors.values()].reduce((n, list) => n + list.length, 0);
      assert.equal(count, 0, `Nu HTML checker errors:\n${formatVnuErrors(errors)}`);
    }

    const theirs = await get(site, editor2, `/admin/articles/${a.id}/edit/`);
    assert.doesNotMatch(theirs.body, /id="pending-changes"/);
    assert.match(theirs.body, /value="Harbour opens"/);

    const refused = await post(
      site,
      editor,
      `/admin/articles/${a.id}/autosave/discard/`,
      {},
      {
        csrf: null,
      },
    );
    assert.equal(refused.statusCode, 403);
    const discarded = await post(site, editor, `/admin/articles/${a.id}/autosave/discard/`);
    assert.equal(discarded.statusCode, 303);
    const back = await get(site, editor, String(discarded.headers.location));
    assert.doesNotMatch(back.body, /id="pending-changes"/);
    assert.match(back.body, /were discarded/);
    assert.match(back.body, /value="Harbour opens"/);
    assert.match(await publicViews(a), /Harbour opens/);
  });

  test('the Update button saves the pending changes live', async () => {
    const a = await published({ headline: 'Ferry resumes' });
    await autosave(editor, a.id, a.headRevisionId, 'form-1', { headline: 'Ferry resumes today' });
    const res = await post(site, editor, `/admin/articles/${a.id}/edit/`, {
      headline: 'Ferry resumes today',
      bodyHtml: '<p>What is live.</p>',
      authorIds: [String(editor.id)],
      baseRevisionId: String(a.headRevisionId),
      intent: 'save',
    });
    assert.equal(res.statusCode, 303, res.body);
    site.clock.now = new Date(site.clock.now.getTime() + 1000);
    assert.match(await publicViews(a), /Ferry resumes today/);
    const edit = await get(site, editor, `/admin/articles/${a.id}/edit/`);
    assert.doesNotMatch(edit.body, /id="pending-changes"/);
  });
});

describe('alt text on live edits', () => {
  let seed = 300;
  async function image(alt: string) {
    const { item } = await site.services.media.upload({
      bytes: await photo('png', 320, 200, seed++),
      alt,
    });
    return { id: item.id, src: `/media/${item.path}` };
  }

  test('adding an image without alt text to a live article is refused; a typo fix next to an old one is not', async () => {
    const old = await image('');
    const a = await published();
    const body = `<p>Teh harbour.</p><img src="${old.src}">`;
    // Adding the alt-less image to a live article: refused with the publishing message.
    const added = await call(editor, 'PUT', `${API}/${a.id}`, { bodyHtml: body });
    assert.equal(added.status, 400);
    assert.equal(
      added.body.error.message,
      `Add alt text to the image before publishing: ${old.src}.`,
    );
    assert.equal(added.body.error.missingAltText[0].src, old.src);
    assert.doesNotMatch(await publicViews(a), /Teh harbour/);
    // An article published before the rule with that image: published directly in storage.
    const legacy = await call(editor, 'POST', API, { headline: 'Legacy story', bodyHtml: body });
    await site.storage.db
      .updateTable('articles')
      .set({ status: 'published', published_at: site.clock.now.toISOString() })
      .where('id', '=', legacy.body.article.id)
      .execute();
    const fix = await call(editor, 'PUT', `${API}/${legacy.body.article.id}`, {
      bodyHtml: body.replace('Teh', 'The'),
    });
    assert.equal(fix.status, 200, JSON.stringify(fix.body));

    // A new featured image without alt: refused; with alt text: fine.
    const bare = await image('');
    const featured = await call(editor, 'PUT', `${API}/${legacy.body.article.id}`, {
      featuredImageId: bare.id,
    });
    assert.equal(featured.status, 400);
    assert.equal(
      featured.body.error.message,
      'Add alt text to the image before publishing: the featured image.',
    );
    const good = await image('Boats in the harbour');
    const ok = await call(editor, 'PUT', `${API}/${legacy.body.article.id}`, {
      featuredImageId: good.id,
      bodyHtml: `${body.replace('Teh', 'The')}<img src="${good.src}" alt="Boats">`,
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));

    // The editor form says the same, and keeps the text.
    const form = await post(site, editor, `/admin/articles/${a.id}/edit/`, {
      headline: 'Live story',
      bodyHtml: `<p>Keep me.</p><img src="${bare.src}">`,
      authorIds: [String(editor.id)],
      intent: 'save',
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /Add alt text to the image before publishing/);
    assert.match(form.body, /Keep me\./);
    // An autosave is not refused: it does not go live.
    const kept = await autosave(editor, a.id, a.headRevisionId, 'alt-1', {
      bodyHtml: `<img src="${bare.src}">`,
    });
    assert.equal(kept.status, 200);
  });
});
