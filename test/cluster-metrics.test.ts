import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { migrateToLatest, openStorage } from '../src/storage/database.js';
import { sharedDatabase, startServerProcess } from './support/server-process.js';
import { TEST_DB } from './support/test-site.js';

const TOKEN = 'cluster-metrics-test-token';
let database: Awaited<ReturnType<typeof sharedDatabase>>;

before(async () => {
  database = await sharedDatabase(TEST_DB);
  const storage = await openStorage(database.url);
  await migrateToLatest(storage);
  await storage.close();
});

after(async () => {
  await database?.drop();
});

/** One GET on a connection of its own, so the primary hands each to the next worker. */
function getAlone(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe(`/metrics under serve --workers 2 (${TEST_DB})`, () => {
  test('every scrape counts the requests of both workers, whichever worker answers it', async () => {
    const mediaDir = join(database.dir, 'media');
    mkdirSync(mediaDir, { recursive: true });
    const server = await startServerProcess({
      env: {
        DATABASE_URL: database.url,
        MEDIA_DIR: mediaDir,
        SITE_URL: 'http://newsdesk.test',
        SECRET: 'cluster-metrics-test-secret-0123456789abcdef',
        METRICS_TOKEN: TOKEN,
      },
      args: ['--workers', '2'],
    });
    try {
      await server.waitForLog('worker listening', 60_000, 2);
      const requests = 30;
      for (let i = 0; i < requests; i++) {
        assert.equal((await getAlone(`${server.origin}/healthz`)).status, 200);
      }
      const healthzCount =
        /^newsdesk_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} (\d+)$/m;
      for (let scrape = 0; scrape < 4; scrape++) {
        const res = await getAlone(`${server.origin}/metrics`, {
          authorization: `Bearer ${TOKEN}`,
        });
        assert.equal(res.status, 200, res.body.slice(0, 200));
        // Summed over the workers: each of them answered about half.
        assert.equal(Number(healthzCount.exec(res.body)?.[1]), requests, res.body.slice(0, 200));
      }
      const unauthorized = await getAlone(`${server.origin}/metrics`);
      assert.equal(unauthorized.status, 401);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
