import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import type { Redis as RedisClient } from 'ioredis';
import { ClusterMessageBus } from './cluster-message-bus.js';
import { type CounterStore, MemoryCounterStore } from './counter-store.js';
import { MemoryMessageBus, type MessageBus } from './message-bus.js';
import { RedisCounterStore } from './redis-counter-store.js';
import { RedisMessageBus } from './redis-message-bus.js';

/** What is shared between the processes of one site: counters and the message bus. */
export interface Stores {
  /**
   * `memory` for one process, `cluster` for the workers of `serve --workers N` without Redis (the
   * bus goes through the primary; counters stay per worker), `redis` when `REDIS_URL` is set.
   */
  kind: 'memory' | 'cluster' | 'redis';
  bus: MessageBus;
  /** A counter store whose keys are kept apart from other namespaces' (`login`, `comments`, ...). */
  counters(namespace: string): CounterStore;
  /** The shared Redis command connection (undefined on memory), for other Redis-backed stores. */
  redis: RedisClient | undefined;
  /** Put before every Redis key and channel (`REDIS_PREFIX`). */
  prefix: string;
  /** Checks for /readyz: `{ redis }` when Redis is configured, none otherwise. */
  readinessChecks: Record<string, () => Promise<boolean>>;
  /** Resolves once the bus's subscriptions are live. */
  ready(): Promise<void>;
  /** Closes the bus and the Redis connections; idempotent. */
  close(): Promise<void>;
}

export interface StoresConfig {
  redisUrl: string | undefined;
  redisPrefix: string;
}

const PING_TIMEOUT_MS = 1000;

/**
 * Memory stores when `redisUrl` is unset (a single process: `npm start`; a cluster worker's bus
 * relays through the primary), Redis when it is set.
 * `now` drives the memory counters' windows (tests move it); Redis windows expire in Redis time.
 */
export function createStores(config: StoresConfig, now: () => number = Date.now): Stores {
  if (!config.redisUrl) {
    const bus = cluster.isWorker ? new ClusterMessageBus() : new MemoryMessageBus();
    return {
      kind: cluster.isWorker ? 'cluster' : 'memory',
      bus,
      counters: () => new MemoryCounterStore(now),
      redis: undefined,
      prefix: config.redisPrefix,
      readinessChecks: {},
      ready: () => bus.ready(),
      close: () => bus.close(),
    };
  }
  // Loaded only when configured: a site without Redis keeps ~2 MB of client code out of every
  // serving process.
  const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const redis: RedisClient = new Redis(config.redisUrl, {
    // A throttle check waits at most a few reconnect attempts, then fails instead of hanging.
    maxRetriesPerRequest: 3,
  });
  let warned = false;
  redis.on('error', (error) => {
    if (warned) return;
    warned = true;
    process.emitWarning(`Redis (${redactUrl(config.redisUrl!)}): ${error.message}`);
  });
  redis.on('ready', () => {
    warned = false;
  });
  const bus = new RedisMessageBus({ connection: redis, prefix: config.redisPrefix });
  let closing: Promise<void> | undefined;
  return {
    kind: 'redis',
    bus,
    counters: (namespace) =>
      new RedisCounterStore(redis, `${config.redisPrefix}counter:${namespace}:`, now),
    redis,
    prefix: config.redisPrefix,
    readinessChecks: {
      redis: async () => {
        if (!bus.connected) return false;
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<string>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), PING_TIMEOUT_MS);
        });
        try {
          return (await Promise.race([redis.ping(), timeout])) === 'PONG';
        } catch {
          return false;
        } finally {
          clearTimeout(timer);
        }
      },
    },
    ready: () => bus.ready(),
    close: () => {
      closing ??= (async () => {
        await bus.close();
        await redis.quit().catch(() => redis.disconnect());
      })();
      return closing;
    },
  };
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'REDIS_URL';
  }
}
