import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  LOGIN_LIMIT,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from '../src/accounts/account-service.js';
import { type Capability, can, type Role, roles } from '../src/accounts/roles.js';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import {
  createStaff,
  logIn,
  ORIGIN,
  PASSWORD,
  post,
  type StaffSession,
  staffSession,
} from './admin-support.js';
import { formatVnuErrors, javaSkip, validateHtml } from './support/html-validator.js';
import { startTestSite, type TestSite } from './support/test-site.js';

/**
 * Every `/admin` route the app registers, for anonymous visitors and each role, with the exact
 * status each must get. Routes are read from the running app (`printRoutes`), so screens added
 * later are checked too: a route missing from the table below must at least never answer an
 * anonymous visitor with a 2xx.
 */

type Access = { public: true } | { staff: true; capability?: Capability };

/** Longest matching prefix wins. `public`: open to all; `staff`: any signed-in role. */
const ACCESS: [prefix: string, access: Access][] = [
  ['/admin/login/', { public: true }],
  ['/admin/reset-password/', { public: true }],
  ['/admin/reset/', { public: true }],
  ['/admin/invite/', { public: true }],
  ['/admin/logout/', { staff: true }],
  ['/admin/logout-everywhere/', { staff: true }],
  ['/admin/profile/', { staff: true }],
  ['/admin/comments/', { staff: true, capability: 'moderate_comments' }],
  ['/admin/categories/', { staff: true, capability: 'manage_taxonomy' }],
  ['/admin/tags/', { staff: true, capability: 'manage_taxonomy' }],
  ['/admin/users/', { staff: true, capability: 'manage_users' }],
  ['/admin/settings/', { staff: true, capability: 'manage_settings' }],
];

function accessOf(path: string): Access | undefined {
  if (path === '/admin/') return { staff: true };
  const match = ACCESS.filter(([prefix]) => path.startsWith(prefix)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0];
  return match?.[1];
}

interface RouteEntry {
  path: string;
  methods: string[];
}

/** Parses Fastify's `printRoutes({ commonPrefix: false })` tree into full paths and methods. */
function routesOf(tree: string): RouteEntry[] {
  const out: RouteEntry[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)(?:[├└]── )?(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m?.[2]) continue;
    const depth = m[1]!.length / 4 + (line.includes('── ') ? 1 : 0);
    const segment = m[2];
    stack.length = depth;
    const parent = depth > 0 ? (stack[depth - 1] ?? '') : '';
    const full =
      depth === 0
        ? segment
        : `${parent}${parent.endsWith('/') || segment.startsWith('/') ? '' : '/'}${segment}`;
    stack[depth] = full;
    if (m[3]) out.push({ path: full, methods: m[3].split(', ') });
  }
  return out;
}

let site: TestSite;
let routes: RouteEntry[];
const sessions = new Map<Role, StaffSession>();
let ids: { article: number; comment: number; category: number; tag: number; target: number };

before(async () => {
  site = await startTestSite({ now: new Date('2026-06-01T12:00:00Z') });
  await site.app.ready();
  routes = routesOf(site.app.printRoutes({ commonPrefix: false })).filter((r) =>
    r.path.startsWith('/admin'),
  );
  for (const role of roles) sessions.set(role, await staffSession(site, role));
  const { services } = site;
  const article = await services.articles.create({
    title: 'Matrix story',
    bodyHtml: '<p>Text.</p>',
    authorIds: [],
    status: 'published',
    publishedAt: '2026-05-30T09:00:00.000Z',
  });
  const comment = await services.comments.record({
    articleId: article,
    parentId: null,
    authorName: 'Reader',
    authorEmail: 'reader@example.org',
    authorUrl: null,
    body: 'Held for the matrix.',
    status: 'pending',
  });
  const category = await services.taxonomy.createCategory({ name: 'Matrix section' });
  const tag = await services.taxonomy.ensureTag('Matrix tag');
  const target = await createStaff(site, 'contributor', 'target@newsroom.example');
  ids = { article, comment, category, tag, target };
});
after(() => site.close());

