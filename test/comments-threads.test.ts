import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { commentSite, postComment, postedId } from './comments-support.js';
import type { TestSite } from './support/test-site.js';

let site: TestSite;
let ids: Awaited<ReturnType<typeof commentSite>>['ids'];
let pathOf: (id: number) => Promise<string>;

before(async () => {
  ({ site, ids, pathOf } = await commentSite());
});
after(() => site.close());

async function post(articleId: number, fields: Record<string, string> = {}) {
  const res = await postComment(site, { article_id: String(articleId), ...fields });
  assert.equal(res.statusCode, 303, res.body.slice(0, 200));
  return postedId(res.headers.location);
}

describe('threads', () => {
  test('replies nest up to the maximum depth; deeper replies join the deepest level', async () => {
    await site.services.settings.set('commentMaxDepth', 3);
    const chain = [await post(ids.other, { comment: 'level 1' })];
    for (let i = 2; i <= 5; i++) {
      chain.push(await post(ids.other, { comment: `level ${i}`, parent_id: String(chain.at(-1)) }));
    }
    const stored = await Promise.all(chain.map((id) => site.services.comments.find(id)));
    assert.deepEqual(
      stored.map((c) => c!.depth),
      [1, 2, 3, 3, 3],
    );
    // The 4th and 5th replied to a level-3 comment, so they hang from its level-2 parent.
    assert.equal(stored[3]!.parentId, chain[1]);
    assert.equal(stored[4]!.parentId, chain[1]);
    await site.services.settings.set('commentMaxDepth', 5);
  });

  test('Reply works without JavaScript: ?replytocom=ID#respond puts the form under way', async () => {
    const parent = await post(ids.open, { comment: 'Answer me', author_name: 'Deniz' });
    const path = await pathOf(ids.open);
    const page = await site.app.inject(path);
    assert.match(
      page.body,
      new RegExp(`href="${path}\\?replytocom=${parent}#respond"[^>]*data-reply-to="${parent}"`),
    );
    const replying = await site.app.inject(`${path}?replytocom=${parent}`);
    assert.equal(replying.statusCode, 200);
    assert.match(replying.body, /<h3 id="respond-title">Reply to Deniz/);
    assert.match(
      replying.body,
      new RegExp(`name="parent_id" id="comment-parent" value="${parent}"`),
    );
    assert.match(
      replying.body,
      new RegExp(`id="cancel-comment-reply-link" href="${path}#respond">`),
    );
    // A bogus reply target is ignored, not an error.
    const bogus = await site.app.inject(`${path}?replytocom=99999`);
    assert.equal(bogus.statusCode, 200);
    assert.match(bogus.body, /Leave a comment/);

    const child = await post(ids.open, { comment: 'Here you go', parent_id: String(parent) });
    const after = await site.app.inject(path);
    const parentAt = after.body.indexOf(`id="comment-${parent}"`);
    const childAt = after.body.indexOf(`id="comment-${child}"`);
    assert.ok(parentAt > 0 && childAt > parentAt);
    assert.match(after.body.slice(parentAt, childAt), /comment-list--replies/);
  });

  test('replies past the visible depth collapse behind "continue this thread"', async () => {
    await site.services.settings.set('commentVisibleDepth', 2);
    const root = await post(ids.other, { comment: 'collapse root' });
    const mid = await post(ids.other, { comment: 'collapse mid', parent_id: String(root) });
    const deep = await post(ids.other, { comment: 'collapse deep', parent_id: String(mid) });
    const path = await pathOf(ids.other);
    const page = await site.app.inject(path);
    assert.match(
      page.body,
      new RegExp(`href="${path}\\?thread=${mid}#comment-${mid}">Continue this thread`),
    );
    assert.doesNotMatch(page.body, /collapse deep/);
    const thread = await site.app.inject(`${path}?thread=${mid}`);
    assert.equal(thread.statusCode, 200);
    assert.match(thread.body, /collapse deep/);
    assert.doesNotMatch(thread.body, /collapse root/);
    assert.match(thread.body, /You are viewing one thread/);
    const link = await site.app.inject(`/comments/${deep}/`);
    assert.equal(link.statusCode, 302);
    assert.equal(link.headers.location, `${path}?thread=${mid}#comment-${deep}`);
    assert.equal((await site.app.inject(`${path}?thread=abc`)).statusCode, 404);
    assert.equal((await site.app.inject(`${path}?thread=999999`)).statusCode, 404);
    await site.services.settings.set('commentVisibleDepth', 4);
  });
});

