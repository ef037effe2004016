import type { Counter } from 'prom-client';
import type { Config } from '../config/config.js';
import type { ArticleEvents } from '../newsroom/article-events.js';
import type { Services } from '../services.js';
import type { Stores } from '../stores/stores.js';
import type { PageCacheCounters, PageCacheOptions } from './page-cache-plugin.js';
import { MemoryPageCacheStore, type PageCacheStore, type PageLookup } from './page-cache-store.js';
import {
  type ArticleSurfaceLookup,
  articleSurfaces,
  PageInvalidator,
} from './page-invalidation.js';
import { PagePurger } from './page-purger.js';
import { RedisPageCacheStore } from './redis-page-cache-store.js';
import type { SiteChanges } from './site-changes.js';

/** `PAGE_CACHE=off`: nothing is stored, every shareable answer is a MISS (ETags still apply). */
class NoPageCacheStore implements PageCacheStore {
  readonly kind = 'memory' as const;
  private readonly answer: PageLookup = { page: undefined, token: '0' };
  lookup(): PageLookup {
    return this.answer;
  }
  async store(): Promise<boolean> {
    return false;
  }
  async purge(): Promise<void> {}
  async close(): Promise<void> {}
}

export interface PageCacheDeps {
  config: Pick<
    Config,
    'pageCache' | 'pageCacheMaxBytes' | 'pageCacheTtlSeconds' | 'cdnPurgeUrl' | 'cdnPurgeToken'
  >;
  stores: Pick<Stores, 'bus' | 'redis' | 'prefix'>;
  /** `newsdesk_page_cache_total{result}` from `src/operations/metrics.ts`. */
  counter: Counter<'result'>;
  articleEvents: ArticleEvents;
  siteChanges: SiteChanges;
  describeArticle: ArticleSurfaceLookup;
  warn: (message: string, error?: unknown) => void;
}

/** The page cache of one app: its store, the purger and the domain hooks that drive it. */
export function createPageCache(deps: PageCacheDeps) {
  const { config } = deps;
  const ttlMs = config.pageCacheTtlSeconds * 1000;
  let store: PageCacheStore;
  if (config.pageCache === 'off') store = new NoPageCacheStore();
  else if (config.pageCache === 'redis' && deps.stores.redis)
    store = new RedisPageCacheStore(deps.stores.redis, { prefix: deps.stores.prefix, ttlMs });
  else store = new MemoryPageCacheStore({ maxBytes: config.pageCacheMaxBytes, ttlMs });

  const purger = new PagePurger({
    store,
    bus: deps.stores.bus,
    cdn: config.cdnPurgeUrl ? { url: config.cdnPurgeUrl, token: config.cdnPurgeToken } : undefined,
    warn: deps.warn,
  });
  const invalidator = new PageInvalidator({ purger, describeArticle: deps.describeArticle });
  const offArticles = deps.articleEvents.on('changed', (change) =>
    invalidator.articleChanged(change),
  );
  const offSite = deps.siteChanges.on((change) => invalidator.handle(change));

  const hit = deps.counter.labels('hit');
  const miss = deps.counter.labels('miss');
  const bypass = deps.counter.labels('bypass');
  const counters: PageCacheCounters = {
    hit: () => hit.inc(),
    miss: () => miss.inc(),
    bypass: () => bypass.inc(),
  };
  const pluginOptions: PageCacheOptions = { store, counters };

  return {
    store,
    purger,
    invalidator,
    pluginOptions,
    async close() {
      offArticles();
      offSite();
      purger.close();
      await purger.settled();
      await store.close();
    },
  };
}

export type PageCache = ReturnType<typeof createPageCache>;

/**
 * The page cache driven by a site's services: what `buildApp` serves with, and what CLI commands
 * that change what readers see purge through (`src/cli/site-purges.ts`).
 */
export function createSitePageCache(
  services: Services,
  config: PageCacheDeps['config'],
  counter: PageCacheDeps['counter'],
  warn: PageCacheDeps['warn'],
): PageCache {
  const { repositories, taxonomy, articles } = services;
  return createPageCache({
    config,
    stores: services.stores,
    counter,
    articleEvents: services.articleEvents,
    siteChanges: services.siteChanges,
    describeArticle: articleSurfaces({
      findById: (id) => repositories.articles.findById(id),
      categoryIdsOf: (id) => repositories.articles.categoryIdsOf(id),
      tagsOf: (id) => repositories.articles.tagsOf(id),
      lineageIds: async (id) => {
        const tree = await taxonomy.categoryTree();
        const category = tree.byId.get(id);
        return category ? tree.lineage(category).map((c) => c.id) : [];
      },
      pathOf: (a) => articles.pathOf(a),
    }),
    warn,
  });
}
