import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentlyRead } from './recently-read.js';

/** A loader counting its reads, answering the read number, and a clock the test moves. */
function counted(maxAgeMs = 1000) {
  let reads = 0;
  let now = 0;
  const recent = new RecentlyRead(
    async () => ++reads,
    maxAgeMs,
    () => now,
  );
  return { recent, reads: () => reads, advance: (ms: number) => (now += ms) };
}

test('callers within the age share one read; an older answer is read again', async () => {
  const { recent, reads, advance } = counted(1000);
  assert.deepEqual(await Promise.all([recent.get(), recent.get()]), [1, 1]);
  advance(999);
  assert.equal(await recent.get(), 1);
  advance(1);
  assert.equal(await recent.get(), 2);
  assert.equal(reads(), 2);
});

test('forget() makes the next caller read, however recent the answer was', async () => {
  const { recent, reads } = counted(60_000);
  assert.equal(await recent.get(), 1);
  recent.forget();
  assert.equal(await recent.get(), 2);
  assert.equal(reads(), 2);
});

test('a failed read is not kept', async () => {
  let attempt = 0;
  const recent = new RecentlyRead(async () => {
    attempt++;
    if (attempt === 1) throw new Error('database away');
    return 'sections';
  }, 60_000);
  await assert.rejects(recent.get(), /database away/);
  assert.equal(await recent.get(), 'sections');
});
