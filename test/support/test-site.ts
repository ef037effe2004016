import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config/config.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import type { Services } from '../../src/services.js';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.js';

/** Which database the suite runs on: `sqlite` (default) or `postgres` (TEST_DB=postgres). */
export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSite {
  app: FastifyInstance;
  services: Services;
  storage: Storage;
  config: Config;
  /** Temporary folder for media and the SQLite file. */
  dir: string;
  /** Mutable clock the app reads; move it to test scheduling. */
  clock: { now: Date };
  /** Listens on a random loopback port and returns the origin (for browsers and load tools). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** A fresh empty database on the engine under test; returns its URL and how to drop it. */
async function freshDatabase(dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_DB === 'sqlite')
    return { url: `sqlite:${join(dir, 'site.sqlite')}`, drop: async () => {} };
  const name = `newsdesk_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      // pg-pool's end() resolves before its sockets have closed; wait for the server to see them
      // go, so FORCE has nothing left to terminate.
      for (let i = 0; i < 40; i++) {
        const { rows } = await c.query(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Starts a complete Newsdesk on a fresh database of the engine under test, optionally with the
 * demo content. Nothing is mocked: real database, real app, real media files.
 */
export async function startTestSite(
  options: { demo?: boolean; env?: Record<string, string>; now?: Date } = {},
): Promise<TestSite> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'));
  const database = await freshDatabase(dir);
  const config = loadConfig({
    DATABASE_URL: database.url,
    MEDIA_DIR: join(dir, 'media'),
    SITE_URL: 'http://newsdesk.test',
    LOG_LEVEL: 'silent',
    // Most suites write and read in the same breath; the page cache has its own suites
    // (test/page-cache.test.ts, test/cache-correctness.test.ts), which turn it on.
    PAGE_CACHE: 'off',
    ...options.env,
  });
  const clock = { now: options.now ?? new Date() };
  const storage = await openStorage(config.databaseUrl);
  await migrateToLatest(storage);
  const { app, services } = await buildApp({
    config,
    storage,
    clock: () => clock.now,
    logger: false,
  });
  if (options.demo) await seedDemo(services, config.mediaDir);
  let closed = false;
  return {
    app,
    services,
    storage,
    config,
    dir,
    clock,
    async listen() {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      return address;
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await storage.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