/** A concrete URL for a route pattern: real ids for our screens, a plausible token otherwise. */
function concrete(path: string): string {
  const idFor = path.startsWith('/admin/comments/bans/')
    ? 999_999
    : path.startsWith('/admin/comments/')
      ? ids.comment
      : path.startsWith('/admin/categories/')
        ? ids.category
        : path.startsWith('/admin/tags/')
          ? ids.tag
          : path.startsWith('/admin/users/')
            ? ids.target
            : ids.article;
  return path
    .replace(/:token/g, 'x'.repeat(43))
    .replace(/:[A-Za-z]+/g, String(idFor))
    .replace(/\*$/, 'x');
}

const sessionCookie = (s: StaffSession) => ({ [SESSION_COOKIE]: s.token });

describe('role matrix over every /admin route', () => {
  test('the app registers the newsroom screens this matrix is about', () => {
    const paths = new Set(routes.map((r) => r.path));
    for (const p of [
      '/admin/',
      '/admin/comments/',
      '/admin/settings/',
      '/admin/users/',
      '/admin/categories/',
      '/admin/tags/',
      '/admin/profile/',
    ]) {
      assert.ok(paths.has(p), `${p} is registered (found: ${[...paths].join(' ')})`);
    }
  });

  test('GET: anonymous → login, a role without the capability → 403, with it → 200', async (t) => {
    const failures: string[] = [];
    const known: string[] = [];
    const unknown: string[] = [];
    for (const route of routes.filter((r) => r.methods.includes('GET'))) {
      const url = concrete(route.path);
      const access = accessOf(route.path);
      (access ? known : unknown).push(route.path);
      const anon = await site.app.inject({ url });
      if (!access) {
        if (anon.statusCode < 300 || anon.statusCode >= 500)
          failures.push(
            `GET ${url} anonymous: ${anon.statusCode} (unknown route must not be open)`,
          );
        continue;
      }
      if ('public' in access) {
        if (anon.statusCode !== 200) failures.push(`GET ${url} anonymous: ${anon.statusCode}`);
        continue;
      }
      const login = `/admin/login/?next=${encodeURIComponent(url)}`;
      if (anon.statusCode !== 303 || anon.headers.location !== login)
        failures.push(`GET ${url} anonymous: ${anon.statusCode} ${anon.headers.location}`);
      for (const role of roles) {
        const res = await site.app.inject({ url, cookies: sessionCookie(sessions.get(role)!) });
        const allowed = !access.capability || can(role, access.capability);
        const expected = allowed ? 200 : 403;
        if (res.statusCode !== expected)
          failures.push(`GET ${url} as ${role}: ${res.statusCode}, expected ${expected}`);
        if (allowed && !/no-store/.test(String(res.headers['cache-control'])))
          failures.push(`GET ${url} as ${role}: cacheable (${res.headers['cache-control']})`);
      }
    }
    t.diagnostic(
      `GET routes in the table: ${known.length}; other /admin GET routes: ${unknown.join(' ')}`,
    );
    assert.ok(known.length >= 14, `only ${known.length} known GET routes found`);
    assert.deepEqual(failures, []);
  });

  test('POST (and other changes): anonymous → 401, without the capability → 403, with it → handled', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const method of route.methods.filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m))) {
        const url = concrete(route.path);
        const access = accessOf(route.path);
        const anon = await site.app.inject({
          method: method as 'POST',
          url,
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
          payload: '',
        });
        if (!access) {
          if (anon.statusCode < 300 || anon.statusCode >= 500)
            failures.push(`${method} ${url} anonymous: ${anon.statusCode} (unknown route)`);
          continue;
        }
        if ('public' in access) continue; // login, reset and invitation forms: tested elsewhere
        if (anon.statusCode !== 401)
          failures.push(`${method} ${url} anonymous: ${anon.statusCode}`);
        for (const role of roles) {
          const allowed = !access.capability || can(role, access.capability);
          // Logging out ends the session used: give those requests a session of their own.
          const session = /logout/.test(url)
            ? { ...sessions.get(role)!, ...(await logIn(site, sessions.get(role)!.email)) }
            : sessions.get(role)!;
          const res = await post(site, session, url);
          // "Log out everywhere" ended the role's main session too: open a new one.
          if (/logout/.test(url)) {
            sessions.set(role, { ...session, ...(await logIn(site, session.email)) });
          }
          if (!allowed && res.statusCode !== 403)
            failures.push(`${method} ${url} as ${role}: ${res.statusCode}, expected 403`);
          if (allowed && ![200, 303, 400, 404].includes(res.statusCode))
            failures.push(`${method} ${url} as ${role}: ${res.statusCode}, expected it handled`);
        }
      }
    }
    assert.deepEqual(failures, []);
  });
});

