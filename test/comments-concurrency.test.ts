import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { commentSite, FORM } from './comments-support.js';
import type { TestSite } from './support/test-site.js';

let site: TestSite;
let articleId: number;
let pathOf: (id: number) => Promise<string>;

before(async () => {
  const made = await commentSite();
  site = made.site;
  articleId = made.ids.open;
  pathOf = made.pathOf;
});
after(() => site.close());

test('500 comments posted at once from many clients are stored exactly once, threaded and counted', async () => {
  const { comments } = site.services;
  const record = (parentId: number | null, body: string) =>
    comments.record({
      articleId,
      parentId,
      authorName: 'Seed',
      authorEmail: 'seed@example.org',
      authorUrl: null,
      body,
      status: 'approved',
    });
  const roots: number[] = [];
  for (let i = 0; i < 10; i++) roots.push(await record(null, `root ${i}`));
  // A chain at the maximum depth (5): replies to its end must hang from level 4.
  const chain = [roots[0]!];
  for (let level = 2; level <= 5; level++)
    chain.push(await record(chain.at(-1)!, `chain ${level}`));

  const token = await comments.formToken(articleId);
  site.clock.now = new Date(site.clock.now.getTime() + 10_000);
  const N = 500;
  const parentOf = (i: number): number | null =>
    i % 10 === 0 ? chain[4]! : i % 3 === 0 ? null : roots[i % roots.length]!;
  const responses = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      site.app.inject({
        method: 'POST',
        url: '/api/comments',
        headers: FORM,
        remoteAddress: `10.9.${i >> 8}.${i & 255}`,
        payload: new URLSearchParams({
          article_id: String(articleId),
          parent_id: String(parentOf(i) ?? ''),
          form_token: token,
          comment: `concurrent comment number ${i}`,
          author_name: `Client ${i}`,
          author_email: `client${i}@example.org`,
        }).toString(),
      }),
    ),
  );
  const failures = responses.filter((r) => r.statusCode !== 201).map((r) => r.body.slice(0, 200));
  assert.deepEqual(failures, []);

  const rows = await site.storage.db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'depth', 'body', 'status'])
    .where('article_id', '=', articleId)
    .where('body', 'like', 'concurrent comment number %')
    .execute();
  assert.equal(rows.length, N);
  const byBody = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    assert.ok(!byBody.has(r.body), `stored twice: ${r.body}`);
    byBody.set(r.body, r);
  }
  for (let i = 0; i < N; i++) {
    const row = byBody.get(`concurrent comment number ${i}`);
    assert.ok(row, `missing ${i}`);
    assert.equal(row.status, 'approved');
    const expectedParent = i % 10 === 0 ? chain[3]! : parentOf(i);
    assert.equal(row.parent_id, expectedParent, `parent of ${i}`);
    assert.equal(row.depth, i % 10 === 0 ? 5 : expectedParent === null ? 1 : 2, `depth of ${i}`);
  }
  // Every answer's id is a distinct stored comment.
  const answered = new Set(responses.map((r) => r.json().comment.id as number));
  assert.equal(answered.size, N);

  const total = 10 + 4 + N;
  assert.equal(
    await site.storage.db
      .selectFrom('comments')
      .select('id')
      .execute()
      .then((r) => r.length),
    total,
  );
  await site.services.settings.set('commentsPerPage', 1000);
  await site.services.settings.set('commentVisibleDepth', 5);
  const page = await site.app.inject(await pathOf(articleId));
  assert.match(page.body, new RegExp(`data-count="${total}">${total} comments<`));
  assert.equal((page.body.match(/<li class="comment" id="comment-/g) ?? []).length, total);
  const api = await site.app.inject(`/api/comments?article=${articleId}`);
  assert.equal(api.json().count, total);
});
