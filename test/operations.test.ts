import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
before(async () => {
  site = await startTestSite({ env: { METRICS_TOKEN: 'scrape-token-for-tests' } });
});
after(() => site.close());

test('/healthz answers while the process lives', async () => {
  const res = await site.app.inject('/healthz');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { status: 'ok' });
});

test('/readyz checks the database and migrations', async () => {
  const res = await site.app.inject('/readyz');
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json().checks, { database: true, migrations: true });
});

test('/metrics needs the token and reports request latency by route', async () => {
  await site.app.inject('/');
  await site.app.inject('/no-such-page/');
  assert.equal((await site.app.inject('/metrics')).statusCode, 401);
  assert.equal(
    (
      await site.app.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer wrong-token-for-tests!' },
      })
    ).statusCode,
    401,
  );
  const res = await site.app.inject({
    url: '/metrics',
    headers: { authorization: 'Bearer scrape-token-for-tests' },
  });
  assert.equal(res.statusCode, 200);
  assert.match(
    res.body,
    /newsdesk_http_request_duration_seconds_count\{route="\/",method="GET",status="2xx"\} 1/,
  );
  assert.match(
    res.body,
    /newsdesk_http_request_duration_seconds_count\{route="\/:slug\/",method="GET",status="4xx"\} 1/,
  );
  assert.match(res.body, /process_resident_memory_bytes/);
  // Nothing waits for a turn between tests (src/http/admission.ts).
  assert.match(res.body, /\nnewsdesk_http_requests_waiting 0\n/);
});

test('/metrics stays closed when no token is configured', async () => {
  const closed = await startTestSite();
  try {
    assert.equal((await closed.app.inject('/metrics')).statusCode, 404);
  } finally {
    await closed.close();
  }
});
