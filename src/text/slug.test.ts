import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toSlug, uniqueSlug } from './slug.js';

test('Turkish headlines transliterate to readable ASCII', () => {
  assert.equal(toSlug("Türkiye'nin İstanbul planı"), 'turkiyenin-istanbul-plani');
  assert.equal(toSlug('Kalın'), 'kalin');
  assert.equal(toSlug('Erdoğan'), 'erdogan');
  assert.equal(toSlug('Çağrı Öztürk ŞULE'), 'cagri-ozturk-sule');
  assert.equal(toSlug('Café déjà vu'), 'cafe-deja-vu');
});

test('Arabic titles get a non-empty Latin fallback', () => {
  const slug = toSlug('مهرجان الميناء الثقافي');
  assert.match(slug, /^[a-z0-9-]+$/);
  assert.ok(slug.length > 5);
});

test('empty, numeric-only and overlong inputs give valid slugs', () => {
  assert.equal(toSlug('!!!'), 'untitled');
  assert.equal(toSlug('2026'), 'untitled-2026');
  const long = toSlug('word '.repeat(100));
  assert.ok(long.length <= 120 && !long.endsWith('-'));
});

test('uniqueSlug appends a counter and skips reserved route names', async () => {
  const taken = new Set(['budget', 'budget-2']);
  assert.equal(await uniqueSlug('budget', async (s) => taken.has(s)), 'budget-3');
  assert.equal(await uniqueSlug('category', async () => false), 'category-2');
});
