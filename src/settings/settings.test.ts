import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestSite, type TestSite } from '../../test/support/test-site.js';

let site: TestSite;
before(async () => {
  site = await startTestSite();
});
after(() => site.close());

test('defaults apply until a value is stored, then the stored value wins', async () => {
  const { settings } = site.services;
  assert.equal(await settings.get('postsPerPage'), 10);
  await settings.set('postsPerPage', 25);
  assert.equal(await settings.get('postsPerPage'), 25);
  await settings.set('postsPerPage', 12);
  assert.equal(await settings.get('postsPerPage'), 12);
});

test('a stored value of the wrong type falls back to the default', async () => {
  await site.storage.db
    .insertInto('settings')
    .values({ key: 'commentsOpen', value: '"yes"' })
    .execute();
  assert.equal(await site.services.settings.get('commentsOpen'), true);
});
