import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLocale } from './i18n.js';
import { en } from './messages-en.js';
import { tr } from './messages-tr.js';

test('every catalog has every key, with the same parameters', () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(params(tr[key]), params(en[key]), key);
  }
});

test('parameters are filled and dates follow the locale and time zone', () => {
  const english = createLocale('en', 'UTC');
  assert.equal(english.t('moreFrom', { category: 'Sport' }), 'More from Sport');
  assert.equal(english.formatDate('2026-05-03T23:30:00Z'), '3 May 2026');
  const turkish = createLocale('tr', 'Europe/Istanbul');
  assert.equal(turkish.formatDate('2026-05-03T23:30:00Z'), '4 Mayıs 2026');
  assert.equal(turkish.t('commentCount', { count: 3 }), '3 yorum');
});
