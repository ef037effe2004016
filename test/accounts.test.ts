import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { LOGIN_LIMIT, SESSION_IDLE_MS } from '../src/accounts/account-service.js';
import { can } from '../src/accounts/roles.js';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
before(async () => {
  site = await startTestSite();
});
after(() => site.close());

async function makeUser(email: string, role = 'editor', password = 'correct horse battery') {
  const id = await site.services.taxonomy.createAuthor({ name: email.split('@')[0]!, email, role });
  await site.services.accounts.setPassword(id, password);
  return id;
}

describe('roles', () => {
  test('capabilities follow the newsroom hierarchy', () => {
    assert.ok(can('contributor', 'write_drafts'));
    assert.ok(!can('contributor', 'publish_own'));
    assert.ok(!can('contributor', 'upload_media'));
    assert.ok(can('author', 'publish_own') && !can('author', 'edit_others'));
    assert.ok(can('editor', 'moderate_comments') && can('editor', 'publish_others'));
    assert.ok(!can('editor', 'manage_users') && can('administrator', 'manage_users'));
    assert.ok(!can('nobody', 'write_drafts'));
  });
});

describe('login and sessions', () => {
  test('a right password opens a session; the stored password is a salted scrypt hash', async () => {
    await makeUser('ada@newsroom.example');
    await makeUser('bob@newsroom.example');
    const result = await site.services.accounts.login(
      'Ada@Newsroom.example',
      'correct horse battery',
      '10.0.0.1',
    );
    assert.ok(result.ok);
    const session = await site.services.accounts.session(result.token);
    assert.equal(session?.account.email, 'ada@newsroom.example');
    const rows = await site.storage.db
      .selectFrom('users')
      .select(['email', 'password_hash'])
      .execute();
    const hashOf = (e: string) => rows.find((r) => r.email === e)?.password_hash ?? '';
    const a = hashOf('ada@newsroom.example');
    const b = hashOf('bob@newsroom.example');
    assert.match(a, /^scrypt\$/);
    assert.notEqual(a, b, 'same password, different salt, different hash');
    const stored = await site.storage.db.selectFrom('sessions').select('token_hash').execute();
    assert.ok(
      stored.every((s) => s.token_hash !== result.token),
      'only a hash of the token is stored',
    );
  });

  test('unknown account and wrong password get the same answer', async () => {
    const unknown = await site.services.accounts.login(
      'nobody@newsroom.example',
      'whatever-long',
      '10.0.0.2',
    );
    const wrong = await site.services.accounts.login(
      'ada@newsroom.example',
      'wrong password!',
      '10.0.0.2',
    );
    assert.deepEqual(unknown, { ok: false, reason: 'invalid' });
    assert.deepEqual(wrong, { ok: false, reason: 'invalid' });
  });

  test('each login gets a fresh token, and logout everywhere ends them all', async () => {
    const id = await makeUser('cem@newsroom.example');
    const one = await site.services.accounts.login(
      'cem@newsroom.example',
      'correct horse battery',
      '10.0.0.3',
    );
    const two = await site.services.accounts.login(
      'cem@newsroom.example',
      'correct horse battery',
      '10.0.0.3',
    );
    assert.ok(one.ok && two.ok);
    assert.notEqual(one.token, two.token);
    await site.services.accounts.logoutEverywhere(id);
    assert.equal(await site.services.accounts.session(one.token), undefined);
    assert.equal(await site.services.accounts.session(two.token), undefined);
  });

  test('sessions expire after the idle time', async () => {
    await makeUser('dee@newsroom.example');
    const start = site.clock.now;
    const login = await site.services.accounts.login(
      'dee@newsroom.example',
      'correct horse battery',
      '10.0.0.4',
    );
    assert.ok(login.ok);
    site.clock.now = new Date(start.getTime() + SESSION_IDLE_MS + 1000);
    try {
      assert.equal(await site.services.accounts.session(login.token), undefined);
    } finally {
      site.clock.now = start;
    }
  });

  test('repeated failures lock the account for a while, even with the right password', async () => {
    await makeUser('eve@newsroom.example');
    for (let i = 0; i < LOGIN_LIMIT.perAccount; i++) {
      const r = await site.services.accounts.login(
        'eve@newsroom.example',
        `guess number ${i}`,
        `10.1.0.${i}`,
      );
      assert.equal(r.ok, false);
    }
    const locked = await site.services.accounts.login(
      'eve@newsroom.example',
      'correct horse battery',
      '10.1.1.1',
    );
    assert.equal(locked.ok, false);
    assert.equal(!locked.ok && locked.reason, 'throttled');
    assert.ok(!locked.ok && locked.reason === 'throttled' && locked.retryAfterSeconds > 0);
  });
});

describe('one-time links', () => {
  test('an invitation sets a password once; a second use fails', async () => {
    const id = await site.services.taxonomy.createAuthor({
      name: 'Fay',
      email: 'fay@newsroom.example',
      role: 'author',
    });
    const token = await site.services.accounts.issueToken(id, 'invitation');
    assert.equal(
      await site.services.accounts.redeemToken(token, 'password_reset', 'a new password'),
      false,
    );
    assert.equal(
      await site.services.accounts.redeemToken(token, 'invitation', 'a new password'),
      true,
    );
    assert.equal(
      await site.services.accounts.redeemToken(token, 'invitation', 'another password'),
      false,
    );
    const login = await site.services.accounts.login(
      'fay@newsroom.example',
      'a new password',
      '10.0.0.6',
    );
    assert.ok(login.ok);
  });

  test('a reset request for an unknown email gives nothing to act on', async () => {
    assert.equal(
      await site.services.accounts.requestPasswordReset('ghost@newsroom.example'),
      undefined,
    );
    const reset = await site.services.accounts.requestPasswordReset('ada@newsroom.example');
    assert.ok(reset && reset.token.length >= 40);
  });
});

describe('newsdesk user create', () => {
  test('creates an administrator with a password from stdin, and refuses a short one', async (t) => {
    const env = { ...process.env, DATABASE_URL: site.config.databaseUrl, LOG_LEVEL: 'silent' };
    const cli = [
      '--import',
      'tsx',
      'src/cli/index.ts',
      'user',
      'create',
      '--email',
      'chief@newsroom.example',
      '--name',
      'Chief Editor',
      '--role',
      'administrator',
    ];
    const short = spawnSync(process.execPath, cli, { env, input: 'short\n', encoding: 'utf8' });
    assert.notEqual(short.status, 0);
    assert.match(short.stderr, /at least 10 characters/);
    const out = execFileSync(process.execPath, cli, {
      env,
      input: 'a long enough secret\n',
      encoding: 'utf8',
    });
    assert.match(out, /Created administrator Chief Editor/);
    const login = await site.services.accounts.login(
      'chief@newsroom.example',
      'a long enough secret',
      '10.0.0.7',
    );
    assert.ok(login.ok && login.session.account.role === 'administrator');
    t.diagnostic('created through the CLI and logged in through the service');
  });
});
