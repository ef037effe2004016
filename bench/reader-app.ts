import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import type { Storage } from '../src/storage/database.js';

/**
 * The site in this process with the full-page cache off, for timing what one request costs
 * (`app.inject`): `query-trace.ts` and `archives.ts`.
 */
export async function uncachedReaderApp(databaseUrl: string, storage: Storage) {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    SITE_TIMEZONE: 'UTC',
    PAGE_CACHE: 'off',
  });
  const { app } = await buildApp({ config, storage, clock: () => new Date(), logger: false });
  return app;
}
