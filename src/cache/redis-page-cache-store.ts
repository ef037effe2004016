import type { Redis } from 'ioredis';
import {
  ALL_PAGES,
  type CachedPage,
  type PageCacheStore,
  type PageLookup,
} from './page-cache-store.js';

/**
 * Stores only when the purge generation is still the one the request saw at lookup, and indexes
 * the entry under each of its tags, atomically. KEYS: generation, entry, tag sets...
 * ARGV: expected generation, entry bytes, lifetime in ms.
 */
const STORE = `
local generation = redis.call('GET', KEYS[1]) or '0'
if generation ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[2])
  redis.call('PEXPIRE', KEYS[i], ARGV[3])
end
return 1
`;

/**
 * Moves the purge generation (so renders in flight are not stored), then deletes every entry
 * named by each tag set, and the sets. KEYS: generation, tag sets...
 */
const PURGE = `
redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[i])
end
return 1
`;

type ScriptedRedis = Redis & {
  newsdeskPageStore(...args: (string | Buffer | number)[]): Promise<number>;
  newsdeskPagePurge(...args: (string | number)[]): Promise<number>;
};

export interface RedisPageCacheOptions {
  /** Put before every key: the site's `REDIS_PREFIX`, so sites and test runs stay apart. */
  prefix: string;
  /** Lifetime of an entry in ms; default one hour, a backstop: purges do the real work. */
  ttlMs?: number;
}

/**
 * Pages in Redis, shared by every process of the site: one string per page (a small JSON head,
 * then the body bytes), one set per tag naming the entries to drop on purge, and a generation
 * counter that guards against storing a page rendered before a purge.
 */
export class RedisPageCacheStore implements PageCacheStore {
  readonly kind = 'redis' as const;
  private readonly redis: ScriptedRedis;
  private readonly generationKey: string;
  private readonly ttlMs: number;

  constructor(
    redis: Redis,
    private readonly options: RedisPageCacheOptions,
  ) {
    this.redis = redis as ScriptedRedis;
    if (!('newsdeskPageStore' in redis)) {
      redis.defineCommand('newsdeskPageStore', { lua: STORE });
      redis.defineCommand('newsdeskPagePurge', { lua: PURGE });
    }
    this.generationKey = `${options.prefix}page:generation`;
    this.ttlMs = options.ttlMs ?? 3_600_000;
  }

  private entryKey(key: string): string {
    return `${this.options.prefix}page:entry:${key}`;
  }

  private tagKey(tag: string): string {
    return `${this.options.prefix}page:tag:${tag}`;
  }

  async lookup(key: string): Promise<PageLookup> {
    const [entry, generation] = await this.redis.mgetBuffer(this.entryKey(key), this.generationKey);
    return { page: entry ? decode(entry) : undefined, token: generation?.toString() ?? '0' };
  }

  async store(key: string, page: CachedPage, token: string, ttlMs?: number): Promise<boolean> {
    // No set of every entry: it would only grow under traffic; `purge([ALL_PAGES])` scans.
    const tagKeys = page.tags.map((t) => this.tagKey(t));
    const stored = await this.redis.newsdeskPageStore(
      2 + tagKeys.length,
      this.generationKey,
      this.entryKey(key),
      ...tagKeys,
      token,
      encode(page),
      Math.min(ttlMs ?? this.ttlMs, this.ttlMs),
    );
    return stored === 1;
  }

  async purge(tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    if (tags.includes(ALL_PAGES)) return this.purgeAll();
    await this.redis.newsdeskPagePurge(
      1 + tags.length,
      this.generationKey,
      ...tags.map((t) => this.tagKey(t)),
    );
  }

  /**
   * Moves the generation first (renders in flight are then not stored), then deletes every entry
   * and tag set of this site. Site-wide changes are rare; a scan is cheaper than a set of every
   * entry kept up to date on each store.
   */
  private async purgeAll(): Promise<void> {
    await this.redis.incr(this.generationKey);
    const pattern = `${this.options.prefix}page:*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      const doomed = keys.filter((k) => k !== this.generationKey);
      if (doomed.length > 0) await this.redis.unlink(...doomed);
    } while (cursor !== '0');
  }

  /** The connection is the site's shared one (`src/stores/`); whoever opened it closes it. */
  async close(): Promise<void> {}
}

type Head = Omit<CachedPage, 'body'>;

/** `[4-byte head length][head JSON][body]`: the body is never parsed, only sliced. */
function encode(page: CachedPage): Buffer {
  const head: Head = {
    status: page.status,
    headers: page.headers,
    notModifiedHeaders: page.notModifiedHeaders,
    etag: page.etag,
    tags: page.tags,
    route: page.route,
  };
  const json = Buffer.from(JSON.stringify(head));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return Buffer.concat([length, json, page.body]);
}

function decode(entry: Buffer): CachedPage | undefined {
  if (entry.length < 4) return undefined;
  const length = entry.readUInt32BE(0);
  if (4 + length > entry.length) return undefined;
  const head = JSON.parse(entry.subarray(4, 4 + length).toString()) as Head;
  return { ...head, body: entry.subarray(4 + length) };
}
