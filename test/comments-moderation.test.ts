import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  eraseComments,
  exportComments,
  listComments,
  moderateComment,
  purgeComments,
} from '../src/cli/comments-command.js';
import { commentSite, nextIp, postComment, postedId } from './comments-support.js';
import type { TestSite } from './support/test-site.js';

const TOKEN = 'moderation-token-for-tests-0123456789';
let site: TestSite;
let ids: Awaited<ReturnType<typeof commentSite>>['ids'];
let pathOf: (id: number) => Promise<string>;

before(async () => {
  ({ site, ids, pathOf } = await commentSite({}, { MODERATION_TOKEN: TOKEN }));
});
after(() => site.close());

const auth = { authorization: `Bearer ${TOKEN}` };

async function post(fields: Record<string, string>, ip?: string) {
  const res = await postComment(
    site,
    { article_id: String(ids.open), ...fields },
    { ip: ip ?? nextIp() },
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const id = postedId(res.headers.location);
  return (await site.services.comments.find(id))!;
}

function api(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return site.app.inject({
    method,
    url,
    headers: auth,
    ...(payload ? { payload } : {}),
  });
}

describe('screening records the rule, score and reason', () => {
  test('honeypot, blocked word, held word (folded) and too many links', async () => {
    await site.services.settings.set('commentBlockedWords', ['viagra']);
    await site.services.settings.set('commentHeldWords', ['istanbul', 'lawsuit']);
    const hp = await post({ comment: 'Nice article', homepage: 'http://bot.example' });
    assert.equal(hp.status, 'spam');
    assert.equal(hp.moderationRule, 'honeypot');
    assert.ok(hp.spamScore >= 100);

    const blocked = await post({ comment: 'Cheap VİAGRA here' });
    assert.equal(blocked.status, 'spam');
    assert.equal(blocked.moderationRule, 'blocked-word');
    assert.match(blocked.moderationReason!, /viagra/);

    const held = await post({ comment: 'Greetings from İSTANBUL!' });
    assert.equal(held.status, 'pending');
    assert.equal(held.moderationRule, 'held-word');

    const scunthorpe = await post({
      comment: 'Lawsuits aside, Scunthorpe and Istanbulites agree.',
    });
    assert.equal(scunthorpe.status, 'approved', scunthorpe.moderationReason ?? '');

    const links = await post({
      comment: 'See https://a.example/1 and https://b.example/2 and https://c.example/3 for more.',
    });
    assert.equal(links.status, 'pending');
    assert.equal(links.moderationRule, 'too-many-links');
    assert.match(links.moderationReason!, /3 links/);

    await site.services.settings.set('commentBlockedWords', []);
    await site.services.settings.set('commentHeldWords', []);
  });

  test('the first comment of an email is held; once approved, the next is not', async () => {
    await site.services.settings.set('commentHoldFirstComment', true);
    const first = await post({ comment: 'Hello from a newcomer', author_email: 'new@example.org' });
    assert.equal(first.status, 'pending');
    assert.equal(first.moderationRule, 'first-comment');
    await site.services.comments.moderate([first.id], 'approve');
    const second = await post({ comment: 'Back again', author_email: 'NEW@example.org' });
    assert.equal(second.status, 'approved');
    await site.services.settings.set('commentHoldFirstComment', false);
  });
});

describe('moderation API (bearer token until accounts exist)', () => {
  test('refuses without the token, or a wrong one, with 401', async () => {
    const none = await site.app.inject('/api/moderation/comments');
    assert.equal(none.statusCode, 401);
    assert.equal(none.json().error.code, 'UNAUTHORIZED');
    const wrong = await site.app.inject({
      url: '/api/moderation/comments',
      headers: { authorization: 'Bearer nope' },
    });
    assert.equal(wrong.statusCode, 401);
  });

  test('lists held comments with why; approve, unapprove, spam, trash, restore', async () => {
    await site.services.settings.set('commentHeldWords', ['harbour']);
    const c = await post({ comment: 'About the harbour works' });
    await site.services.settings.set('commentHeldWords', []);
    const list = await api('GET', '/api/moderation/comments?status=pending');
    assert.equal(list.statusCode, 200);
    const found = list.json().comments.find((x: { id: number }) => x.id === c.id);
    assert.equal(found.moderation.rule, 'held-word');
    assert.equal(found.authorEmail, 'reader@example.org');

    const path = await pathOf(ids.open);
    const visible = async () => (await site.app.inject(path)).body.includes(`id="comment-${c.id}"`);
    assert.equal(await visible(), false);
    for (const [action, status, shown] of [
      ['approve', 'approved', true],
      ['unapprove', 'pending', false],
      ['spam', 'spam', false],
      ['restore', 'pending', false],
      ['trash', 'trash', false],
      ['restore', 'pending', false],
      ['approve', 'approved', true],
    ] as const) {
      const res = await api('POST', `/api/moderation/comments/${c.id}/${action}`);
      assert.equal(res.statusCode, 200, action);
      assert.equal(res.json().comment.status, status, action);
      assert.equal(res.json().comment.moderation.rule, `manual-${action}`);
      assert.equal(await visible(), shown, action);
    }
    assert.equal((await api('POST', `/api/moderation/comments/${c.id}/explode`)).statusCode, 400);
    assert.equal((await api('POST', '/api/moderation/comments/999999/approve')).statusCode, 404);
  });

  test('edit, staff reply (approving a held parent) and bulk actions', async () => {
    const c = await post({ comment: 'Original words' });
    const edited = await api('PATCH', `/api/moderation/comments/${c.id}`, {
      text: 'Edited *words*',
    });
    assert.equal(edited.statusCode, 200);
    assert.match(edited.json().comment.html, /<em>words<\/em>/);
    assert.ok(edited.json().comment.editedAt);

    const held = await site.services.comments.record({
      articleId: ids.open,
      parentId: null,
      authorName: 'Held',
      authorEmail: 'held@example.org',
      authorUrl: null,
      body: 'Please answer',
      status: 'pending',
    });
    const reply = await api('POST', `/api/moderation/comments/${held}/replies`, {
      name: 'The Editor',
      text: 'Thanks, we will look into it.',
    });
    assert.equal(reply.statusCode, 201);
    assert.equal(reply.json().comment.staff, true);
    assert.equal(reply.json().comment.parentId, held);
    assert.equal((await site.services.comments.find(held))!.status, 'approved');
    const page = await site.app.inject(await pathOf(ids.open));
    assert.match(page.body, /comment__badge/);

    const a = await post({ comment: 'bulk one' });
    const b = await post({ comment: 'bulk two' });
    const bulk = await api('POST', '/api/moderation/comments/bulk', {
      action: 'trash',
      ids: [a.id, b.id],
    });
    assert.equal(bulk.json().changed, 2);
    assert.equal((await site.services.comments.find(b.id))!.status, 'trash');
  });

  test('banning an email or an IP stops their next comment with 403 COMMENT_BANNED', async () => {
    const ip = nextIp();
    const c = await post({ comment: 'Troll text', author_email: 'troll@example.org' }, ip);
    const byEmail = await api('POST', '/api/moderation/bans', { kind: 'email', commentId: c.id });
    assert.equal(byEmail.statusCode, 201);
    const again = await postComment(
      site,
      { article_id: String(ids.open), comment: 'more trolling', author_email: 'Troll@Example.org' },
      { json: true },
    );
    assert.equal(again.statusCode, 403);
    assert.equal(again.json().error.code, 'COMMENT_BANNED');

    const byIp = await api('POST', '/api/moderation/bans', { kind: 'ip', commentId: c.id });
    assert.equal(byIp.statusCode, 201);
    const sameIp = await postComment(
      site,
      { article_id: String(ids.open), comment: 'new identity', author_email: 'fresh@example.org' },
      { ip, json: true },
    );
    assert.equal(sameIp.json().error.code, 'COMMENT_BANNED');

    const bans = (await api('GET', '/api/moderation/bans')).json().bans;
    assert.equal(bans.length, 2);
    // A ban list holds keyed hashes, never the address.
    const rows = await site.storage.db.selectFrom('comment_bans').selectAll().execute();
    assert.ok(rows.every((r) => !r.value_hash.includes('troll') && !r.value_hash.includes(ip)));
    for (const ban of bans) {
      assert.equal((await api('DELETE', `/api/moderation/bans/${ban.id}`)).statusCode, 204);
    }
    const free = await postComment(
      site,
      { article_id: String(ids.open), comment: 'reformed', author_email: 'troll@example.org' },
      { ip },
    );
    assert.equal(free.statusCode, 303);
  });
});

describe('operator CLI and data rights', () => {
  test('list, approve, spam, trash by id', async () => {
    const c = await post({ comment: 'For the CLI' });
    const lines: string[] = [];
    await moderateComment(site.services.comments, 'spam', String(c.id), (l) => lines.push(l));
    assert.equal((await site.services.comments.find(c.id))!.status, 'spam');
    await listComments(site.services.comments, { status: 'spam' }, (l) => lines.push(l));
    assert.ok(lines.some((l) => l.startsWith(`#${c.id} `) && l.includes('[manual-spam]')));
    await moderateComment(site.services.comments, 'approve', String(c.id), (l) => lines.push(l));
    await moderateComment(site.services.comments, 'trash', String(c.id), (l) => lines.push(l));
    assert.equal((await site.services.comments.find(c.id))!.status, 'trash');
    await assert.rejects(moderateComment(site.services.comments, 'approve', '999999', () => {}));
    await assert.rejects(listComments(site.services.comments, { status: 'bogus' }, () => {}));
  });

  test('export prints every comment of an email as JSON; erase anonymises', async () => {
    const email = 'gdpr@example.org';
    const one = await post({
      comment: 'Mine one',
      author_email: email,
      author_name: 'Gita',
      author_url: 'https://gita.example',
    });
    await post({ comment: 'Mine two', author_email: email, author_name: 'Gita' });
    let printed = '';
    await exportComments(site.services.comments, 'GDPR@example.org', (l) => {
      printed += l;
    });
    const exported = JSON.parse(printed);
    assert.equal(exported.comments.length, 2);
    assert.equal(exported.comments[0].authorEmail, email);
    assert.equal(exported.comments[0].text, 'Mine one');

    await eraseComments(site.services.comments, email, false, () => {});
    const kept = (await site.services.comments.find(one.id))!;
    assert.equal(kept.authorName, 'Anonymous');
    assert.equal(kept.authorEmail, '');
    assert.equal(kept.authorUrl, null);
    assert.equal(kept.ipHash, null);
    assert.equal(kept.body, 'Mine one');
    assert.notEqual(kept.avatarKey, one.avatarKey);

    const other = await post({ comment: 'Remove my words', author_email: 'gone@example.org' });
    await eraseComments(site.services.comments, 'gone@example.org', true, () => {});
    const removed = (await site.services.comments.find(other.id))!;
    assert.equal(removed.body, '');
    const page = await site.app.inject(await pathOf(ids.open));
    assert.match(page.body, /This comment was removed\./);
    assert.doesNotMatch(page.body, /Remove my words/);
  });

  test('purge deletes spam and trash older than the retention period only', async () => {
    const old = await post({ comment: 'old spam' });
    await site.services.comments.moderate([old.id], 'spam');
    site.clock.now = new Date(site.clock.now.getTime() + 31 * 86_400_000);
    const recent = await post({ comment: 'recent spam' });
    await site.services.comments.moderate([recent.id], 'trash');
    const kept = await post({ comment: 'kept approved' });
    const lines: string[] = [];
    await purgeComments(site.services.comments, undefined, (l) => lines.push(l));
    assert.equal(await site.services.comments.find(old.id), undefined);
    assert.ok(await site.services.comments.find(recent.id));
    assert.ok(await site.services.comments.find(kept.id));
    assert.match(lines[0]!, /Purged \d+/);
    const viaApi = await api('POST', '/api/moderation/purge', { retentionDays: 0 });
    assert.equal(viaApi.statusCode, 200);
    assert.equal(await site.services.comments.find(recent.id), undefined);
  });
});
