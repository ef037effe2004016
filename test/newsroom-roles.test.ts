import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Role } from '../src/accounts/roles.js';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import type { Actor } from '../src/newsroom/newsroom.js';
import { startTestSite, type TestSite } from './support/test-site.js';

/**
 * Every newsroom endpoint for every role, on the role's own work and on someone else's, drafts and
 * published: allowed answers 2xx, anything else exactly 403.
 */
const PASSWORD = 'a long newsroom password';
const ROLES: Role[] = ['contributor', 'author', 'editor', 'administrator'];
const API = '/admin/api/articles';

let site: TestSite;
const sessions = {} as Record<Role, { token: string; csrf: string; actor: Actor }>;
let other: Actor;
let publisher: Actor;

before(async () => {
  site = await startTestSite();
  const make = async (role: Role, email: string) => {
    const id = await site.services.taxonomy.createAuthor({ name: email, email, role });
    await site.services.accounts.setPassword(id, PASSWORD);
    return { id, name: email, role } satisfies Actor;
  };
  for (const role of ROLES) {
    const actor = await make(role, `${role}@roles.example`);
    const login = await site.services.accounts.login(actor.name, PASSWORD, '127.0.0.1');
    assert.ok(login.ok);
    sessions[role] = { token: login.token, csrf: login.session.csrfToken, actor };
  }
  other = await make('author', 'other@roles.example');
  publisher = await make('editor', 'publisher@roles.example');
});
after(() => site.close());

type Subject = 'ownDraft' | 'othersDraft' | 'ownPublished' | 'othersPublished';

async function subject(role: Role, kind: Subject) {
  const owner = kind.startsWith('own') ? sessions[role].actor : other;
  const { article, revisionId } = await site.services.newsroom.create(owner, {
    headline: `${kind} of ${role}`,
    bodyHtml: '<p>Text.</p>',
  });
  const second = await site.services.newsroom.save(owner, article.id, { dek: 'Second' });
  if (kind.endsWith('Published'))
    await site.services.newsroom.transition(publisher, article.id, 'publish');
  return { id: article.id, first: revisionId, head: second.revisionId };
}

type Call = [method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown];
const future = () => new Date(site.clock.now.getTime() + 86_400_000).toISOString();

const cases: {
  name: string;
  on: Subject[];
  call: (s: { id: number; first: number; head: number }) => Call;
  allowed: (role: Role, on: Subject) => boolean;
}[] = [];
const staff = (role: Role) => role === 'editor' || role === 'administrator';
const publishes = (role: Role, on: Subject) =>
  staff(role) || (role === 'author' && on.startsWith('own'));
const views = (role: Role, on: Subject) => staff(role) || on.startsWith('own');
const edits = (role: Role, on: Subject) =>
  staff(role) || (on === 'ownDraft' ? true : on === 'ownPublished' && role === 'author');
const ALL: Subject[] = ['ownDraft', 'othersDraft', 'ownPublished', 'othersPublished'];
const DRAFTS: Subject[] = ['ownDraft', 'othersDraft'];
const PUBLISHED: Subject[] = ['ownPublished', 'othersPublished'];

