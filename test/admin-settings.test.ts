import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { settingDefaults } from '../src/settings/settings.js';
import { formValuesOf, settingFields } from '../src/settings/settings-form.js';
import { get, post, type StaffSession, staffSession } from './admin-support.js';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
let admin: StaffSession;
let editor: StaffSession;

before(async () => {
  site = await startTestSite({ demo: true });
  admin = await staffSession(site, 'administrator');
  editor = await staffSession(site, 'editor');
});
after(() => site.close());

/** The form as the browser sends it for the current settings, with `changes` applied. */
async function formWith(changes: Record<string, string | undefined>) {
  const values = formValuesOf(await site.services.settings.all());
  const fields: Record<string, string> = {};
  for (const f of settingFields) {
    const v = f.key in changes ? changes[f.key] : values[f.key];
    // An unticked checkbox is not sent at all.
    if (v !== undefined && !(f.kind === 'bool' && v === '')) fields[f.key] = v;
  }
  return fields;
}

describe('site settings', () => {
  test('the form shows every setting with its current value', async () => {
    const res = await get(site, admin, '/admin/settings/');
    assert.equal(res.statusCode, 200);
    for (const f of settingFields) assert.match(res.body, new RegExp(`name="${f.key}"`));
    assert.match(
      res.body,
      new RegExp(`name="postsPerPage" type="text"[^>]*value="${settingDefaults.postsPerPage}"`),
    );
    assert.match(res.body, /<legend>Comments<\/legend>/);
  });

  test('valid values are saved, typed and used by the site (name, stories per page, word lists)', async () => {
    const res = await post(
      site,
      admin,
      '/admin/settings/',
      await formWith({
        siteName: 'The Estuary Courier',
        postsPerPage: '3',
        commentsOpen: '',
        commentHeldWords: 'refund\n  casino  \n\nrefund',
        commentOrder: 'newest',
      }),
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/settings/?done=saved');
    const s = await site.services.settings.all();
    assert.equal(s.postsPerPage, 3);
    assert.equal(s.commentsOpen, false);
    assert.deepEqual(s.commentHeldWords, ['refund', 'casino']);
    assert.equal(s.commentOrder, 'newest');
    assert.equal(s.siteName, 'The Estuary Courier');
    const home = await site.app.inject('/');
    assert.match(home.body, /<title>[^<]*The Estuary Courier/);
    const again = await get(site, admin, '/admin/settings/?done=saved');
    assert.match(again.body, /Settings saved\./);
    assert.match(again.body, /refund\ncasino<\/textarea>/);
  });

  test('bad values re-show the form with every error and what was typed, and change nothing', async () => {
    const before = await site.services.settings.all();
    const res = await post(
      site,
      admin,
      '/admin/settings/',
      await formWith({
        postsPerPage: 'twelve',
        commentMaxLinks: '-4',
        commentOrder: 'random',
        commentMaxDepth: '2',
        commentVisibleDepth: '3',
      }),
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /value="twelve"/);
    assert.match(res.body, /value="-4"/);
    assert.match(res.body, /Enter a whole number\./);
    assert.match(res.body, /Enter a number from 0 to 50\./);
    assert.match(res.body, /Choose one of: oldest, newest\./);
    assert.match(res.body, /Cannot be more than the deepest reply level\./);
    assert.match(res.body, /aria-invalid="true"/);
    assert.match(res.body, /href="#field-postsPerPage"/);
    assert.deepEqual(await site.services.settings.all(), before);
  });

  test('a hostile body (unknown keys, huge values, arrays) is a clear 4xx, never a 500', async () => {
    const fields = await formWith({});
    const res = await post(site, admin, '/admin/settings/', {
      ...fields,
      secret: 'overwrite-attempt',
      postsPerPage: ['5', '6'],
    });
    assert.ok(res.statusCode === 303 || res.statusCode === 400, String(res.statusCode));
    const stored = await site.storage.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'secret')
      .executeTakeFirst();
    assert.notEqual(stored?.value, JSON.stringify('overwrite-attempt'));
    const huge = await post(site, admin, '/admin/settings/', {
      ...fields,
      siteDescription: 'x'.repeat(200_000),
    });
    assert.ok([400, 413].includes(huge.statusCode), String(huge.statusCode));
  });

  test('only administrators may change settings', async () => {
    assert.equal((await get(site, editor, '/admin/settings/')).statusCode, 403);
    const res = await post(site, editor, '/admin/settings/', await formWith({ postsPerPage: '7' }));
    assert.equal(res.statusCode, 403);
    assert.notEqual((await site.services.settings.all()).postsPerPage, 7);
  });
});
