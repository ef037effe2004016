import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import { photo } from './media-support.js';
import { startTestSite, type TestSite } from './support/test-site.js';

// The alt-text rule in the publishing workflow, over HTTP: the JSON API, bulk, the embargo path
// and the editor form.

const PASSWORD = 'a long newsroom password';
const ORIGIN = 'http://newsdesk.test';
const API = '/admin/api/articles';

let site: TestSite;
let editor: { id: number; token: string; csrf: string };

before(async () => {
  site = await startTestSite({ now: new Date(Math.floor(Date.now() / 1000) * 1000) });
  const email = 'alt-editor@newsroom.example';
  const id = await site.services.taxonomy.createAuthor({
    name: 'Alt Editor',
    email,
    role: 'editor',
  });
  await site.services.accounts.setPassword(id, PASSWORD);
  const login = await site.services.accounts.login(email, PASSWORD, '127.0.0.1');
  assert.ok(login.ok);
  editor = { id, token: login.token, csrf: login.session.csrfToken };
});
after(() => site.close());

async function call(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const res = await site.app.inject({
    method,
    url,
    headers: {
      origin: ORIGIN,
      'x-csrf-token': editor.csrf,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    cookies: { [SESSION_COOKIE]: editor.token },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

let seed = 100;
async function image(alt: string) {
  const { item } = await site.services.media.upload({
    bytes: await photo('png', 320, 200, seed++),
    alt,
  });
  return { id: item.id, src: `/media/${item.path}` };
}

async function draft(fields: object) {
  const r = await call('POST', API, { headline: `Story ${seed++}`, ...fields });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.article as { id: number; headRevisionId: number };
}

const statusOf = async (id: number) => (await call('GET', `${API}/${id}`)).body.article.status;
const transition = (id: number, action: string, at?: string) =>
  call('POST', `${API}/${id}/transitions`, { action, ...(at ? { at } : {}) });
const inAnHour = () => new Date(site.clock.now.getTime() + 3_600_000).toISOString();

describe('alt text is required to publish', () => {
  test('a body image without alt: 400 naming it, the draft stays; with alt text it publishes', async () => {
    const bare = await image('');
    const bodyHtml = `<p>Text.</p><figure><img src="${bare.src}"><figcaption>Pier</figcaption></figure>`;
    // Saving a draft with it is allowed.
    const a = await draft({ bodyHtml });
    const refused = await transition(a.id, 'publish');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'VALIDATION_FAILED');
    assert.equal(
      refused.body.error.message,
      `Add alt text to the image before publishing: ${bare.src}.`,
    );
    assert.deepEqual(refused.body.error.missingAltText, [
      { where: 'body', mediaId: bare.id, src: bare.src },
    ]);
    assert.equal(await statusOf(a.id), 'draft');
    // Scheduling is publishing later: refused the same way.
    const scheduled = await transition(a.id, 'schedule', inAnHour());
    assert.equal(scheduled.status, 400);
    assert.equal(scheduled.body.error.code, 'VALIDATION_FAILED');
    assert.equal(await statusOf(a.id), 'draft');

    const saved = await call('PUT', `${API}/${a.id}`, {
      bodyHtml: bodyHtml.replace('<img ', '<img alt="Fishing boats at the pier" '),
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const published = await transition(a.id, 'publish');
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.article.status, 'published');
  });

  test('a featured image without alt text blocks publishing until the library item has it', async () => {
    const featured = await image('');
    const a = await draft({ bodyHtml: '<p>No body images.</p>', featuredImageId: featured.id });
    const refused = await transition(a.id, 'publish');
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /the featured image/);
    assert.deepEqual(refused.body.error.missingAltText, [
      { where: 'featured', mediaId: featured.id, src: featured.src },
    ]);
    assert.equal(await statusOf(a.id), 'draft');
    await site.services.media.updateText(featured.id, { alt: 'The new lighthouse' });
    assert.equal((await transition(a.id, 'schedule', inAnHour())).status, 200);
    assert.equal(await statusOf(a.id), 'scheduled');
  });

  test('bulk publish reports the refusal per article and publishes the rest', async () => {
    const bare = await image('');
    const blocked = await draft({ bodyHtml: `<p><img src="${bare.src}" alt=""></p>` });
    const fine = await draft({ bodyHtml: '<p>Words only.</p>' });
    const r = await call('POST', `${API}/bulk`, { ids: [blocked.id, fine.id], action: 'publish' });
    assert.equal(r.status, 200);
    assert.equal(r.body.results[0].ok, false);
    assert.equal(r.body.results[0].error.code, 'VALIDATION_FAILED');
    assert.match(r.body.results[0].error.message, /Add alt text/);
    assert.deepEqual(r.body.results[1], { id: fine.id, ok: true, status: 'published' });
    assert.equal(await statusOf(blocked.id), 'draft');
  });

  test('publishing under embargo (a schedule at the release) is refused too', async () => {
    const bare = await image('');
    const a = await draft({ featuredImageId: bare.id });
    const embargo = await call('POST', `${API}/${a.id}/embargo`, { until: inAnHour() });
    assert.equal(embargo.status, 200);
    const refused = await transition(a.id, 'publish');
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'VALIDATION_FAILED');
    assert.equal(await statusOf(a.id), 'draft');
  });

  test('the scheduler still releases an article scheduled before the rule', async () => {
    const bare = await image('');
    const a = await draft({ bodyHtml: `<p><img src="${bare.src}" alt=""></p>` });
    // Scheduled directly in storage, as an article scheduled before the rule existed was.
    const due = new Date(site.clock.now.getTime() + 60_000);
    await site.storage.db
      .updateTable('articles')
      .set({ status: 'scheduled', published_at: due.toISOString() })
      .where('id', '=', a.id)
      .execute();
    const saved = site.clock.now;
    site.clock.now = new Date(due.getTime() + 1000);
    try {
      const released = await site.services.newsroom.releaseDue();
      assert.deepEqual(released.published, [a.id]);
    } finally {
      site.clock.now = saved;
    }
    assert.equal(await statusOf(a.id), 'published');
  });

  test('the editor form keeps the text and says plainly what is missing', async () => {
    const bare = await image('');
    const a = await draft({});
    const bodyHtml = `<p>Typed in the editor.</p><p><img src="${bare.src}"></p>`;
    const res = await site.app.inject({
      method: 'POST',
      url: `/admin/articles/${a.id}/edit/`,
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      cookies: { [SESSION_COOKIE]: editor.token },
      payload: new URLSearchParams({
        _csrf: editor.csrf,
        headline: 'Form story',
        bodyHtml,
        authorIds: String(editor.id),
        baseRevisionId: String(a.headRevisionId),
        intent: 'publish',
      }).toString(),
    });
    assert.equal(res.statusCode, 400);
    assert.match(
      res.body,
      new RegExp(`Saved, but not done: Add alt text to the image before publishing: ${bare.src}`),
    );
    assert.match(res.body, /Typed in the editor\./);
    assert.equal(await statusOf(a.id), 'draft');
  });
});
