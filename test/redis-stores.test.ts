import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { BusCommentEvents, type CommentEvent } from '../src/comments/comment-events.js';
import { type CounterStore, MemoryCounterStore } from '../src/stores/counter-store.js';
import { MemoryMessageBus, type MessageBus } from '../src/stores/message-bus.js';
import { RedisCounterStore } from '../src/stores/redis-counter-store.js';
import { RedisMessageBus } from '../src/stores/redis-message-bus.js';
import { createStores } from '../src/stores/stores.js';
import { missingService, portOpen } from './support/services-available.js';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const redisUrl = new URL(REDIS_URL);
const skip = (await portOpen(redisUrl.hostname, Number(redisUrl.port || 6379)))
  ? false
  : missingService('Redis', `nothing answers at ${REDIS_URL}; start redis-server`);

/** Keys of this run only, removed at the end. */
const PREFIX = `newsdesk-test:${randomUUID().slice(0, 8)}:`;
const connections: Redis[] = [];
const connect = () => {
  const c = new Redis(REDIS_URL);
  connections.push(c);
  return c;
};

after(async () => {
  if (skip) return;
  const c = connect();
  const keys = await c.keys(`${PREFIX}*`);
  if (keys.length) await c.del(...keys);
  await Promise.all(connections.map((x) => x.quit()));
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The CounterStore contract, run against memory and Redis alike. */
function counterContract(name: string, make: () => CounterStore, real = true) {
  describe(`CounterStore contract: ${name}`, { skip: real ? skip : false }, () => {
    test('counts hits in a window and reports when it ends', async () => {
      const store = make();
      const key = `contract:${randomUUID()}`;
      assert.deepEqual(await store.peek(key), { count: 0, resetAt: 0 });
      const before = Date.now();
      const first = await store.hit(key, 60_000);
      const second = await store.hit(key, 60_000);
      assert.equal(first.count, 1);
      assert.equal(second.count, 2);
      assert.ok(first.resetAt >= before + 59_000 && first.resetAt <= Date.now() + 60_000);
      // The window is fixed: later hits do not push its end (Redis answers in remaining time, read
      // against this clock, so allow for a busy machine's scheduling delays).
      assert.ok(Math.abs(second.resetAt - first.resetAt) < 500);
      assert.equal((await store.peek(key)).count, 2);
      await store.reset(key);
      assert.equal((await store.peek(key)).count, 0);
      assert.equal((await store.hit(key, 60_000)).count, 1);
    });

    test('a window expires and a new one starts at one', async () => {
      const store = make();
      const key = `expiry:${randomUUID()}`;
      // Long enough for a busy machine to make three calls inside the window.
      const first = await store.hit(key, 1500);
      await store.hit(key, 1500);
      assert.equal((await store.peek(key)).count, 2);
      await wait(Math.max(0, first.resetAt - Date.now()) + 100);
      assert.equal((await store.peek(key)).count, 0);
      assert.equal((await store.hit(key, 1500)).count, 1);
    });
  });
}

counterContract('memory', () => new MemoryCounterStore(), false);
counterContract('redis', () => new RedisCounterStore(connect(), `${PREFIX}counter:`));

describe('Redis counters shared between processes', { skip }, () => {
  test('concurrent hits from two connections are counted exactly once each', async () => {
    const a = new RedisCounterStore(connect(), `${PREFIX}shared:`);
    const b = new RedisCounterStore(connect(), `${PREFIX}shared:`);
    const key = 'login:editor@example.org';
    const hits = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 ? a : b).hit(key, 60_000)),
    );
    // Every hit saw a distinct count: no two read-modify-writes interleaved.
    assert.deepEqual(
      hits.map((h) => h.count).sort((x, y) => x - y),
      Array.from({ length: 400 }, (_, i) => i + 1),
    );
    assert.equal((await a.peek(key)).count, 400);
    assert.equal((await b.peek(key)).count, 400);
    // Exactly one expiry was set: every answer names the same window end.
    const ends = hits.map((h) => h.resetAt);
    assert.ok(Math.max(...ends) - Math.min(...ends) < 1000);
    const ttl = await connect().pttl(`${PREFIX}shared:${key}`);
    assert.ok(ttl > 55_000 && ttl <= 60_000, `ttl ${ttl}`);
  });

  test('namespaces keep the login and comment counters apart', async () => {
    const stores = createStores({ redisUrl: REDIS_URL, redisPrefix: PREFIX });
    try {
      const login = stores.counters('login');
      const comments = stores.counters('comments');
      await login.hit('ip:127.0.0.1', 60_000);
      await login.hit('ip:127.0.0.1', 60_000);
      assert.equal((await comments.hit('ip:127.0.0.1', 60_000)).count, 1);
      assert.equal(await connect().get(`${PREFIX}counter:login:ip:127.0.0.1`), '2');
    } finally {
      await stores.close();
    }
  });
});

