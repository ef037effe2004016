import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  attachmentMetadata,
  isoToWpLocal,
  originalOfResized,
  pathVariants,
  safeUploadPath,
  slugFromWordpress,
  wpDate,
  wpGmtToIso,
  wpLocalToIso,
  zonedToUtc,
} from './wordpress-values.js';

test('WordPress dates: GMT when set, local time in the site zone otherwise', () => {
  assert.equal(wpGmtToIso('2024-03-14 10:30:00'), '2024-03-14T10:30:00.000Z');
  assert.equal(wpGmtToIso('0000-00-00 00:00:00'), undefined);
  assert.equal(wpGmtToIso('yesterday'), undefined);
  assert.equal(wpLocalToIso('2024-06-09 18:45:00', 'Europe/London'), '2024-06-09T17:45:00.000Z');
  assert.equal(wpLocalToIso('2024-01-09 18:45:00', 'Europe/Istanbul'), '2024-01-09T15:45:00.000Z');
  assert.equal(
    wpDate('0000-00-00 00:00:00', '2024-12-01 09:00:00', 'America/New_York'),
    '2024-12-01T14:00:00.000Z',
  );
  assert.equal(isoToWpLocal('2024-06-09T17:45:00.000Z', 'Europe/London'), '2024-06-09 18:45:00');
});

test('wall-clock times either side of a daylight-saving change', () => {
  // London: 31 March 2024 01:00 UTC the clocks go forward; 27 October 01:00 UTC back.
  assert.equal(
    zonedToUtc(2024, 3, 31, 0, 30, 0, 'Europe/London').toISOString(),
    '2024-03-31T00:30:00.000Z',
  );
  assert.equal(
    zonedToUtc(2024, 3, 31, 3, 0, 0, 'Europe/London').toISOString(),
    '2024-03-31T02:00:00.000Z',
  );
  assert.equal(
    zonedToUtc(2024, 10, 27, 3, 0, 0, 'Europe/London').toISOString(),
    '2024-10-27T03:00:00.000Z',
  );
});

test('WordPress slugs are kept when they are already good Newsdesk slugs', () => {
  assert.equal(slugFromWordpress('town-hall', 'Town Hall', 'section'), 'town-hall');
  assert.equal(slugFromWordpress('%d8%ab%d9%82%d8%a7%d9%81%d8%a9', 'ثقافة', 'section'), 'thqaft');
  assert.equal(slugFromWordpress('', "İstanbul'dan haber", 'untitled'), 'istanbuldan-haber');
  assert.equal(slugFromWordpress('2024', 'Twenty', 'section'), 'section-2024');
});

test('upload paths cannot climb out of the uploads folder', () => {
  assert.equal(safeUploadPath('2024/03/a.jpg'), '2024/03/a.jpg');
  assert.equal(safeUploadPath('2024/03/caf%C3%A9.jpg'), '2024/03/café.jpg');
  for (const bad of [
    '../etc/passwd',
    '/etc/passwd',
    '2024/../../x',
    'a\\b',
    'a//b',
    '%2e%2e/x',
    'a\u0000b',
  ]) {
    assert.equal(safeUploadPath(bad), undefined, bad);
  }
  assert.equal(originalOfResized('2024/03/photo-1024x683.jpg'), '2024/03/photo.jpg');
});

test('paths are looked up in every form a browser may send', () => {
  assert.deepEqual(pathVariants('/%d9%85/'), ['/%d9%85/', '/%D9%85/', '/م/']);
});

test('attachment size and credit are read from the serialized metadata without unserializing it', () => {
  assert.deepEqual(
    attachmentMetadata(
      'a:3:{s:5:"width";i:1200;s:6:"height";i:800;s:10:"image_meta";a:1:{s:6:"credit";s:3:"Ann";}}',
    ),
    { width: 1200, height: 800, credit: 'Ann' },
  );
  assert.deepEqual(attachmentMetadata(undefined), { width: 0, height: 0, credit: '' });
});
