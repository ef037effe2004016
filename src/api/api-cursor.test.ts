import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../http/app-error.js';
import { decodeCursor, encodeCursor, parseId } from './api-cursor.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

test('a cursor round-trips and is URL-safe', () => {
  const position = { publishedAt: '2026-05-01T09:30:00.000Z', id: 42 };
  const cursor = encodeCursor(position);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(cursor), position);
});

test('anything but a cursor we issue is VALIDATION_FAILED', () => {
  for (const raw of [
    'zzz',
    '',
    encode({}),
    encode([]),
    encode(['2026-05-01T09:30:00.000Z']),
    encode(['yesterday', 1]),
    encode(['2026-13-01T09:30:00.000Z', 1]),
    encode(['2026-05-01T09:30:00.000Z', 0]),
    encode(['2026-05-01T09:30:00.000Z', 1.5]),
    encode(['2026-05-01T09:30:00.000Z', '1']),
    encode(['2026-05-01T09:30:00.000Z', 2 ** 31]),
    encode([1, '2026-05-01T09:30:00.000Z']),
  ]) {
    assert.throws(
      () => decodeCursor(raw),
      (e) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
      raw,
    );
  }
});

test('ids are positive 32-bit integers', () => {
  assert.equal(parseId('1'), 1);
  assert.equal(parseId('2147483647'), 2147483647);
  for (const raw of ['0', '007', '-1', '1.5', '2147483648', '99999999999', 'abc', '']) {
    assert.equal(parseId(raw), undefined, raw);
  }
});