/** Collects what a bus delivers on a channel. */
function listen(bus: MessageBus, channel: string) {
  const got: unknown[] = [];
  const off = bus.subscribe(channel, (m) => got.push(m));
  return { got, off };
}

async function until(check: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await wait(10);
  }
  return true;
}

describe('Redis pub/sub bus', { skip }, () => {
  let one: RedisMessageBus;
  let two: RedisMessageBus;
  let other: RedisMessageBus;
  before(() => {
    one = new RedisMessageBus({ connection: connect(), prefix: PREFIX });
    two = new RedisMessageBus({ connection: connect(), prefix: PREFIX });
    other = new RedisMessageBus({ connection: connect(), prefix: `${PREFIX}other-site:` });
  });
  after(async () => {
    await Promise.all([one.close(), two.close(), other.close()]);
  });

  test('a message reaches every subscriber of every process, the publisher included', async () => {
    const onOne = listen(one, 'cache:purge');
    const onTwo = listen(two, 'cache:purge');
    const alsoTwo = listen(two, 'cache:purge');
    const elsewhere = listen(other, 'cache:purge');
    await Promise.all([one.ready(), two.ready(), other.ready()]);
    await one.publish('cache:purge', { keys: ['home', 'article:7'] });
    assert.ok(await until(() => onTwo.got.length === 1 && onOne.got.length === 1));
    assert.deepEqual(onTwo.got, [{ keys: ['home', 'article:7'] }]);
    assert.deepEqual(onOne.got, onTwo.got);
    assert.deepEqual(alsoTwo.got, onTwo.got);

    // Unsubscribing one handler leaves the other on the same channel working.
    alsoTwo.off();
    onOne.off();
    await Promise.all([one.ready(), two.ready()]);
    await one.publish('cache:purge', 2);
    assert.ok(await until(() => onTwo.got.length === 2));
    await wait(100);
    assert.equal(alsoTwo.got.length, 1);
    assert.equal(onOne.got.length, 1);
    // Another prefix is another site: it heard nothing.
    assert.equal(elsewhere.got.length, 0);
    onTwo.off();
    elsewhere.off();
  });

  test('a handler that throws does not stop the others', async () => {
    const errors: unknown[] = [];
    const bus = new RedisMessageBus({
      connection: connect(),
      prefix: PREFIX,
      onError: (e) => errors.push(e),
    });
    try {
      bus.subscribe('boom', () => {
        throw new Error('listener bug');
      });
      const ok = listen(bus, 'boom');
      await bus.ready();
      await one.publish('boom', 'x');
      assert.ok(await until(() => ok.got.length === 1));
      assert.equal(errors.length, 1);
    } finally {
      await bus.close();
    }
  });

  test('live comment events travel between processes over the bus', async () => {
    const onA = new BusCommentEvents(one);
    const onB = new BusCommentEvents(two);
    await Promise.all([one.ready(), two.ready()]);
    const seen: CommentEvent[] = [];
    const off = onA.subscribe(42, (e) => seen.push(e));
    const comment = {
      id: 9,
      parentId: null,
      authorName: 'Reader',
      authorUrl: null,
      body: 'Hello',
      bodyHtml: '<p>Hello</p>',
      avatarKey: null,
      depth: 0,
      createdAt: '2026-06-01T12:00:00.000Z',
      editedAt: null,
      isStaff: false,
      status: 'approved',
    } as CommentEvent['comment'];
    onB.publish({ articleId: 41, comment, count: 1 });
    onB.publish({ articleId: 42, comment, count: 3 });
    assert.ok(await until(() => seen.length === 1));
    await wait(100);
    assert.equal(seen.length, 1, 'only the article the page shows');
    assert.equal(seen[0]!.count, 3);
    assert.deepEqual(seen[0]!.comment, comment);
    off();
  });
});

describe('store factory', () => {
  test('without REDIS_URL everything stays in the process', async () => {
    const stores = createStores({ redisUrl: undefined, redisPrefix: 'x:' });
    assert.equal(stores.kind, 'memory');
    assert.ok(stores.bus instanceof MemoryMessageBus);
    assert.deepEqual(Object.keys(stores.readinessChecks), []);
    await stores.close();
  });

  test('readiness reports Redis up, and down when nothing answers', { skip }, async () => {
    const up = createStores({ redisUrl: REDIS_URL, redisPrefix: PREFIX });
    const down = createStores({ redisUrl: 'redis://127.0.0.1:1', redisPrefix: PREFIX });
    try {
      await up.ready();
      assert.equal(up.kind, 'redis');
      assert.equal(await up.readinessChecks.redis!(), true);
      const started = Date.now();
      assert.equal(await down.readinessChecks.redis!(), false);
      assert.ok(Date.now() - started < 2000, 'a dead Redis is reported quickly');
    } finally {
      await up.close();
      await down.close();
    }
  });
});