test('every newsroom page in the table passes the Nu HTML checker', {
  skip: javaSkip(),
}, async () => {
  const documents: Record<string, string> = {};
  const admin = sessions.get('administrator')!;
  for (const route of routes.filter((r) => r.methods.includes('GET') && accessOf(r.path))) {
    const url = concrete(route.path);
    const res = await site.app.inject({ url, cookies: sessionCookie(admin) });
    if (res.statusCode === 200 && /text\/html/.test(String(res.headers['content-type'])))
      documents[url.replace(/[^a-z0-9]+/gi, '-')] = res.body;
  }
  // A form sent back with errors, too.
  documents['settings-errors'] = (
    await post(site, admin, '/admin/settings/', { postsPerPage: 'lots' })
  ).body;
  assert.ok(Object.keys(documents).length >= 12);
  const errors = await validateHtml(documents);
  const count = [...errors.values()].reduce((n, list) => n + list.length, 0);
  assert.equal(count, 0, `Nu HTML checker errors:\n${formatVnuErrors(errors)}`);
});

describe('sessions and forms', () => {
  test('session fixation: a token planted before login is not the one the login gives, and stays useless', async () => {
    const planted = 'planted-token-planted-token-planted-token-00';
    const res = await site.app.inject({
      method: 'POST',
      url: '/admin/login/',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      cookies: { [SESSION_COOKIE]: planted },
      payload: new URLSearchParams({
        email: sessions.get('editor')!.email,
        password: PASSWORD,
      }).toString(),
    });
    assert.equal(res.statusCode, 303);
    const issued = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    assert.notEqual(issued, planted);
    const withPlanted = await site.app.inject({
      url: '/admin/',
      cookies: { [SESSION_COOKIE]: planted },
    });
    assert.equal(withPlanted.statusCode, 303);
    // Two logins of the same person get two different sessions.
    const again = await logIn(site, sessions.get('editor')!.email);
    assert.notEqual(again.token, issued);
  });

  test('CSRF: a missing or wrong token, or another origin, is refused with 403 and changes nothing', async () => {
    const admin = sessions.get('administrator')!;
    const before = (await site.services.settings.all()).postsPerPage;
    const attempts = [
      await post(site, admin, '/admin/settings/', { postsPerPage: '2' }, { csrf: null }),
      await post(site, admin, '/admin/settings/', { postsPerPage: '2' }, { csrf: 'x'.repeat(43) }),
      await post(
        site,
        admin,
        '/admin/settings/',
        { postsPerPage: '2' },
        {
          csrf: sessions.get('editor')!.csrf,
        },
      ),
      await post(
        site,
        admin,
        '/admin/settings/',
        { postsPerPage: '2' },
        {
          headers: { origin: 'https://evil.example' },
        },
      ),
      await post(
        site,
        admin,
        `/admin/comments/${ids.comment}/`,
        { action: 'approve' },
        { csrf: null },
      ),
    ];
    assert.deepEqual(
      attempts.map((r) => r.statusCode),
      [403, 403, 403, 403, 403],
    );
    assert.equal((await site.services.settings.all()).postsPerPage, before);
    assert.equal((await site.services.comments.find(ids.comment))!.status, 'pending');
  });

  test('an expired session (idle or absolute) is sent back to the login form', async () => {
    const email = 'sleepy@newsroom.example';
    await createStaff(site, 'editor', email);
    const idle = await logIn(site, email);
    const start = site.clock.now;
    try {
      site.clock.now = new Date(start.getTime() + SESSION_IDLE_MS + 60_000);
      const res = await site.app.inject({
        url: '/admin/comments/',
        cookies: { [SESSION_COOKIE]: idle.token },
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/login/?next=%2Fadmin%2Fcomments%2F');
      const refused = await post(
        site,
        { id: 0, email, ...idle },
        `/admin/comments/${ids.comment}/`,
        {
          action: 'approve',
        },
      );
      assert.equal(refused.statusCode, 401);

      // Kept busy, a session still ends at its absolute limit.
      const busy = await logIn(site, email);
      const opened = site.clock.now.getTime();
      for (let t = opened; t < opened + SESSION_ABSOLUTE_MS; t += SESSION_IDLE_MS / 2) {
        site.clock.now = new Date(t);
        const ok = await site.app.inject({
          url: '/admin/',
          cookies: { [SESSION_COOKIE]: busy.token },
        });
        assert.equal(ok.statusCode, 200);
      }
      site.clock.now = new Date(opened + SESSION_ABSOLUTE_MS + 1000);
      const late = await site.app.inject({
        url: '/admin/',
        cookies: { [SESSION_COOKIE]: busy.token },
      });
      assert.equal(late.statusCode, 303);
    } finally {
      site.clock.now = start;
    }
  });

  test('brute force: after the limit even the right password gets 429 with Retry-After', async () => {
    const email = 'target-of-guessing@newsroom.example';
    await createStaff(site, 'author', email);
    const attempt = (password: string) =>
      site.app.inject({
        method: 'POST',
        url: '/admin/login/',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        remoteAddress: '203.0.113.9',
        payload: new URLSearchParams({ email, password }).toString(),
      });
    for (let i = 0; i < LOGIN_LIMIT.perAccount; i++) {
      assert.equal((await attempt(`guess number ${i}`)).statusCode, 401);
    }
    const blocked = await attempt(PASSWORD);
    assert.equal(blocked.statusCode, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal(blocked.cookies.length, 0, 'no session while throttled');
  });

  test('no user enumeration: unknown accounts and wrong passwords, and reset requests, read the same', async () => {
    const login = (email: string) =>
      site.app.inject({
        method: 'POST',
        url: '/admin/login/',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        remoteAddress: '198.51.100.7',
        payload: new URLSearchParams({ email, password: 'wrong password here' }).toString(),
      });
    const known = await login(sessions.get('author')!.email);
    const unknown = await login('nobody-here@newsroom.example');
    assert.equal(known.statusCode, unknown.statusCode);
    const message = (body: string) => body.match(/id="login-error">([^<]+)</)?.[1];
    assert.ok(message(known.body));
    assert.equal(message(known.body), message(unknown.body));

    const reset = (email: string) =>
      site.app.inject({
        method: 'POST',
        url: '/admin/reset-password/',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        payload: new URLSearchParams({ email }).toString(),
      });
    const a = await reset(sessions.get('author')!.email);
    const b = await reset('nobody-here@newsroom.example');
    assert.equal(a.statusCode, b.statusCode);
    const strip = (body: string, email: string) => body.replaceAll(email, 'EMAIL');
    assert.equal(
      strip(a.body, sessions.get('author')!.email),
      strip(b.body, 'nobody-here@newsroom.example'),
    );
  });
});
