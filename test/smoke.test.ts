import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
before(async () => {
  site = await startTestSite({ demo: true });
});
after(() => site.close());

test('the home page lists demo stories', async () => {
  const res = await site.app.inject('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<h1[^>]*>The Harbour Gazette<\/h1>/);
  assert.ok((res.body.match(/class="card /g) ?? []).length >= 10);
});
