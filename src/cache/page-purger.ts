import { randomUUID } from 'node:crypto';
import type { MessageBus } from '../stores/message-bus.js';
import { MemoryPageCacheStore, type PageCacheStore } from './page-cache-store.js';

/** The bus channel carrying purges to every process of the site. */
export const PURGE_CHANNEL = 'cache:purge';

export interface CdnPurgeOptions {
  /** `CDN_PURGE_URL`: receives `POST {"keys": [...]}` for each purge. */
  url: string;
  /** `CDN_PURGE_TOKEN`: sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  /** How long a purge request may take; default 5 s. */
  timeoutMs?: number;
}

export interface PagePurgerDeps {
  store: PageCacheStore;
  bus: MessageBus;
  cdn?: CdnPurgeOptions;
  /** Where failures go (a CDN that is down, a bus that is closed): never thrown at the writer. */
  warn: (message: string, error?: unknown) => void;
}

interface PurgeMessage {
  keys: string[];
  from: string;
}

/**
 * Drops cached pages by surrogate key everywhere they may be: this process's memory, Redis (when
 * pages live there), every other process (over the bus) and the CDN (webhook).
 */
export class PagePurger {
  private readonly id = randomUUID();
  private readonly pending = new Set<Promise<void>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: PagePurgerDeps) {
    this.unsubscribe = deps.bus.subscribe(PURGE_CHANNEL, (message) => {
      const { keys, from } = (message ?? {}) as Partial<PurgeMessage>;
      if (from === this.id || !Array.isArray(keys)) return;
      if (deps.store instanceof MemoryPageCacheStore) deps.store.purgeNow(keys.map(String));
    });
  }

  /**
   * Purges `keys`. Resolves once this process's cache (and Redis, when it holds the pages) no
   * longer has them, so the writer's next read sees the change; other processes and the CDN
   * follow within moments.
   */
  async purge(keys: readonly string[]): Promise<void> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return;
    const { store, bus } = this.deps;
    if (store instanceof MemoryPageCacheStore) store.purgeNow(unique);
    else await store.purge(unique);
    await bus
      .publish(PURGE_CHANNEL, { keys: unique, from: this.id } satisfies PurgeMessage)
      .catch((error) => this.deps.warn('page cache purge broadcast failed', error));
    if (this.deps.cdn) this.track(this.purgeCdn(this.deps.cdn, unique));
  }

  /** Resolves when every CDN request started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  close(): void {
    this.unsubscribe();
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    work.finally(() => this.pending.delete(work));
  }

  private async purgeCdn(cdn: CdnPurgeOptions, keys: string[]): Promise<void> {
    try {
      const response = await fetch(cdn.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(cdn.token ? { authorization: `Bearer ${cdn.token}` } : {}),
        },
        body: JSON.stringify({ keys }),
        signal: AbortSignal.timeout(cdn.timeoutMs ?? 5000),
      });
      await response.body?.cancel();
      if (!response.ok) this.deps.warn(`CDN purge answered ${response.status}`);
    } catch (error) {
      this.deps.warn('CDN purge failed', error);
    }
  }
}
