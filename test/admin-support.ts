import assert from 'node:assert/strict';
import type { Role } from '../src/accounts/roles.js';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import type { TestSite } from './support/test-site.js';

/** Helpers shared by the newsroom screen tests (moderation, settings, users, role matrix). */

export const ORIGIN = 'http://newsdesk.test';
export const PASSWORD = 'a long newsroom password';

export interface StaffSession {
  id: number;
  email: string;
  token: string;
  csrf: string;
}

/** Creates a person with `role` and a password (as `newsdesk user create` does). */
export async function createStaff(site: TestSite, role: Role, email = `${role}@newsroom.example`) {
  const id = await site.services.taxonomy.createAuthor({
    name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`,
    email,
    role,
  });
  await site.services.accounts.setPassword(id, PASSWORD);
  return id;
}

/** Logs in through the form and reads the CSRF token from the dashboard. */
export async function logIn(site: TestSite, email: string, password = PASSWORD) {
  const res = await site.app.inject({
    method: 'POST',
    url: '/admin/login/',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    payload: new URLSearchParams({ email, password, next: '/admin/' }).toString(),
  });
  assert.equal(res.statusCode, 303, `login of ${email} answered ${res.statusCode}`);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const page = await site.app.inject({ url: '/admin/', cookies: { [SESSION_COOKIE]: token } });
  const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
  assert.ok(csrf, 'the dashboard carries a CSRF token');
  return { token, csrf };
}

/** A fresh person with `role`, logged in. */
export async function staffSession(
  site: TestSite,
  role: Role,
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@newsroom.example`,
): Promise<StaffSession> {
  const id = await createStaff(site, role, email);
  return { id, email, ...(await logIn(site, email)) };
}

export function get(site: TestSite, session: StaffSession | undefined, url: string) {
  return site.app.inject({
    url,
    ...(session ? { cookies: { [SESSION_COOKIE]: session.token } } : {}),
  });
}

/** Posts a form as the browser does: same origin, with the session's CSRF token unless given. */
export function post(
  site: TestSite,
  session: StaffSession | undefined,
  url: string,
  fields: Record<string, string | string[]> = {},
  options: { csrf?: string | null; headers?: Record<string, string> } = {},
) {
  const body = new URLSearchParams();
  const csrf = options.csrf === undefined ? session?.csrf : options.csrf;
  if (csrf !== null && csrf !== undefined) body.append('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) {
    for (const value of Array.isArray(v) ? v : [v]) body.append(k, value);
  }
  return site.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      ...options.headers,
    },
    ...(session ? { cookies: { [SESSION_COOKIE]: session.token } } : {}),
    payload: body.toString(),
  });
}
