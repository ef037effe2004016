import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentlyRead, RecentlyReadByKey } from './recently-read.js';

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

test('by key: each key is read once within the age, and forget() drops every key', async () => {
  let now = 0;
  const reads: string[] = [];
  const recent = new RecentlyReadByKey<string>(1000, 10, () => now);
  const load = (key: string) => async () => {
    reads.push(key);
    return `${key}#${reads.length}`;
  };
  assert.equal(await recent.get('news', load('news')), 'news#1');
  assert.equal(await recent.get('sport', load('sport')), 'sport#2');
  assert.equal(await recent.get('news', load('news')), 'news#1');
  now = 1000;
  assert.equal(await recent.get('news', load('news')), 'news#3');
  recent.forget();
  assert.equal(await recent.get('sport', load('sport')), 'sport#4');
  assert.deepEqual(reads, ['news', 'sport', 'news', 'sport']);
});

test('by key: the oldest key goes first past the limit, and a read forget() overtook is not kept', async () => {
  const recent = new RecentlyReadByKey<number>(60_000, 2);
  let reads = 0;
  const load = async () => ++reads;
  await recent.get('a', load);
  await recent.get('b', load);
  await recent.get('c', load);
  assert.equal(await recent.get('b', load), 2);
  assert.equal(await recent.get('a', load), 4, 'a was dropped for c');
  let release!: (n: number) => void;
  const slow = recent.get('d', () => new Promise<number>((resolve) => (release = resolve)));
  recent.forget();
  release(-1);
  assert.equal(await slow, -1);
  assert.equal(await recent.get('d', load), 5, 'the overtaken read was not kept');
});

test('by key: a failed read is not kept', async () => {
  const recent = new RecentlyReadByKey<string>(60_000, 10);
  await assert.rejects(
    recent.get('news', async () => {
      throw new Error('database away');
    }),
    /database away/,
  );
  assert.equal(await recent.get('news', async () => 'lists'), 'lists');
});

test('by key: an answer read at a later time is not reused after the clock goes back', async () => {
  let now = 5000;
  let reads = 0;
  const recent = new RecentlyReadByKey<number>(1000, 10, () => now);
  const load = async () => ++reads;
  assert.equal(await recent.get('home', load), 1);
  now = 4500;
  assert.equal(await recent.get('home', load), 2);
});
