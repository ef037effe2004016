// Bad input against every reader route shape: whatever arrives, the answer is a clean 3xx or 4xx
// HTML page (never a 500, never a stack trace), and nothing redirects off the site.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { en } from '../src/i18n/messages-en.js';
import { $, $$, parseHtml, text } from './support/reader-html.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const ORIGIN = 'http://newsdesk.test';
let site: TestSite;
let articlePath: string;

before(async () => {
  site = await startTestSite({ demo: true });
  const tree = await site.services.taxonomy.categoryTree();
  const [latest] = await site.services.articles.list({}, 1, 0, tree);
  assert.ok(latest, 'the demo has published stories');
  articlePath = latest.path;
});
after(() => site?.close());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

function inject(url: string, method: 'GET' | 'HEAD' = 'GET'): Promise<Answer> {
  return site.app
    .inject({ method, url })
    .then((r) => ({ status: r.statusCode, headers: r.headers, body: r.body }));
}

/**
 * The contract for any bad request: a 3xx to a path on this site, or a 4xx friendly HTML page
 * with one <h1>, no stack trace and no internals.
 */
function assertClean(res: Answer, label: string, allowed: 'any' | number[] = 'any') {
  assert.ok(res.status < 500, `${label} answered ${res.status}`);
  if (allowed !== 'any') assert.ok(allowed.includes(res.status), `${label} answered ${res.status}`);
  if (res.status >= 300 && res.status < 400) {
    const location = String(res.headers.location);
    assert.match(location, /^\/(?![/\\])/, `${label} redirects off the site to ${location}`);
    return;
  }
  assert.ok(res.status >= 400 || res.status === 200, `${label} answered ${res.status}`);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/, label);
  const doc = parseHtml(res.body);
  assert.equal($$(doc, 'h1').length, 1, `${label}: a real page with one <h1>`);
  assert.doesNotMatch(res.body, /\bat [\w.<>]+ \(|node_modules|\.tsx?:\d+|Error:|FST_/, label);
}

const LONG = 'a'.repeat(2000);
/** Every shape of reader URL, with `X` where a slug or number goes. */
const SHAPES = [
  '/X/',
  '/2026/03/18/X/',
  '/X/03/18/slug/',
  '/category/X/',
  '/category/sport/X/',
  '/category/X/page/2/',
  '/category/sport/page/X/',
  '/tag/X/',
  '/tag/X/page/2/',
  '/tag/markets/page/X/',
  '/author/X/',
  '/author/X/page/2/',
  '/author/selin-kalin/page/X/',
  '/page/X/',
  '/2026/page/X/',
  '/2026/03/page/X/',
  '/2026/03/18/page/X/',
  '/X',
];

describe('overlong slugs', () => {
  test('a 2000-character slug in every route shape is a clean 4xx', async () => {
    for (const shape of SHAPES) {
      const url = shape.replace('X', LONG);
      const res = await inject(url);
      assertClean(res, shape.replace('X', 'a×2000'), [400, 404, 414]);
    }
  });

  test('slugs just over the limits (121, 501 characters) are a clean 404 or 400', async () => {
    for (const length of [121, 499, 500, 501]) {
      for (const shape of SHAPES) {
        const url = shape.replace('X', 'b'.repeat(length));
        assertClean(await inject(url), `${shape} with ${length} chars`);
      }
    }
  });
});

describe('malformed paths', () => {
  const bad = ['%C0%AF', '%E0%A4%A', 'a%ZZ', '%ED%A0%80', '%FF', '%', '%00', 'a%00b', '%F0%9F%98'];

  test('invalid UTF-8, invalid percent-encoding and NUL in any route shape: 400', async () => {
    for (const shape of SHAPES) {
      for (const junk of bad) {
        const url = shape.replace('X', junk);
        const res = await inject(url);
        assertClean(res, url, [400]);
        assert.equal(text($(parseHtml(res.body), 'h1')), en.badRequestTitle, url);
        // Some of these fail in the router, before any hook: the page still carries the policy.
        assert.match(String(res.headers['content-security-policy']), /script-src 'self'/, url);
        assert.equal(res.headers['x-frame-options'], 'DENY', url);
      }
    }
  });

  test('valid but unknown UTF-8 slugs are a plain 404', async () => {
    for (const shape of SHAPES.filter((s) => s.endsWith('/') && !s.includes('page/X'))) {
      const url = shape.replace('X', '%F0%9F%98%80-%C3%A7ay');
      assertClean(await inject(url), url, [404]);
    }
  });

  test('dot segments, doubled slashes and backslashes never redirect off the site', async () => {
    const origin = await site.listen();
    const { port } = new URL(origin);
    // Raw request targets, sent as-is (a client library would normalise them).
    const targets = [
      '//evil.example',
      '//evil.example/',
      '///evil.example',
      '/\\evil.example',
      '/\\\\evil.example',
      '/%5Cevil.example',
      '/%2F%2Fevil.example',
      '/../about/',
      '/a/../about/',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc/passwd',
      '/about/../../contact/',
      '//about/',
      '/category//sport/',
      '/.%2e/x',
      '/./about',
    ];
    for (const target of targets) {
      const res = await rawGet(Number(port), target);
      assertClean(res, target);
    }
  });
});

