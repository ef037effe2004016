import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { scheduleTime } from '../src/newsroom/editor-routes.js';
import { get, post, type StaffSession, staffSession } from './admin-support.js';
import { formatVnuErrors, javaSkip, validateHtml } from './support/html-validator.js';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
let editor: StaffSession;
let contributor: StaffSession;
let categoryId: number;

before(async () => {
  site = await startTestSite();
  editor = await staffSession(site, 'editor');
  contributor = await staffSession(site, 'contributor');
  categoryId = await site.services.taxonomy.createCategory({ name: 'Harbour' });
});
after(() => site.close());

const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location);
const idFrom = (res: { headers: Record<string, unknown> }) =>
  Number(location(res).match(/\/admin\/articles\/(\d+)\/edit\//)?.[1]);

function form(overrides: Record<string, string | string[]> = {}) {
  return {
    headline: 'Harbour reopens after storm',
    dek: 'Ferries run again.',
    slug: '',
    bodyHtml: '<h2>Damage</h2><ul><li>Pier</li></ul><p onclick="x()">Text</p>',
    primaryCategoryId: String(categoryId),
    tags: 'Port, Weather',
    seoTitle: 'Harbour reopens',
    seoDescription: 'The harbour is open.',
    commentStatus: 'closed',
    lang: 'en',
    dir: '',
    featuredImageId: '',
    socialImageId: '',
    intent: 'save',
    authorIds: [String(editor.id)],
    ...overrides,
  };
}

describe('article editor without JavaScript', () => {
  test('the new-article form creates a draft with every field', async () => {
    const page = await get(site, editor, '/admin/articles/new/');
    assert.equal(page.statusCode, 200);
    for (const name of [
      'headline',
      'dek',
      'slug',
      'bodyHtml',
      'primaryCategoryId',
      'categoryIds',
      'tags',
      'authorIds',
      'featuredImageId',
      'socialImageId',
      'seoTitle',
      'seoDescription',
      'commentStatus',
      'lang',
      'dir',
    ]) {
      assert.match(page.body, new RegExp(`name="${name}"`), `field ${name}`);
    }
    assert.doesNotMatch(page.body, /style=/, 'no inline style attributes');
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)/, 'no inline scripts');
    const res = await post(
      site,
      editor,
      '/admin/articles/new/',
      form({ authorIds: [String(editor.id), String(contributor.id)] }),
    );
    assert.equal(res.statusCode, 303, res.body);
    const id = idFrom(res);
    const actor = { id: editor.id, name: 'Editor', role: 'editor' as const };
    const article = await site.services.newsroom.view(actor, id);
    assert.equal(article.status, 'draft');
    assert.equal(article.slug, 'harbour-reopens-after-storm');
    assert.equal(article.bodyHtml, '<h2>Damage</h2><ul><li>Pier</li></ul><p>Text</p>');
    assert.deepEqual(article.tags.map((t) => t.name).sort(), ['Port', 'Weather']);
    assert.deepEqual(
      article.authors.map((a) => a.id),
      [editor.id, contributor.id],
    );
    assert.equal(article.primaryCategoryId, categoryId);
    assert.equal(article.commentStatus, 'closed');
    assert.equal(article.lang, 'en');
    const edit = await get(site, editor, location(res));
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="Harbour reopens after storm"/);
    assert.match(edit.body, /Saved\./);
  });

  test('a refused form comes back with the input and a clear message', async () => {
    const res = await post(
      site,
      editor,
      '/admin/articles/new/',
      form({ headline: '  ', dek: 'Kept dek', featuredImageId: 'abc' }),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Write a headline/);
    assert.match(res.body, /Kept dek/);
    assert.match(res.body, /media library/);
  });

  test('a form without the CSRF token is refused', async () => {
    const res = await post(site, editor, '/admin/articles/new/', form(), { csrf: null });
    assert.equal(res.statusCode, 403);
    const wrong = await post(site, editor, '/admin/articles/new/', form(), {
      csrf: 'x'.repeat(43),
    });
    assert.equal(wrong.statusCode, 403);
  });

  test('schedule, publish, unpublish through the form buttons', async () => {
    const created = await post(
      site,
      editor,
      '/admin/articles/new/',
      form({ headline: 'Schedule me' }),
    );
    const id = idFrom(created);
    const url = `/admin/articles/${id}/edit/`;
    const edit = await get(site, editor, url);
    const base = edit.body.match(/name="baseRevisionId" value="(\d+)"/)?.[1];
    assert.ok(base);
    const at = new Date(site.clock.now.getTime() + 3_600_000);
    // The browser's local time two hours ahead of UTC (getTimezoneOffset() = -120).
    const local = new Date(at.getTime() + 120 * 60_000).toISOString().slice(0, 19);
    const scheduled = await post(
      site,
      editor,
      url,
      form({
        headline: 'Schedule me',
        baseRevisionId: base!,
        intent: 'schedule',
        scheduleAt: local,
        tzOffset: '-120',
      }),
    );
    assert.equal(scheduled.statusCode, 303, scheduled.body);
    const actor = { id: editor.id, name: 'Editor', role: 'editor' as const };
    let article = await site.services.newsroom.view(actor, id);
    assert.equal(article.status, 'scheduled');
    assert.equal(article.publishedAt, `${at.toISOString().slice(0, 19)}.000Z`);
    const page = await get(site, editor, url);
    assert.match(page.body, /Unschedule/);
    const published = await post(
      site,
      editor,
      url,
      form({
        headline: 'Schedule me',
        baseRevisionId: String(article.headRevisionId),
        intent: 'publish',
      }),
    );
    assert.equal(published.statusCode, 303, published.body);
    article = await site.services.newsroom.view(actor, id);
    assert.equal(article.status, 'published');
    const live = await get(site, editor, url);
    assert.match(live.body, /View on the site/);
    assert.match(live.body, /Add a correction/);
    const corrected = await post(site, editor, `/admin/articles/${id}/corrections/`, {
      kind: 'correction',
      text: 'The pier is on the north side.',
    });
    assert.equal(corrected.statusCode, 303);
    assert.equal((await site.services.newsroom.view(actor, id)).corrections.length, 1);
    const unpublished = await post(
      site,
      editor,
      url,
      form({
        headline: 'Schedule me',
        baseRevisionId: String((await site.services.newsroom.view(actor, id)).headRevisionId),
        intent: 'unpublish',
      }),
    );
    assert.equal(unpublished.statusCode, 303, unpublished.body);
    assert.equal((await site.services.newsroom.view(actor, id)).status, 'unpublished');
  });

  test('a stale base revision is a conflict that keeps the text', async () => {
    const created = await post(
      site,
      editor,
      '/admin/articles/new/',
      form({ headline: 'Conflicted' }),
    );
    const id = idFrom(created);
    const actor = { id: editor.id, name: 'Editor', role: 'editor' as const };
    const first = (await site.services.newsroom.view(actor, id)).headRevisionId!;
    await site.services.newsroom.save(actor, id, { dek: 'Someone else' });
    const res = await post(
      site,
      editor,
      `/admin/articles/${id}/edit/`,
      form({ headline: 'Conflicted', dek: 'My words', baseRevisionId: String(first) }),
    );
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /My words/);
    assert.match(res.body, /newer version/);
  });

  test('a contributor can submit but not publish; an editor publishes', async () => {
    const page = await get(site, contributor, '/admin/articles/new/');
    assert.doesNotMatch(page.body, /value="publish"/);
    const created = await post(
      site,
      contributor,
      '/admin/articles/new/',
      form({ headline: 'Contributor story', intent: 'submit', authorIds: [] }),
    );
    assert.equal(created.statusCode, 303, created.body);
    const id = idFrom(created);
    const actor = { id: editor.id, name: 'Editor', role: 'editor' as const };
    assert.equal((await site.services.newsroom.view(actor, id)).status, 'pending');
    const edit = await get(site, contributor, `/admin/articles/${id}/edit/`);
    const base = edit.body.match(/name="baseRevisionId" value="(\d+)"/)![1]!;
    const refused = await post(
      site,
      contributor,
      `/admin/articles/${id}/edit/`,
      form({
        headline: 'Contributor story',
        intent: 'publish',
        baseRevisionId: base,
        authorIds: [String(contributor.id)],
      }),
    );
    assert.equal(refused.statusCode, 403);
    assert.match(refused.body, /not done/);
    assert.equal((await site.services.newsroom.view(actor, id)).status, 'pending');
    const list = await get(site, editor, '/admin/articles/?status=pending');
    assert.match(list.body, /Contributor story/);
    const bulk = await post(site, editor, '/admin/articles/bulk/', {
      ids: [String(id)],
      action: 'publish',
      return: 'status=pending',
    });
    assert.equal(bulk.statusCode, 303);
    assert.match(location(bulk), /status=pending&done=bulk&ok=1&failed=0/);
    assert.equal((await site.services.newsroom.view(actor, id)).status, 'published');
  });

  test('contributors list only their own articles; filters and search narrow the list', async () => {
    const mine = await get(site, contributor, '/admin/articles/');
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /Contributor story/);
    assert.match(mine.body, /Harbour reopens after storm/, 'a co-authored article is theirs too');
    assert.doesNotMatch(mine.body, /Schedule me/);
    const searched = await get(site, editor, '/admin/articles/?q=Schedule');
    assert.match(searched.body, /Schedule me/);
    assert.doesNotMatch(searched.body, /Conflicted/);
    const byCategory = await get(
      site,
      editor,
      `/admin/articles/?category=${categoryId}&status=draft`,
    );
    assert.match(byCategory.body, /Conflicted/);
    assert.doesNotMatch(byCategory.body, /Schedule me/);
    const byAuthor = await get(site, editor, `/admin/articles/?author=${contributor.id}`);
    assert.match(byAuthor.body, /Contributor story/);
    assert.doesNotMatch(byAuthor.body, /Conflicted/);
    const future = await get(site, editor, '/admin/articles/?from=2999-01-01');
    assert.match(future.body, /No articles match/);
    const bad = await get(site, editor, '/admin/articles/?page=0');
    assert.equal(bad.statusCode, 400);
  });

  test('bulk trash needs the CSRF token; refusals are counted, not errors', async () => {
    const created = await post(
      site,
      editor,
      '/admin/articles/new/',
      form({ headline: 'Trash me' }),
    );
    const id = idFrom(created);
    const noToken = await post(
      site,
      editor,
      '/admin/articles/bulk/',
      { ids: [String(id)], action: 'trash' },
      { csrf: null },
    );
    assert.equal(noToken.statusCode, 403);
    const res = await post(site, contributor, '/admin/articles/bulk/', {
      ids: [String(id)],
      action: 'trash',
    });
    assert.equal(res.statusCode, 303);
    assert.match(location(res), /ok=0&failed=1/);
    const done = await post(site, editor, '/admin/articles/bulk/', {
      ids: [String(id)],
      action: 'trash',
    });
    assert.match(location(done), /ok=1/);
    const empty = await post(site, editor, '/admin/articles/bulk/', { action: 'trash' });
    assert.equal(empty.statusCode, 400);
  });

  test('revisions: side-by-side diff and restore', async () => {
    const created = await post(
      site,
      editor,
      '/admin/articles/new/',
      form({ headline: 'First words' }),
    );
    const id = idFrom(created);
    const actor = { id: editor.id, name: 'Editor', role: 'editor' as const };
    const first = (await site.services.newsroom.view(actor, id)).headRevisionId!;
    await post(
      site,
      editor,
      `/admin/articles/${id}/edit/`,
      form({ headline: 'Second words', baseRevisionId: String(first) }),
    );
    const second = (await site.services.newsroom.view(actor, id)).headRevisionId!;
    const edit = await get(site, editor, `/admin/articles/${id}/edit/`);
    assert.match(edit.body, new RegExp(`revisions/\\?from=${first}&amp;to=${second}`));
    const diff = await get(
      site,
      editor,
      `/admin/articles/${id}/revisions/?from=${first}&to=${second}`,
    );
    assert.equal(diff.statusCode, 200);
    assert.match(diff.body, /<del>First<\/del>/);
    assert.match(diff.body, /<ins>Second<\/ins>/);
    const restored = await post(site, editor, `/admin/articles/${id}/revisions/${first}/restore/`);
    assert.equal(restored.statusCode, 303);
    assert.equal((await site.services.newsroom.view(actor, id)).headline, 'First words');
  });

  test('a second person opening the article sees the edit-lock warning', async () => {
    const created = await post(
      site,
      editor,
      '/admin/articles/new/',
      form({ headline: 'Locked story' }),
    );
    const id = idFrom(created);
    const first = await get(site, editor, `/admin/articles/${id}/edit/`);
    assert.doesNotMatch(first.body, /id="edit-lock"/);
    const other = await staffSession(site, 'editor');
    const second = await get(site, other, `/admin/articles/${id}/edit/`);
    assert.match(second.body, /id="edit-lock"/);
    assert.match(second.body, /is editing this article/);
  });

  test('not signed in: pages redirect to the login form', async () => {
    const res = await get(site, undefined, '/admin/articles/');
    assert.equal(res.statusCode, 303);
    assert.match(location(res), /^\/admin\/login\//);
  });

  test('the editor script and stylesheet are served as fingerprinted files', async () => {
    const page = await get(site, editor, '/admin/articles/new/');
    const script = page.body.match(/src="(\/assets\/editor\.[0-9a-f]+\.js)"/)?.[1];
    const css = page.body.match(/href="(\/assets\/editor\.[0-9a-f]+\.css)"/)?.[1];
    assert.ok(script && css);
    const js = await site.app.inject({ url: script });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.ok(js.body.length > 1000);
    assert.equal((await site.app.inject({ url: css })).statusCode, 200);
  });

  test('schedule times: local time with the browser offset, UTC without it', () => {
    assert.equal(scheduleTime('2026-05-01T11:30', '-120'), '2026-05-01T09:30:00.000Z');
    assert.equal(scheduleTime('2026-05-01T11:30:15', ''), '2026-05-01T11:30:15.000Z');
    assert.equal(scheduleTime('tomorrow', '0'), undefined);
  });

  test('the Nu HTML checker finds no errors on the editor screens', {
    skip: javaSkip(),
  }, async () => {
    const created = await post(
      site,
      editor,
      '/admin/articles/new/',
      form({ headline: 'Valid page' }),
    );
    const id = idFrom(created);
    const actor = { id: editor.id, name: 'Editor', role: 'editor' as const };
    const first = (await site.services.newsroom.view(actor, id)).headRevisionId!;
    await post(
      site,
      editor,
      `/admin/articles/${id}/edit/`,
      form({ headline: 'Valid page, edited', baseRevisionId: String(first), intent: 'publish' }),
    );
    const second = (await site.services.newsroom.view(actor, id)).headRevisionId!;
    const refused = await post(site, editor, '/admin/articles/new/', form({ headline: '' }));
    const documents: Record<string, string> = { refused: refused.body };
    const paths = {
      list: '/admin/articles/',
      filtered: `/admin/articles/?status=published&category=${categoryId}&q=Valid`,
      new: '/admin/articles/new/',
      edit: `/admin/articles/${id}/edit/`,
      diff: `/admin/articles/${id}/revisions/?from=${first}&to=${second}`,
    };
    for (const [name, path] of Object.entries(paths)) {
      const res = await get(site, editor, path);
      assert.equal(res.statusCode, 200, path);
      documents[name] = res.body;
    }
    const errors = await validateHtml(documents);
    const count = [...errors.values()].reduce((n, list) => n + list.length, 0);
    assert.equal(count, 0, `Nu HTML checker errors:\n${formatVnuErrors(errors)}`);
  });
});
