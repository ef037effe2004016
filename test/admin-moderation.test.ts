import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CommentEvent } from '../src/comments/comment-events.js';
import { get, post, type StaffSession, staffSession } from './admin-support.js';
import { commentSite, postComment, postedId } from './comments-support.js';
import type { TestSite } from './support/test-site.js';

let site: TestSite;
let ids: Awaited<ReturnType<typeof commentSite>>['ids'];
let editor: StaffSession;

before(async () => {
  ({ site, ids } = await commentSite({ commentHoldFirstComment: true }));
  editor = await staffSession(site, 'editor');
});
after(() => site.close());

let n = 0;
/** A held comment (first comment of a new address): its id. */
async function heldComment(text = 'A first remark that waits for a moderator.') {
  n++;
  const res = await postComment(site, {
    article_id: String(ids.open),
    comment: `${text} (${n})`,
    author_name: `Reader ${n}`,
    author_email: `held-${n}@example.org`,
  });
  assert.equal(res.statusCode, 303);
  const id = postedId(res.headers.location as string);
  assert.equal((await site.services.comments.find(id))!.status, 'pending');
  return id;
}

describe('the moderation queue', () => {
  test('shows each held comment with its article, author email, rule and score, and the counts by status', async () => {
    const id = await heldComment();
    const counts = await site.services.comments.countByStatus();
    const res = await get(site, editor, '/admin/comments/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['cache-control'] as string, /no-store/);
    const body = res.body;
    assert.match(body, new RegExp(`id="mod-${id}"`));
    assert.match(body, new RegExp(`held-${n}@example.org`), 'staff see the email here');
    assert.match(body, /First comment<\/strong>, score \d+/);
    assert.match(body, /<a href="\/2026\/05\/30\/harbour-wall\/">Harbour wall<\/a>/);
    assert.match(
      body,
      new RegExp(`Pending <span class="count" data-count-for="pending">${counts.pending}</span>`),
    );
    assert.match(body, /<kbd>j<\/kbd> next/);
    assert.match(
      body,
      /<script type="module" src="\/assets\/moderation\.[0-9a-f]+\.js"><\/script>/,
    );
    assert.doesNotMatch(body, /<script>|style="/, 'no inline script or style');
  });

  test('approving goes through CommentService: the comment is public and live readers are told', async () => {
    const id = await heldComment();
    const events: CommentEvent[] = [];
    const stop = site.services.comments.subscribe(ids.open, (e) => events.push(e));
    const res = await post(site, editor, `/admin/comments/${id}/`, {
      action: 'approve',
      return: '/admin/comments/?status=pending',
    });
    stop();
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/comments/?status=pending&done=approve');
    const stored = (await site.services.comments.find(id))!;
    assert.equal(stored.status, 'approved');
    assert.equal(stored.moderationRule, 'manual-approve');
    assert.deepEqual(
      events.map((e) => e.comment.id),
      [id],
      'one live event for the approved comment',
    );
    const api = await site.app.inject(`/api/comments?article=${ids.open}`);
    assert.ok(JSON.parse(api.body).comments.some((c: { id: number }) => c.id === id));
    const page = await get(site, editor, '/admin/comments/?status=pending&done=approve');
    assert.match(page.body, /role="status">Approved\./);
  });

  test('the script path gets JSON with fresh counts instead of a redirect', async () => {
    const id = await heldComment();
    const before = await site.services.comments.countByStatus();
    const res = await post(
      site,
      editor,
      `/admin/comments/${id}/`,
      { action: 'spam' },
      { headers: { accept: 'application/json' } },
    );
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body);
    assert.equal(body.changed, 1);
    assert.equal(body.counts.pending, before.pending - 1);
    assert.equal(body.counts.spam, before.spam + 1);
  });

  test('bulk actions apply to every ticked comment; only spam and trash can be deleted for good', async () => {
    const a = await heldComment();
    const b = await heldComment();
    const res = await post(site, editor, '/admin/comments/bulk/', {
      action: 'trash',
      ids: [String(a), String(b)],
      return: '/admin/comments/?status=pending',
    });
    assert.equal(res.statusCode, 303);
    for (const id of [a, b]) assert.equal((await site.services.comments.find(id))!.status, 'trash');
    const none = await post(site, editor, '/admin/comments/bulk/', { action: 'trash' });
    assert.equal(none.headers.location, '/admin/comments/?done=none');

    const approved = await heldComment();
    await site.services.comments.moderate([approved], 'approve');
    const del = await post(site, editor, '/admin/comments/bulk/', {
      action: 'delete',
      ids: [String(a), String(approved)],
    });
    assert.equal(del.statusCode, 303);
    assert.equal(await site.services.comments.find(a), undefined, 'trash is deleted');
    assert.equal(
      (await site.services.comments.find(approved))!.status,
      'approved',
      'an approved comment is never deleted directly',
    );
    const bad = await post(site, editor, '/admin/comments/bulk/', { action: 'explode', ids: '1' });
    assert.equal(bad.statusCode, 400);
  });

  test('a staff reply is published under the moderator’s name and approves the held parent', async () => {
    const id = await heldComment();
    const res = await post(site, editor, `/admin/comments/${id}/reply/`, {
      text: 'Thanks, we have corrected the timetable.',
      return: '/admin/comments/',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await site.services.comments.find(id))!.status, 'approved');
    const list = await site.services.comments.approvedList(ids.open);
    const reply = list.find((c) => c.parentId === id)!;
    assert.ok(reply.isStaff);
    assert.equal(reply.authorName, 'Editor Person');
  });

  test('banning a comment’s email refuses that commenter’s next comment', async () => {
    const id = await heldComment();
    const res = await post(site, editor, '/admin/comments/bans/', {
      kind: 'email',
      commentId: String(id),
      reason: 'abuse',
      return: '/admin/comments/',
    });
    assert.equal(res.statusCode, 303);
    const again = await postComment(site, {
      article_id: String(ids.open),
      comment: 'Trying again.',
      author_name: 'Again',
      author_email: `held-${n}@example.org`,
    });
    assert.equal(again.statusCode, 403);
    const bans = await get(site, editor, '/admin/comments/bans/');
    assert.match(bans.body, /abuse/);
    assert.doesNotMatch(bans.body, new RegExp(`held-${n}@`), 'bans store no address');
  });

  test('a ban by address with a bad email shows the form again with what was typed', async () => {
    const res = await post(site, editor, '/admin/comments/bans/', {
      kind: 'email',
      email: 'not-an-address',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Enter a valid email address/);
    assert.match(res.body, /value="not-an-address"/);
    const ok = await post(site, editor, '/admin/comments/bans/', {
      kind: 'email',
      email: 'Troll@Example.org',
      return: '/admin/comments/bans/',
    });
    assert.equal(ok.headers.location, '/admin/comments/bans/?done=ban');
    const banId = (await site.services.comments.listBans()).at(-1)!.id;
    const lift = await post(site, editor, `/admin/comments/bans/${banId}/delete/`);
    assert.equal(lift.statusCode, 303);
    assert.ok(!(await site.services.comments.listBans()).some((b) => b.id === banId));
  });

  test('a return address outside the queue is ignored (no open redirect)', async () => {
    const id = await heldComment();
    const res = await post(site, editor, `/admin/comments/${id}/`, {
      action: 'trash',
      return: 'https://evil.example/',
    });
    assert.equal(res.headers.location, '/admin/comments/?done=trash');
  });

  test('authors and contributors may not moderate; anonymous visitors are sent to log in', async () => {
    const id = await heldComment();
    for (const role of ['author', 'contributor'] as const) {
      const person = await staffSession(site, role);
      assert.equal((await get(site, person, '/admin/comments/')).statusCode, 403);
      const res = await post(site, person, `/admin/comments/${id}/`, { action: 'approve' });
      assert.equal(res.statusCode, 403);
    }
    assert.equal((await site.services.comments.find(id))!.status, 'pending');
    const anon = await get(site, undefined, '/admin/comments/');
    assert.equal(anon.statusCode, 303);
    assert.match(anon.headers.location as string, /^\/admin\/login\/\?next=/);
  });

  test('the dashboard links to the queue with the number waiting', async () => {
    const counts = await site.services.comments.countByStatus();
    const res = await get(site, editor, '/admin/');
    assert.match(res.body, new RegExp(`Moderate comments</a> \\(${counts.pending} pending\\)`));
  });
});
