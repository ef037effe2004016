import type { Redis } from 'ioredis';
import type { CounterStore } from './counter-store.js';

/**
 * One round trip, atomic on the Redis server: the first hit of a window sets its expiry, later hits
 * only count. A key that somehow lost its expiry (PTTL -1) gets one, so a window can never last
 * forever. Returns the count and the milliseconds left in the window.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type WithHit = Redis & {
  newsdeskCounterHit(key: string, windowMs: number): Promise<[number, number]>;
};

/**
 * Fixed-window counters in Redis, shared by every process of a site. Windows are Redis keys
 * (`<prefix><key>`) expiring with the window, so nothing needs sweeping. Times come from `now`
 * plus Redis's remaining TTL, so the answer agrees across processes whose clocks differ slightly.
 */
export class RedisCounterStore implements CounterStore {
  private readonly redis: WithHit;

  /**
   * @param connection shared command connection (not closed here)
   * @param prefix put before every key, e.g. `newsdesk:ratelimit:login:`
   */
  constructor(
    connection: Redis,
    private readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!('newsdeskCounterHit' in connection)) {
      // defineCommand sends EVALSHA and falls back to EVAL once after a script cache flush.
      connection.defineCommand('newsdeskCounterHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    }
    this.redis = connection as WithHit;
  }

  async hit(key: string, windowMs: number) {
    const [count, ttl] = await this.redis.newsdeskCounterHit(this.prefix + key, windowMs);
    return { count: Number(count), resetAt: this.now() + Number(ttl) };
  }

  async peek(key: string) {
    const result = await this.redis
      .multi()
      .get(this.prefix + key)
      .pttl(this.prefix + key)
      .exec();
    const raw = result?.[0]?.[1] as string | null | undefined;
    const ttl = Number(result?.[1]?.[1] ?? -2);
    if (!raw || ttl < 0) return { count: 0, resetAt: 0 };
    return { count: Number(raw), resetAt: this.now() + ttl };
  }

  async reset(key: string) {
    await this.redis.del(this.prefix + key);
  }
}
