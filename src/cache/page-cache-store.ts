import { LRUCache } from 'lru-cache';

/**
 * One stored response, ready to write: the hit path sends `headers` and `body` as they are, with
 * no serialization or header computation per request.
 */
export interface CachedPage {
  status: number;
  /** Every response header, including `etag`, `content-length` and `x-cache: HIT`. */
  headers: Record<string, string>;
  /** The headers of a 304 answer for this page (validators and caching policy only). */
  notModifiedHeaders: Record<string, string>;
  body: Buffer;
  /** The strong ETag, quoted. */
  etag: string;
  /** Surrogate keys the page depends on (`article:12`, `home`, ...). */
  tags: string[];
  /** The route pattern that made it (`/:year/:month/:day/:slug/`), the metrics label of its hits. */
  route: string;
}

/** Every entry carries this tag too, so `purge([ALL_PAGES])` empties the cache. */
export const ALL_PAGES = 'all';

/**
 * The answer of a lookup: the page, if stored, and a token naming the purge generation seen.
 * A response rendered after a lookup is stored with that token and dropped when any purge came
 * in between, so a page rendered from data read before a change never outlives the change.
 */
export interface PageLookup {
  page: CachedPage | undefined;
  token: string;
}

/**
 * Storage of cached pages, swappable: memory for one process (the default), Redis shared by all
 * processes of a site. Implementations run the same conformance tests (test/page-cache.test.ts).
 */
export interface PageCacheStore {
  readonly kind: 'memory' | 'redis';
  /** Synchronous when the store can answer without I/O (memory): the hit path then never waits. */
  lookup(key: string): PageLookup | Promise<PageLookup>;
  /**
   * Stores `page` unless a purge happened since `token` was handed out; true when stored.
   * `ttlMs` shortens the store's lifetime for this entry (never lengthens it).
   */
  store(key: string, page: CachedPage, token: string, ttlMs?: number): Promise<boolean>;
  /** Drops every entry tagged with one of `tags`. */
  purge(tags: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryPageCacheOptions {
  /** Byte budget for bodies and headers; default 16 MiB, about 600 article pages. */
  maxBytes?: number;
  /** Lifetime of an entry in ms; default one hour, a backstop: purges do the real work. */
  ttlMs?: number;
}

/**
 * In-process LRU bounded by bytes (lru-cache), with a tag index for purges. Each process has its
 * own; purges reach every process over the message bus (see `page-purger.ts`).
 */
export class MemoryPageCacheStore implements PageCacheStore {
  readonly kind = 'memory' as const;
  private readonly entries: LRUCache<string, CachedPage>;
  private readonly byTag = new Map<string, Set<string>>();
  private generation = 0;
  private readonly ttlMs: number;

  constructor(options: MemoryPageCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.entries = new LRUCache<string, CachedPage>({
      maxSize: options.maxBytes ?? 16 * 1024 * 1024,
      ttl: this.ttlMs,
      sizeCalculation: (page, key) => page.body.length + key.length + 1024,
      dispose: (page, key) => this.unindex(page, key),
    });
  }

  lookup(key: string): PageLookup {
    return { page: this.entries.get(key), token: String(this.generation) };
  }

  async store(key: string, page: CachedPage, token: string, ttlMs?: number): Promise<boolean> {
    if (token !== String(this.generation)) return false;
    this.entries.set(
      key,
      page,
      ttlMs === undefined ? undefined : { ttl: Math.min(ttlMs, this.ttlMs) },
    );
    // `set` disposed of the previous entry (and its index) first; index the new one.
    if (!this.entries.has(key)) return false;
    for (const tag of [ALL_PAGES, ...page.tags]) {
      const keys = this.byTag.get(tag);
      if (keys) keys.add(key);
      else this.byTag.set(tag, new Set([key]));
    }
    return true;
  }

  async purge(tags: readonly string[]): Promise<void> {
    this.purgeNow(tags);
  }

  /** Purges synchronously (the bus handler and the local purge use it). */
  purgeNow(tags: readonly string[]): void {
    // MUST move the generation first: a render in flight that read the old data is not stored.
    this.generation++;
    if (tags.includes(ALL_PAGES)) {
      this.entries.clear();
      this.byTag.clear();
      return;
    }
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.entries.delete(key);
      this.byTag.delete(tag);
    }
  }

  /** Entries and bytes held, for tests and metrics. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.entries.calculatedSize };
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.byTag.clear();
  }

  private unindex(page: CachedPage, key: string): void {
    for (const tag of [ALL_PAGES, ...page.tags]) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.byTag.delete(tag);
    }
  }
}