/** A GET over a real socket with the request target exactly as given. */
function rawGet(port: number, target: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('query strings', () => {
  test('reader pages ignore unknown and repeated parameters: 200, canonical unchanged', async () => {
    const junk = '?utm_source=news&utm_source=again&fbclid=x1&page=3&p=12&a[b]=1&=&&flag';
    for (const path of ['/', articlePath, '/category/sport/', '/tag/markets/', '/about/']) {
      const res = await inject(`${path}${junk}`);
      assert.equal(res.status, 200, path);
      const doc = parseHtml(res.body);
      assert.equal($(doc, 'link[rel=canonical]')?.attribs.href, `${ORIGIN}${path}`, path);
    }
  });

  test('the JSON API rejects unknown parameters with 400 VALIDATION_FAILED', async () => {
    const res = await site.app.inject('/api/v1/articles?utm_source=news');
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    assert.equal(res.json().error.code, 'VALIDATION_FAILED');
  });

  test('a very long query string is ignored like any other', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `utm_${i}=${'x'.repeat(20)}`).join('&');
    assert.ok(long.length > 8000);
    const res = await inject(`/?${long}`);
    assert.equal(res.status, 200);
    assertClean(await inject(`/category/sport/?q=${'y'.repeat(50_000)}`), '50 kB value', [200]);
  });

  test('invalid percent-encoding, invalid UTF-8 or NUL in the query: 400 page', async () => {
    for (const query of ['q=%ZZ', 'q=%C0%AF', 'q=%E0%A4%A', '%ED%A0%80=1', 'q=%00', 'a=1&b=%']) {
      for (const path of ['/', articlePath, '/tag/markets/', '/about/']) {
        assertClean(await inject(`${path}?${query}`), `${path}?${query}`, [400]);
      }
    }
    const api = await site.app.inject('/api/v1/articles?q=%C0%AF');
    assert.equal(api.statusCode, 400);
    assert.match(String(api.headers['content-type']), /^application\/json/);
  });
});

describe('methods', () => {
  test('HEAD answers like GET without a body', async () => {
    for (const [url, status] of [
      ['/', 200],
      [articlePath, 200],
      ['/category/sport/', 200],
      ['/no-such-page/', 404],
      ['/about', 301],
      ['/%C0%AF/', 400],
    ] as const) {
      const res = await inject(url, 'HEAD');
      assert.equal(res.status, status, url);
      assert.equal(res.body, '', url);
    }
  });

  test('POST, PUT, DELETE and PATCH to a reader page: a clean 4xx page', async () => {
    const bodies = [
      { 'content-type': 'application/x-www-form-urlencoded', payload: 'comment=hi&author_name=x' },
      { 'content-type': 'application/json', payload: '{"broken":' },
      { 'content-type': 'text/xml', payload: '<x/>' },
      { 'content-type': 'application/x-www-form-urlencoded', payload: 'x='.padEnd(70_000, 'x') },
    ];
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
      for (const url of ['/', '/about/', articlePath, '/category/sport/']) {
        for (const { payload, ...headers } of bodies) {
          const res = await site.app.inject({ method, url, payload, headers });
          const answer = { status: res.statusCode, headers: res.headers, body: res.body };
          assertClean(
            answer,
            `${method} ${url} ${headers['content-type']}`,
            [400, 404, 405, 413, 415],
          );
        }
      }
    }
  });
});
