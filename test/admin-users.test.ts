import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { invitePerson } from '../src/accounts/invitations.js';
import { createMailer, LogMailer } from '../src/accounts/mailer.js';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import {
  get,
  logIn,
  ORIGIN,
  PASSWORD,
  post,
  type StaffSession,
  staffSession,
} from './admin-support.js';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
let admin: StaffSession;

before(async () => {
  site = await startTestSite();
  admin = await staffSession(site, 'administrator', 'chief@newsroom.example');
});
after(() => site.close());

const accountOf = async (email: string) =>
  (await site.services.accounts.listAccounts()).find((u) => u.email === email)!;

describe('the users screen', () => {
  test('lists everyone with email, status and role (administrators only)', async () => {
    const editor = await staffSession(site, 'editor', 'desk@newsroom.example');
    const res = await get(site, admin, '/admin/users/');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /desk@newsroom\.example/);
    assert.match(res.body, /Chief|Administrator Person \(you\)/);
    assert.equal((await get(site, editor, '/admin/users/')).statusCode, 403);
  });

  test('inviting creates the person without a password; the link (logged without SMTP) lets them in', async () => {
    const res = await post(site, admin, '/admin/users/invite/', {
      email: 'New.Reporter@Newsroom.example',
      name: 'New Reporter',
      role: 'author',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/users/?done=invited-logged');
    const invited = await accountOf('new.reporter@newsroom.example');
    assert.equal(invited.role, 'author');
    assert.equal(invited.hasPassword, false);
    const page = await get(site, admin, '/admin/users/?done=invited-logged');
    assert.match(page.body, /the link is in the server log/);
    assert.match(page.body, /Invited \(no password yet\)/);
  });

  test('without SMTP_URL the invitation link goes to the log (by user id, never the address) and works once', async () => {
    // Only the no-SMTP path is tested: no mail server is run in tests. With SMTP_URL set,
    // createMailer returns the nodemailer transport instead.
    assert.ok(
      createMailer({ smtpUrl: undefined, siteUrl: ORIGIN, siteName: 'x', log: console }) instanceof
        LogMailer,
    );
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const mailer = new LogMailer({
      info: ((obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg })) as never,
    });
    const result = await invitePerson(
      {
        accounts: site.services.accounts,
        createPerson: (p) => site.services.taxonomy.createAuthor(p),
        mailer,
        siteUrl: ORIGIN,
        siteName: async () => 'The Harbour Gazette',
      },
      { email: 'photo@newsroom.example', name: 'Photo Desk', role: 'contributor' },
    );
    assert.ok(result.ok);
    assert.equal(lines.length, 1);
    const logged = JSON.stringify(lines[0]);
    assert.doesNotMatch(logged, /photo@newsroom/, 'the log never holds the address');
    assert.equal(lines[0]!.obj.userId, result.userId);
    const link = String(lines[0]!.obj.link);
    assert.match(link, /^http:\/\/newsdesk\.test\/admin\/invite\/[A-Za-z0-9_-]+\/$/);
    const path = new URL(link).pathname;
    const chosen = await site.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      payload: `password=${encodeURIComponent(PASSWORD)}`,
    });
    assert.equal(chosen.statusCode, 200);
    await logIn(site, 'photo@newsroom.example');
    const reused = await site.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      payload: `password=${encodeURIComponent(PASSWORD)}`,
    });
    assert.equal(reused.statusCode, 410);
  });

  test('an invitation with a taken address, no name or an unknown role is shown again with errors', async () => {
    const res = await post(site, admin, '/admin/users/invite/', {
      email: 'desk@newsroom.example',
      name: '',
      role: 'overlord',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /This address already has an account\./);
    assert.match(res.body, /Enter a name\./);
    assert.match(res.body, /Choose a role\./);
    assert.match(res.body, /value="desk@newsroom\.example"/);
  });

  test('changing a role applies at once: the person’s sessions end', async () => {
    const writer = await staffSession(site, 'author', 'writer@newsroom.example');
    const res = await post(site, admin, `/admin/users/${writer.id}/role/`, { role: 'editor' });
    assert.equal(res.statusCode, 303);
    assert.equal((await accountOf('writer@newsroom.example')).role, 'editor');
    assert.equal((await get(site, writer, '/admin/')).statusCode, 303, 'old session ended');
    const again = await logIn(site, 'writer@newsroom.example');
    const queue = await site.app.inject({
      url: '/admin/comments/',
      cookies: { [SESSION_COOKIE]: again.token },
    });
    assert.equal(queue.statusCode, 200, 'the new role grants moderation');
    const bad = await post(site, admin, `/admin/users/${writer.id}/role/`, { role: 'king' });
    assert.equal(bad.statusCode, 400);
  });

  test('deactivating ends every session and refuses logins; an administrator cannot lock themselves out', async () => {
    const leaver = await staffSession(site, 'editor', 'leaver@newsroom.example');
    const res = await post(site, admin, `/admin/users/${leaver.id}/deactivate/`);
    assert.equal(res.statusCode, 303);
    assert.equal((await get(site, leaver, '/admin/')).statusCode, 303);
    const login = await site.app.inject({
      method: 'POST',
      url: '/admin/login/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      payload: new URLSearchParams({
        email: 'leaver@newsroom.example',
        password: PASSWORD,
      }).toString(),
    });
    assert.equal(login.statusCode, 401);
    const list = await get(site, admin, '/admin/users/');
    assert.match(list.body, /Deactivated/);
    // Reactivating offers the least powerful role first, never administrator by accident.
    const row = list.body.slice(list.body.indexOf(`/admin/users/${leaver.id}/role/`));
    assert.match(row.slice(0, 800), /<option value="contributor" selected>/);
    assert.match(row.slice(0, 1200), /Reactivate/);
    const self = await post(site, admin, `/admin/users/${admin.id}/deactivate/`);
    assert.equal(self.statusCode, 403);
    const selfRole = await post(site, admin, `/admin/users/${admin.id}/role/`, { role: 'author' });
    assert.equal(selfRole.statusCode, 403);
    assert.equal((await get(site, admin, '/admin/')).statusCode, 200);
  });

  test('“log out everywhere” for a person ends all of their sessions', async () => {
    const roaming = await staffSession(site, 'author', 'roaming@newsroom.example');
    const second = await logIn(site, 'roaming@newsroom.example');
    assert.equal((await accountOf('roaming@newsroom.example')).sessions, 2);
    const res = await post(site, admin, `/admin/users/${roaming.id}/sessions/revoke/`);
    assert.equal(res.statusCode, 303);
    assert.equal((await accountOf('roaming@newsroom.example')).sessions, 0);
    for (const token of [roaming.token, second.token]) {
      const page = await site.app.inject({ url: '/admin/', cookies: { [SESSION_COOKIE]: token } });
      assert.equal(page.statusCode, 303);
    }
  });
});