describe('pagination and permalinks', () => {
  test('pages of top-level comments with stable anchors; permalinks land on the right page', async () => {
    await site.services.settings.set('commentsPerPage', 3);
    const top: number[] = [];
    for (let i = 1; i <= 7; i++) top.push(await post(ids.open, { comment: `page test ${i}` }));
    const path = await pathOf(ids.open);
    const all = await site.services.comments.approvedList(ids.open);
    const roots = all.filter((c) => c.parentId === null || !all.some((p) => p.id === c.parentId));
    const pages = Math.ceil(roots.length / 3);
    const first = await site.app.inject(path);
    assert.match(first.body, /aria-label="Comment pages"/);
    assert.match(first.body, new RegExp(`href="${path}\\?cpage=2#comments"`));
    const last = await site.app.inject(`${path}?cpage=${pages}`);
    assert.equal(last.statusCode, 200);
    assert.match(last.body, /page test 7/);
    assert.match(last.body, /data-live-insert="top-level"/);
    assert.match(first.body, /data-live-insert="replies"/);

    for (const id of [top[0]!, top[6]!]) {
      const link = await site.app.inject(`/comments/${id}/`);
      assert.equal(link.statusCode, 302);
      const target = link.headers.location as string;
      assert.ok(target.endsWith(`#comment-${id}`));
      const landed = await site.app.inject(target.split('#')[0]!);
      assert.match(landed.body, new RegExp(`id="comment-${id}"`), target);
    }
    for (const bad of ['0', '1', 'x', String(pages + 1), '1e2']) {
      const res = await site.app.inject(`${path}?cpage=${bad}`);
      assert.equal(res.statusCode, bad === '1' ? 200 : 404, bad);
    }
    assert.equal((await site.app.inject('/comments/999999/')).statusCode, 404);
    assert.equal((await site.app.inject('/comments/abc/')).statusCode, 404);

    // Newest first puts the latest comment on page 1.
    await site.services.settings.set('commentOrder', 'newest');
    const newest = await site.app.inject(path);
    assert.match(newest.body, /page test 7/);
    const link = await site.app.inject(`/comments/${top[6]}/`);
    assert.equal(link.headers.location, `${path}#comment-${top[6]}`);
    await site.services.settings.set('commentOrder', 'oldest');
    await site.services.settings.set('commentsPerPage', 50);
  });

  test('a successful post redirects to the page that holds the new comment', async () => {
    await site.services.settings.set('commentsPerPage', 2);
    const res = await postComment(site, {
      article_id: String(ids.open),
      comment: 'lands on last page',
    });
    const id = postedId(res.headers.location);
    const location = res.headers.location as string;
    assert.match(location, new RegExp(`\\?cpage=\\d+&posted=${id}#comment-${id}$`));
    const page = await site.app.inject(location.split('#')[0]!);
    assert.match(page.body, /lands on last page/);
    await site.services.settings.set('commentsPerPage', 50);
  });
});

describe('how a comment is shown', () => {
  test('text is escaped except a small allowlist; author link is nofollow ugc noopener', async () => {
    const id = await post(ids.open, {
      comment:
        'Look <img src=x onerror=alert(1)> *here* https://example.org/a?b=1&c=2\n\nSecond para',
      author_name: '<b>Bold</b> Name',
      author_url: 'https://site.example/me',
    });
    const page = await site.app.inject(await pathOf(ids.open));
    const start = page.body.indexOf(`id="comment-${id}"`);
    const item = page.body.slice(start, page.body.indexOf('</li>', start));
    assert.doesNotMatch(item, /<img/);
    assert.match(item, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(item, /<em>here<\/em>/);
    assert.match(
      item,
      /<a href="https:\/\/example.org\/a\?b=1&amp;c=2" rel="nofollow ugc noopener">/,
    );
    assert.match(item, /<\/p>\n?<p>Second para<\/p>/);
    assert.match(
      item,
      /<a href="https:\/\/site.example\/me" rel="nofollow ugc noopener">&lt;b>Bold&lt;\/b> Name<\/a>/,
    );
    assert.match(item, /<svg class="comment__avatar" aria-hidden="true"/);
  });

  test('the avatar comes from a keyed hash of the email, not a plain hash, and no outside URL', async () => {
    const email = 'avatar@example.org';
    const id = await post(ids.open, { comment: 'avatar check', author_email: email });
    const stored = (await site.services.comments.find(id))!;
    const plain = ['md5', 'sha1', 'sha256'].flatMap((alg) => {
      const d = createHash(alg).update(email).digest();
      return [d.toString('hex'), d.toString('base64url'), d.toString('base64')];
    });
    assert.ok(stored.avatarKey);
    for (const p of plain) assert.ok(!p.startsWith(stored.avatarKey!.slice(0, 10)));
    const page = await site.app.inject(await pathOf(ids.open));
    assert.doesNotMatch(page.body, /gravatar|https?:\/\/[^"]*avatar/i);
    // Same email, same picture; another email, another key.
    const again = await post(ids.other, { comment: 'avatar check 2', author_email: email });
    assert.equal((await site.services.comments.find(again))!.avatarKey, stored.avatarKey);
    const other = await post(ids.other, {
      comment: 'avatar check 3',
      author_email: 'x@example.org',
    });
    assert.notEqual((await site.services.comments.find(other))!.avatarKey, stored.avatarKey);
  });

  test('bidi overrides and control characters are stripped from names and text', async () => {
    const id = await post(ids.open, {
      comment: 'evil\u202Etxt.exe\u0007 end',
      author_name: 'Name\u202Egnp.exe',
    });
    const stored = (await site.services.comments.find(id))!;
    assert.equal(stored.body, 'eviltxt.exe end');
    assert.equal(stored.authorName, 'Namegnp.exe');
  });
});
