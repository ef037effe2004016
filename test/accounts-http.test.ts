import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOGIN_LIMIT, SESSION_ABSOLUTE_MS } from '../src/accounts/account-service.js';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
const PASSWORD = 'a long newsroom password';
before(async () => {
  site = await startTestSite();
  for (const [email, role] of [
    ['editor@newsroom.example', 'editor'],
    ['brute@newsroom.example', 'author'],
  ] as const) {
    const id = await site.services.taxonomy.createAuthor({
      name: email.split('@')[0]!,
      email,
      role,
    });
    await site.services.accounts.setPassword(id, PASSWORD);
  }
});
after(() => site.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = {
  'content-type': 'application/x-www-form-urlencoded',
  origin: 'http://newsdesk.test',
};

async function logIn(email = 'editor@newsroom.example', extraCookie?: string) {
  const res = await site.app.inject({
    method: 'POST',
    url: '/admin/login/',
    headers: { ...formHeaders, ...(extraCookie ? { cookie: extraCookie } : {}) },
    payload: form({ email, password: PASSWORD, next: '/admin/' }),
  });
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  return { res, cookie };
}

async function csrfOf(token: string) {
  const page = await site.app.inject({ url: '/admin/', cookies: { [SESSION_COOKIE]: token } });
  const match = page.body.match(/name="_csrf" value="([^"]+)"/);
  assert.ok(match, 'the dashboard carries a CSRF token');
  return match[1]!;
}

describe('logging in', () => {
  test('the login page is a labelled form and is never cached', async () => {
    const res = await site.app.inject('/admin/login/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<label for="login-email">/);
    assert.match(res.headers['cache-control'] as string, /no-store/);
  });

  test('the newsroom redirects anonymous visitors to the login form', async () => {
    const res = await site.app.inject('/admin/');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/login/?next=%2Fadmin%2F');
  });

  test('a right password sets an HttpOnly, SameSite=Lax session cookie and opens the dashboard', async () => {
    const { res, cookie } = await logIn();
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Lax');
    const dashboard = await site.app.inject({
      url: '/admin/',
      cookies: { [SESSION_COOKIE]: cookie!.value },
    });
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Welcome, editor/);
  });

  test('a wrong password keeps the email typed and says nothing about which part was wrong', async () => {
    const wrong = await site.app.inject({
      method: 'POST',
      url: '/admin/login/',
      headers: formHeaders,
      payload: form({ email: 'editor@newsroom.example', password: 'not the password' }),
    });
    const unknown = await site.app.inject({
      method: 'POST',
      url: '/admin/login/',
      headers: formHeaders,
      payload: form({ email: 'nobody@newsroom.example', password: 'not the password' }),
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    assert.match(wrong.body, /value="editor@newsroom.example"/);
    const message = (body: string) => body.match(/role="alert"[^>]*>([^<]+)</)?.[1];
    assert.equal(message(wrong.body), message(unknown.body));
  });

  test('a session cookie planted before login is replaced (no session fixation)', async () => {
    const { cookie } = await logIn(
      'editor@newsroom.example',
      `${SESSION_COOKIE}=planted-by-attacker-123456`,
    );
    assert.ok(cookie && cookie.value !== 'planted-by-attacker-123456');
    const planted = await site.app.inject({
      url: '/admin/',
      cookies: { [SESSION_COOKIE]: 'planted-by-attacker-123456' },
    });
    assert.equal(planted.statusCode, 303);
  });

  test('a login form posted from another site is refused', async () => {
    const res = await site.app.inject({
      method: 'POST',
      url: '/admin/login/',
      headers: { ...formHeaders, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: form({ email: 'editor@newsroom.example', password: PASSWORD }),
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.cookies.length, 0);
  });

  test('the next parameter never leads off the newsroom', async () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example', '/2026/']) {
      const res = await site.app.inject({
        method: 'POST',
        url: '/admin/login/',
        headers: formHeaders,
        payload: form({ email: 'editor@newsroom.example', password: PASSWORD, next }),
      });
      assert.equal(res.headers.location, '/admin/', next);
    }
  });

  test('brute force is answered with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < LOGIN_LIMIT.perAccount; i++) {
      const res = await site.app.inject({
        method: 'POST',
        url: '/admin/login/',
        headers: formHeaders,
        payload: form({ email: 'brute@newsroom.example', password: `guess ${i} of many` }),
      });
      assert.equal(res.statusCode, 401);
    }
    const blocked = await site.app.inject({
      method: 'POST',
      url: '/admin/login/',
      headers: formHeaders,
      payload: form({ email: 'brute@newsroom.example', password: PASSWORD }),
    });
    assert.equal(blocked.statusCode, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal(blocked.cookies.length, 0);
  });
});

describe('state-changing requests in the newsroom', () => {
  test('log out needs the CSRF token: missing or wrong is 403, right ends the session', async () => {
    const { cookie } = await logIn();
    const token = cookie!.value;
    const csrf = await csrfOf(token);
    const post = (payload: Record<string, string>) =>
      site.app.inject({
        method: 'POST',
        url: '/admin/logout/',
        headers: formHeaders,
        cookies: { [SESSION_COOKIE]: token },
        payload: form(payload),
      });
    assert.equal((await post({})).statusCode, 403);
    assert.equal((await post({ _csrf: `${csrf.slice(0, -2)}xx` })).statusCode, 403);
    const ok = await post({ _csrf: csrf });
    assert.equal(ok.statusCode, 303);
    const after = await site.app.inject({ url: '/admin/', cookies: { [SESSION_COOKIE]: token } });
    assert.equal(after.statusCode, 303, 'the old cookie no longer opens the newsroom');
  });

  test('an expired session is sent back to the login form', async () => {
    const { cookie } = await logIn();
    const start = site.clock.now;
    site.clock.now = new Date(start.getTime() + SESSION_ABSOLUTE_MS + 60_000);
    try {
      const res = await site.app.inject({
        url: '/admin/',
        cookies: { [SESSION_COOKIE]: cookie!.value },
      });
      assert.equal(res.statusCode, 303);
      assert.match(res.headers.location as string, /^\/admin\/login\//);
    } finally {
      site.clock.now = start;
    }
  });
});

describe('password reset', () => {
  test('the answer is the same for known and unknown addresses, and the link works once', async () => {
    const ask = (email: string) =>
      site.app.inject({
        method: 'POST',
        url: '/admin/reset-password/',
        headers: formHeaders,
        payload: form({ email }),
      });
    const known = await ask('editor@newsroom.example');
    const unknown = await ask('ghost@newsroom.example');
    assert.equal(known.statusCode, 200);
    assert.equal(
      known.body.replace('editor@newsroom.example', 'X'),
      unknown.body.replace('ghost@newsroom.example', 'X'),
    );
    const reset = await site.services.accounts.requestPasswordReset('editor@newsroom.example');
    const use = (password: string) =>
      site.app.inject({
        method: 'POST',
        url: `/admin/reset/${reset!.token}/`,
        headers: formHeaders,
        payload: form({ password }),
      });
    assert.equal((await use('short')).statusCode, 400);
    assert.equal((await use('a brand new password')).statusCode, 200);
    assert.equal((await use('another new password')).statusCode, 410);
  });
});
