import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  commentSite,
  cookieFrom,
  FORM,
  nextIp,
  postComment,
  postedId,
} from './comments-support.js';
import type { TestSite } from './support/test-site.js';

let site: TestSite;
let ids: Awaited<ReturnType<typeof commentSite>>['ids'];
let pathOf: (id: number) => Promise<string>;

before(async () => {
  ({ site, ids, pathOf } = await commentSite());
});
after(() => site.close());

const json = (body: string) =>
  JSON.parse(body) as { error: { code: string; [k: string]: unknown } };

describe('posting with the plain HTML form', () => {
  test('an approved comment redirects to its anchor on a fresh URL and shows for everyone', async () => {
    const res = await postComment(site, {
      article_id: String(ids.open),
      comment: 'The wall needed this.',
      author_name: 'Mira',
    });
    assert.equal(res.statusCode, 303);
    const id = postedId(res.headers.location);
    const path = await pathOf(ids.open);
    assert.equal(res.headers.location, `${path}?posted=${id}#comment-${id}`);
    const page = await site.app.inject(path);
    assert.match(page.body, new RegExp(`id="comment-${id}"`));
    assert.match(page.body, /The wall needed this\./);
    assert.match(page.headers['cache-control'] as string, /^public/);
    assert.equal(page.headers['set-cookie'], undefined);
  });

  test('a held comment is visible only to its author (signed cookie) and never cached', async () => {
    await site.services.settings.set('commentHoldFirstComment', true);
    try {
      const res = await postComment(site, {
        article_id: String(ids.open),
        comment: 'First time here, hello.',
        author_email: 'newcomer@example.org',
      });
      assert.equal(res.statusCode, 303);
      const id = postedId(res.headers.location);
      const cookie = cookieFrom(res.headers['set-cookie'], 'newsdesk_held');
      assert.match(String(res.headers['set-cookie']), /HttpOnly/);
      assert.equal(res.headers['cache-control'], 'private, no-store');
      const path = await pathOf(ids.open);

      const own = await site.app.inject({ url: path, headers: { cookie } });
      assert.match(own.body, new RegExp(`id="comment-${id}"`));
      assert.match(own.body, /awaiting moderation/);
      assert.equal(own.headers['cache-control'], 'private, no-store');

      const anyone = await site.app.inject(path);
      assert.doesNotMatch(anyone.body, new RegExp(`id="comment-${id}"`));
      assert.doesNotMatch(anyone.body, /First time here/);
      assert.match(anyone.headers['cache-control'] as string, /^public/);

      // A forged cookie naming the same id shows nothing.
      const forged = await site.app.inject({
        url: path,
        headers: { cookie: `newsdesk_held=${id}:9999999999.AAAA` },
      });
      assert.doesNotMatch(forged.body, /First time here/);
      assert.match(forged.headers['cache-control'] as string, /^public/);
    } finally {
      await site.services.settings.set('commentHoldFirstComment', false);
    }
  });

  test('a failed submission keeps what was typed and shows each error next to its field', async () => {
    const res = await postComment(site, {
      article_id: String(ids.open),
      comment: '<b>kept</b> text',
      author_name: '',
      author_email: 'not-an-email',
      author_url: 'javascript:alert(1)',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const html = res.body;
    assert.match(html, /<textarea[^>]*>&lt;b>kept&lt;\/b> text<\/textarea>/);
    assert.match(html, /id="comment-name-error"/);
    assert.match(html, /id="comment-email-error"/);
    assert.match(html, /id="comment-url-error"/);
    assert.doesNotMatch(html, /id="comment-body-error"/);
    assert.match(html, /value="not-an-email"[^>]*aria-invalid="true"/);
    assert.match(html, /aria-describedby="comment-email-error email-note"/);
    assert.equal((html.match(/<h1/g) ?? []).length, 1);
  });

  test('too long and too fast are refused with the text kept', async () => {
    const long = await postComment(site, {
      article_id: String(ids.open),
      comment: 'x'.repeat(5001),
    });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /id="comment-body-error"/);

    await site.services.settings.set('commentMinSecondsToSubmit', 3);
    try {
      const fast = await postComment(
        site,
        { article_id: String(ids.open), comment: 'Speedy words' },
        { after: 1, json: true },
      );
      assert.equal(fast.statusCode, 400);
      const body = json(fast.body);
      assert.equal(body.error.code, 'COMMENT_TOO_FAST');
      assert.deepEqual(body.error.fieldErrors, { form: 'too-fast' });
      const slow = await postComment(
        site,
        { article_id: String(ids.open), comment: 'Slower words' },
        { after: 4 },
      );
      assert.equal(slow.statusCode, 303);
    } finally {
      await site.services.settings.set('commentMinSecondsToSubmit', 0);
    }
  });

  test('a missing or forged form token is refused', async () => {
    for (const token of ['', 'abc', `${ids.open}:1.forged`]) {
      const res = await postComment(
        site,
        { article_id: String(ids.open), form_token: token, comment: `token ${token}` },
        { json: true },
      );
      assert.equal(res.statusCode, 400);
      assert.equal(json(res.body).error.code, 'COMMENT_FORM_EXPIRED');
    }
    // A token made for another article does not carry over.
    const otherToken = await site.services.comments.formToken(ids.other);
    const res = await postComment(
      site,
      { article_id: String(ids.open), form_token: otherToken, comment: 'wrong article token' },
      { json: true },
    );
    assert.equal(json(res.body).error.code, 'COMMENT_FORM_EXPIRED');
  });

  test('the JSON API answers field errors with codes and localised messages', async () => {
    const res = await postComment(
      site,
      { article_id: String(ids.open), comment: '', author_email: '' },
      { json: true },
    );
    assert.equal(res.statusCode, 400);
    const body = json(res.body);
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(body.error.fieldErrors, { text: 'required', email: 'required' });
    assert.equal(typeof (body.error.fieldMessages as Record<string, string>).text, 'string');
  });

  test('a malformed article id is a clean 400, never a 500', async () => {
    for (const article_id of ['abc', '-1', '1e3', '']) {
      const res = await postComment(site, { article_id }, { json: true });
      assert.equal(res.statusCode, 400, article_id);
      assert.equal(json(res.body).error.code, 'VALIDATION_FAILED');
    }
  });
});

describe('refusals', () => {
  test('missing, draft and future articles are 404; closed ones 403 COMMENTS_CLOSED', async () => {
    for (const id of [999_999, ids.draft, ids.future]) {
      const res = await postComment(site, { article_id: String(id) }, { json: true });
      assert.equal(res.statusCode, 404, String(id));
      assert.equal(json(res.body).error.code, 'NOT_FOUND');
    }
    const closed = await postComment(site, { article_id: String(ids.closed) }, { json: true });
    assert.equal(closed.statusCode, 403);
    assert.equal(json(closed.body).error.code, 'COMMENTS_CLOSED');
    // Without JavaScript the reader gets a page that says so.
    const page = await postComment(site, { article_id: String(ids.closed) });
    assert.equal(page.statusCode, 403);
    assert.match(page.headers['content-type'] as string, /text\/html/);
  });

  test('comments close site-wide and automatically after N days', async () => {
    await site.services.settings.set('commentsOpen', false);
    const off = await postComment(site, { article_id: String(ids.open) }, { json: true });
    assert.equal(json(off.body).error.code, 'COMMENTS_CLOSED');
    await site.services.settings.set('commentsOpen', true);

    await site.services.settings.set('commentCloseAfterDays', 1);
    const late = await postComment(site, { article_id: String(ids.open) }, { json: true });
    assert.equal(json(late.body).error.code, 'COMMENTS_CLOSED');
    const page = await site.app.inject(await pathOf(ids.open));
    assert.match(page.body, /comments__closed/);
    assert.doesNotMatch(page.body, /id="respond"/);
    await site.services.settings.set('commentCloseAfterDays', 0);
  });

  test('a parent from another article, a held parent or a missing one is refused', async () => {
    const elsewhere = await postComment(site, {
      article_id: String(ids.other),
      comment: 'On the ferry story',
    });
    const foreignParent = postedId(elsewhere.headers.location);
    const held = await site.services.comments.record({
      articleId: ids.open,
      parentId: null,
      authorName: 'H',
      authorEmail: 'h@example.org',
      authorUrl: null,
      body: 'held',
      status: 'pending',
    });
    for (const parent of [foreignParent, held, 987_654, 'x1']) {
      const res = await postComment(
        site,
        { article_id: String(ids.open), parent_id: String(parent), comment: `reply to ${parent}` },
        { json: true },
      );
      assert.equal(res.statusCode, 400, String(parent));
      assert.equal(json(res.body).error.code, 'COMMENT_PARENT_INVALID');
    }
  });

  test('a duplicate of the same text by the same author is refused', async () => {
    const first = await postComment(site, { article_id: String(ids.open), comment: 'Say it once' });
    assert.equal(first.statusCode, 303);
    const again = await postComment(
      site,
      { article_id: String(ids.open), comment: '  say IT   once ' },
      { json: true },
    );
    assert.equal(again.statusCode, 409);
    assert.equal(json(again.body).error.code, 'COMMENT_DUPLICATE');
  });
});

describe('security of the post', () => {
  test('a cross-site post is refused 403 CROSS_ORIGIN_REQUEST; our own origin passes', async () => {
    const evil = await postComment(
      site,
      { article_id: String(ids.open), comment: 'from evil' },
      { headers: { origin: 'https://evil.example' }, json: true },
    );
    assert.equal(evil.statusCode, 403);
    assert.equal(json(evil.body).error.code, 'CROSS_ORIGIN_REQUEST');
    const fetchSite = await postComment(
      site,
      { article_id: String(ids.open), comment: 'cross site fetch' },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    assert.equal(fetchSite.statusCode, 403);
    const nullOrigin = await postComment(
      site,
      { article_id: String(ids.open), comment: 'null origin' },
      { headers: { origin: 'null' } },
    );
    assert.equal(nullOrigin.statusCode, 403);
    const own = await postComment(
      site,
      { article_id: String(ids.open), comment: 'from our own page' },
      { headers: { origin: 'http://newsdesk.test', 'sec-fetch-site': 'same-origin' } },
    );
    assert.equal(own.statusCode, 303);
  });

  test('a body over the limit is refused 413', async () => {
    const res = await site.app.inject({
      method: 'POST',
      url: '/api/comments',
      headers: FORM,
      payload: `article_id=${ids.open}&comment=${'a'.repeat(70 * 1024)}`,
      remoteAddress: nextIp(),
    });
    assert.equal(res.statusCode, 413);
    assert.equal(json(res.body).error.code, 'PAYLOAD_TOO_LARGE');
  });

  test('per-IP rate limit answers 429 with Retry-After', async () => {
    await site.services.settings.set('commentRateLimitPerIpPerMinute', 3);
    try {
      const ip = nextIp();
      const codes: number[] = [];
      let last: Awaited<ReturnType<typeof postComment>> | undefined;
      for (let i = 0; i < 4; i++) {
        last = await postComment(
          site,
          {
            article_id: String(ids.open),
            comment: `rate ${i}`,
            author_email: `rate${i}@example.org`,
          },
          { ip, json: true },
        );
        codes.push(last.statusCode);
      }
      assert.deepEqual(codes, [201, 201, 201, 429]);
      assert.equal(json(last!.body).error.code, 'RATE_LIMITED');
      assert.ok(Number(last!.headers['retry-after']) > 0);
      // Another address is not affected.
      const other = await postComment(site, { article_id: String(ids.open), comment: 'elsewhere' });
      assert.equal(other.statusCode, 303);
    } finally {
      await site.services.settings.set('commentRateLimitPerIpPerMinute', 100_000);
    }
  });

  test('per-email rate limit answers 429 with Retry-After, also on the HTML form', async () => {
    await site.services.settings.set('commentRateLimitPerEmailPerHour', 2);
    try {
      const email = 'chatty@example.org';
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof postComment>> | undefined;
      for (let i = 0; i < 3; i++) {
        last = await postComment(site, {
          article_id: String(ids.open),
          comment: `chatty ${i}`,
          author_email: email,
        });
        statuses.push(last.statusCode);
      }
      assert.deepEqual(statuses, [303, 303, 429]);
      assert.ok(Number(last!.headers['retry-after']) > 0);
      // The form page keeps the text.
      assert.match(last!.body, /chatty 2/);
    } finally {
      await site.services.settings.set('commentRateLimitPerEmailPerHour', 100_000);
    }
  });
});

describe('remembering the commenter', () => {
  test('only with consent: the details come back on a private page, and unticking forgets', async () => {
    const without = await postComment(site, {
      article_id: String(ids.open),
      comment: 'no consent',
    });
    assert.doesNotMatch(String(without.headers['set-cookie'] ?? ''), /newsdesk_commenter/);

    const res = await postComment(site, {
      article_id: String(ids.open),
      comment: 'remember me',
      author_name: 'Kemal',
      author_email: 'kemal@example.org',
      author_url: 'https://kemal.example.org',
      remember: '1',
    });
    const cookie = cookieFrom(res.headers['set-cookie'], 'newsdesk_commenter');
    const path = await pathOf(ids.open);
    const page = await site.app.inject({ url: path, headers: { cookie } });
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.match(page.body, /id="comment-name"[^>]*value="Kemal"/);
    assert.match(page.body, /value="kemal@example.org"/);
    assert.match(page.body, /id="comment-remember"[^>]*checked/);

    const forget = await postComment(
      site,
      { article_id: String(ids.open), comment: 'forget me now' },
      { cookie },
    );
    assert.match(String(forget.headers['set-cookie']), /newsdesk_commenter=;.*Max-Age=0/);
  });
});
