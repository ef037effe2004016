import assert from 'node:assert/strict';
import { test } from 'node:test';
import { articlePath, periodBounds } from './permalink.js';

test('post permalinks use the date in the site time zone', () => {
  const post = { type: 'post', slug: 'ferry', publishedAt: '2026-05-03T22:30:00.000Z' };
  assert.equal(articlePath(post, 'UTC'), '/2026/05/03/ferry/');
  assert.equal(articlePath(post, 'Europe/Istanbul'), '/2026/05/04/ferry/');
  assert.equal(articlePath({ type: 'page', slug: 'about', publishedAt: null }, 'UTC'), '/about/');
});

test('period bounds cover local calendar periods', () => {
  assert.deepEqual(periodBounds('UTC', 2026, 2), {
    from: '2026-02-01T00:00:00.000Z',
    to: '2026-03-01T00:00:00.000Z',
  });
  assert.deepEqual(periodBounds('Europe/Istanbul', 2026), {
    from: '2025-12-31T21:00:00.000Z',
    to: '2026-12-31T21:00:00.000Z',
  });
  assert.equal(periodBounds('UTC', 2026, 12).to, '2027-01-01T00:00:00.000Z');
});
