import client from 'prom-client';
import { createSitePageCache } from '../cache/page-cache.js';
import { ALL_PAGES } from '../cache/page-cache-store.js';
import type { Config } from '../config/config.js';
import { createServices, type Services } from '../services.js';
import type { Storage } from '../storage/database.js';

export interface SitePurges {
  /** Empties every running process's page cache (after a bulk change such as an import). */
  purgeAll(): Promise<void>;
  /** False when no running process can be told (no REDIS_URL): say so to the operator. */
  reachesRunningSites: boolean;
}

/**
 * Runs a CLI command's `work` with services whose changes reach the sites already serving this
 * database, as if they had been made in one of them: with REDIS_URL, the purges a change causes
 * (an approved comment purges its article) go to the shared Redis page store, to every process
 * over the bus and to the CDN webhook. Without Redis a running process cannot be reached; its
 * pages then last until `PAGE_CACHE_TTL`.
 */
export async function withSitePurges<T>(
  config: Config,
  storage: Storage,
  work: (services: Services, purges: SitePurges) => Promise<T>,
): Promise<T> {
  const services = createServices({ config, storage });
  // This process serves nothing: its own memory cache would hold no page worth purging.
  const pageCache = createSitePageCache(
    services,
    { ...config, pageCache: config.pageCache === 'redis' ? 'redis' : 'off' },
    new client.Counter({
      name: 'cli_page_cache',
      help: 'unused',
      labelNames: ['result'],
      registers: [],
    }),
    (message, error) =>
      console.warn(`${message}: ${error instanceof Error ? error.message : error}`),
  );
  try {
    return await work(services, {
      purgeAll: () => pageCache.purger.purge([ALL_PAGES]),
      reachesRunningSites: services.stores.kind === 'redis',
    });
  } finally {
    await pageCache.close();
    await services.stores.close();
  }
}