describe('your profile', () => {
  test('anyone signed in can change their name and biography', async () => {
    const contributor = await staffSession(site, 'contributor', 'stringer@newsroom.example');
    const res = await post(site, contributor, '/admin/profile/', {
      name: 'Sam Stringer',
      bio: 'Covers the harbour & the ferries.',
    });
    assert.equal(res.statusCode, 303);
    const page = await get(site, contributor, '/admin/profile/?done=profile');
    assert.match(page.body, /value="Sam Stringer"/);
    assert.match(page.body, /Covers the harbour &amp; the ferries\./);
    const empty = await post(site, contributor, '/admin/profile/', { name: ' ', bio: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter your name\./);
  });

  test('a password change needs the current password and ends the other sessions', async () => {
    const me = await staffSession(site, 'author', 'changer@newsroom.example');
    const elsewhere = await logIn(site, 'changer@newsroom.example');
    const wrong = await post(site, me, '/admin/profile/password/', {
      current: 'not my password',
      password: 'a brand new long password',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /That is not your current password\./);
    const short = await post(site, me, '/admin/profile/password/', {
      current: PASSWORD,
      password: 'short',
    });
    assert.equal(short.statusCode, 400);
    const ok = await post(site, me, '/admin/profile/password/', {
      current: PASSWORD,
      password: 'a brand new long password',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal((await get(site, me, '/admin/profile/')).statusCode, 200, 'this session stays');
    const other = await site.app.inject({
      url: '/admin/',
      cookies: { [SESSION_COOKIE]: elsewhere.token },
    });
    assert.equal(other.statusCode, 303, 'the other session ended');
    await logIn(site, 'changer@newsroom.example', 'a brand new long password');
  });
});
