import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type CheckedPage, checkedPages } from './support/browser.js';
import { formatVnuErrors, javaSkip, validateHtml } from './support/html-validator.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const skip = javaSkip();
let site: TestSite;
let pages: CheckedPage[];

before(async () => {
  if (skip) return;
  site = await startTestSite({ demo: true });
  pages = await checkedPages(site);
});
after(() => site?.close());

test('the Nu HTML checker finds no errors on the reader pages', { skip }, async () => {
  const documents: Record<string, string> = {};
  for (const page of pages) {
    const res = await site.app.inject(page.path);
    assert.equal(res.statusCode, page.status, `${page.name} ${page.path}`);
    documents[page.name] = res.body;
  }
  const errors = await validateHtml(documents);
  assert.deepEqual([...errors.keys()].sort(), Object.keys(documents).sort());
  const count = [...errors.values()].reduce((n, list) => n + list.length, 0);
  assert.equal(count, 0, `Nu HTML checker errors:\n${formatVnuErrors(errors)}`);
});

test('the Nu HTML checker wrapper reports errors it is shown', { skip }, async () => {
  // Guards the check above against passing because the checker never looked.
  const errors = await validateHtml({
    broken:
      '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><p><div></p></body></html>',
  });
  assert.ok((errors.get('broken') ?? []).length > 0);
});