cases.push(
  { name: 'GET one', on: ALL, call: (s) => ['GET', `${API}/${s.id}`], allowed: views },
  {
    name: 'GET revisions',
    on: ALL,
    call: (s) => ['GET', `${API}/${s.id}/revisions`],
    allowed: views,
  },
  {
    name: 'GET revision',
    on: ALL,
    call: (s) => ['GET', `${API}/${s.id}/revisions/${s.first}`],
    allowed: views,
  },
  {
    name: 'GET diff',
    on: ALL,
    call: (s) => ['GET', `${API}/${s.id}/diff?from=${s.first}&to=${s.head}`],
    allowed: views,
  },
  {
    name: 'PUT save',
    on: ALL,
    call: (s) => ['PUT', `${API}/${s.id}`, { dek: 'Edited' }],
    allowed: edits,
  },
  {
    name: 'POST autosave',
    on: ALL,
    call: (s) => [
      'POST',
      `${API}/${s.id}/autosave`,
      { baseRevisionId: s.head, clientSaveId: 'c1', fields: { dek: 'Auto' } },
    ],
    allowed: edits,
  },
  {
    name: 'POST restore',
    on: ALL,
    call: (s) => ['POST', `${API}/${s.id}/revisions/${s.first}/restore`, {}],
    allowed: edits,
  },
  { name: 'POST lock', on: ALL, call: (s) => ['POST', `${API}/${s.id}/lock`, {}], allowed: edits },
  {
    name: 'POST takeover',
    on: ALL,
    call: (s) => ['POST', `${API}/${s.id}/lock/takeover`, {}],
    allowed: edits,
  },
  {
    name: 'submit',
    on: DRAFTS,
    call: (s) => ['POST', `${API}/${s.id}/transitions`, { action: 'submit' }],
    allowed: (role, on) => staff(role) || on === 'ownDraft',
  },
  {
    name: 'publish',
    on: DRAFTS,
    call: (s) => ['POST', `${API}/${s.id}/transitions`, { action: 'publish' }],
    allowed: publishes,
  },
  {
    name: 'schedule',
    on: DRAFTS,
    call: (s) => ['POST', `${API}/${s.id}/transitions`, { action: 'schedule', at: future() }],
    allowed: publishes,
  },
  {
    name: 'unpublish',
    on: PUBLISHED,
    call: (s) => ['POST', `${API}/${s.id}/transitions`, { action: 'unpublish' }],
    allowed: publishes,
  },
  {
    name: 'trash draft',
    on: DRAFTS,
    call: (s) => ['POST', `${API}/${s.id}/transitions`, { action: 'trash' }],
    allowed: (role, on) => staff(role) || on === 'ownDraft',
  },
  {
    name: 'trash published',
    on: PUBLISHED,
    call: (s) => ['POST', `${API}/${s.id}/transitions`, { action: 'trash' }],
    allowed: publishes,
  },
  {
    name: 'embargo',
    on: DRAFTS,
    call: (s) => ['POST', `${API}/${s.id}/embargo`, { until: future() }],
    allowed: publishes,
  },
  {
    name: 'correction',
    on: PUBLISHED,
    call: (s) => ['POST', `${API}/${s.id}/corrections`, { kind: 'correction', text: 'Fixed.' }],
    allowed: (role) => staff(role),
  },
);

async function send(role: Role, [method, url, body]: Call) {
  const { token, csrf } = sessions[role];
  return site.app.inject({
    method,
    url,
    cookies: { [SESSION_COOKIE]: token },
    headers: {
      origin: 'http://newsdesk.test',
      'x-csrf-token': csrf,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
}

describe('newsroom role matrix', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const role of ROLES) {
        for (const on of c.on) {
          const s = await subject(role, on);
          const res = await send(role, c.call(s));
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          outcomes.push(`${role} ${on}: ${ok ? 'allowed' : res.statusCode}`);
          expected.push(`${role} ${on}: ${c.allowed(role, on) ? 'allowed' : 403}`);
        }
      }
      assert.deepEqual(outcomes, expected);
    });
  }

  test('create and list: everyone may write; only editors and up list others’ work', async () => {
    for (const role of ROLES) {
      const created = await send(role, ['POST', API, { headline: `Made by ${role}` }]);
      assert.equal(created.statusCode, 201, role);
      const list = JSON.parse((await send(role, ['GET', `${API}?perPage=100`])).body);
      const foreign = list.items.filter(
        (i: { authors: { id: number }[] }) =>
          !i.authors.some((a) => a.id === sessions[role].actor.id),
      );
      assert.equal(foreign.length > 0, staff(role), role);
    }
  });

  test('bulk actions check each article on its own', async () => {
    const mine = await subject('author', 'ownDraft');
    const theirs = await subject('author', 'othersDraft');
    const res = JSON.parse(
      (
        await send('author', [
          'POST',
          `${API}/bulk`,
          { ids: [mine.id, theirs.id], action: 'publish' },
        ])
      ).body,
    );
    assert.deepEqual(
      res.results.map((r: { ok: boolean; error?: { code: string } }) =>
        r.ok ? 'ok' : r.error?.code,
      ),
      ['ok', 'FORBIDDEN'],
    );
  });
});
