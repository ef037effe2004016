import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { nextIp } from './comments-support.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const SEEDED = 'seeded.commenter+private@example.net';
let site: TestSite;

before(async () => {
  site = await startTestSite({ demo: true });
  await site.services.settings.set('commentMinSecondsToSubmit', 0);
  await site.services.settings.set('commentHoldFirstComment', false);
});
after(() => site.close());

/** Every form of the address a careless template, serializer or encoder might produce. */
function forms(email: string): string[] {
  const [local, domain] = email.split('@') as [string, string];
  return [
    email,
    email.toUpperCase(),
    encodeURIComponent(email),
    `${local}&#64;${domain}`,
    `${local}&#x40;${domain}`,
    `${local}\\u0040${domain}`,
    Buffer.from(email).toString('base64'),
    Buffer.from(email).toString('base64url'),
  ];
}

test('a commenter’s email never appears in any public response (HTML, API, feeds, redirects)', async () => {
  const { services } = site;
  const tree = await services.taxonomy.categoryTree();
  const articles = await services.articles.list({}, 100, 0, tree);
  const open = articles.find((a) => a.commentStatus === 'open')!;
  // One approved comment through the real form, plus held and spam ones from the same person.
  const token = await services.comments.formToken(open.id);
  site.clock.now = new Date(site.clock.now.getTime() + 10_000);
  const posted = await site.app.inject({
    method: 'POST',
    url: '/comments/',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      article_id: String(open.id),
      form_token: token,
      comment: 'Seeded comment for the privacy sweep',
      author_name: 'Private Person',
      author_email: SEEDED,
      author_url: 'https://private.example.net',
    }).toString(),
    remoteAddress: nextIp(),
  });
  assert.equal(posted.statusCode, 303);
  const approvedId = Number(posted.headers.location!.split('#comment-')[1]);
  for (const status of ['pending', 'spam'] as const) {
    await services.comments.record({
      articleId: open.id,
      parentId: approvedId,
      authorName: 'Private Person',
      authorEmail: SEEDED,
      authorUrl: null,
      body: `A ${status} one`,
      status,
    });
  }

  const seen = new Set<string>();
  const queue: string[] = [
    '/',
    open.path,
    `/comments/${approvedId}/`,
    '/feed/',
    '/feed/atom/',
    '/feed/json/',
    '/sitemap.xml',
    '/robots.txt',
    '/api/openapi.json',
    ...articles.flatMap((a) => [a.path, `/api/comments?article=${a.id}`]),
  ];
  const leaks: string[] = [];
  const needles = forms(SEEDED);
  let fetched = 0;
  while (queue.length && fetched < 400) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await site.app.inject(url);
    fetched++;
    const text = `${JSON.stringify(res.headers)}\n${res.body}`;
    for (const needle of needles)
      if (text.includes(needle)) leaks.push(`${url} contains ${needle}`);
    const location = res.headers.location;
    if (typeof location === 'string' && location.startsWith('/'))
      queue.push(location.split('#')[0]!);
    if (!/html|xml|json/.test(String(res.headers['content-type']))) continue;
    for (const m of res.body.matchAll(/(?:href|src)="([^"#]+)/g)) {
      let link = m[1]!.replace(/&amp;/g, '&');
      if (link.startsWith('http://newsdesk.test')) link = link.slice('http://newsdesk.test'.length);
      if (!link.startsWith('/') || link.startsWith('//') || link.includes('/stream')) continue;
      if (link.startsWith('/media/') || link.startsWith('/assets/')) continue;
      queue.push(link);
    }
  }
  assert.ok(fetched > 30, `crawled only ${fetched} responses`);
  assert.ok(
    [...seen].some((u) => u.startsWith('/api/comments')),
    'the public comments API was checked',
  );
  const page = await site.app.inject(open.path);
  assert.match(page.body, /Seeded comment for the privacy sweep/);
  assert.deepEqual(leaks, []);
});
