import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNotModified, strongEtag } from './conditional-get.js';

const etag = strongEtag('<rss/>');
const lastModified = new Date('2026-05-01T09:30:15.400Z');

test('the ETag is strong and follows the bytes', () => {
  assert.match(etag, /^"[^"W]/);
  assert.equal(strongEtag('<rss/>'), etag);
  assert.notEqual(strongEtag('<rss />'), etag);
});

test('If-None-Match: weak comparison, lists and *', () => {
  assert.equal(isNotModified({ ifNoneMatch: etag }, { etag }), true);
  assert.equal(isNotModified({ ifNoneMatch: `W/${etag}` }, { etag }), true);
  assert.equal(isNotModified({ ifNoneMatch: `"a", ${etag}` }, { etag }), true);
  assert.equal(isNotModified({ ifNoneMatch: '*' }, { etag }), true);
  assert.equal(isNotModified({ ifNoneMatch: '"a"' }, { etag }), false);
});

test('If-Modified-Since at whole-second precision, ignored when If-None-Match is sent', () => {
  const header = lastModified.toUTCString();
  assert.equal(isNotModified({ ifModifiedSince: header }, { etag, lastModified }), true);
  const before = new Date(lastModified.getTime() - 1000).toUTCString();
  assert.equal(isNotModified({ ifModifiedSince: before }, { etag, lastModified }), false);
  assert.equal(isNotModified({ ifModifiedSince: 'yesterday' }, { etag, lastModified }), false);
  assert.equal(isNotModified({ ifModifiedSince: header }, { etag }), false);
  assert.equal(
    isNotModified({ ifNoneMatch: '"a"', ifModifiedSince: header }, { etag, lastModified }),
    false,
  );
});
