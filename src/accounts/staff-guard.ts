import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import { isSameOrigin } from '../http/same-origin.js';
import type { Session } from './account.js';
import type { AccountService } from './account-service.js';
import { type Capability, can } from './roles.js';

/** The opaque session token; HttpOnly, SameSite=Lax, Secure behind https. */
export const SESSION_COOKIE = 'newsdesk_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff session inside a staff area; null elsewhere. */
    staffSession: Session | null;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function csrfMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface StaffAreaOptions {
  accounts: AccountService;
  siteUrl: string;
}

/**
 * Turns the plugin scope it is called in into a staff area: every request needs a live session
 * (pages redirect to the login form, JSON answers 401), and every state-changing request must be
 * same-origin and carry the session's CSRF token (form field `_csrf` or header `x-csrf-token`).
 */
export function staffArea(app: FastifyInstance, opts: StaffAreaOptions): void {
  if (!app.hasRequestDecorator('staffSession')) app.decorateRequest('staffSession', null);
  app.addHook('preHandler', async (request, reply) => {
    const session = await opts.accounts.session(request.cookies[SESSION_COOKIE]);
    if (!session) {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) {
        return reply.redirect(`/admin/login/?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw new AppError('UNAUTHORIZED', 'Please log in.');
    }
    if (!SAFE.has(request.method)) {
      if (!isSameOrigin(request, { allowedOrigins: [opts.siteUrl] })) {
        throw new AppError('CROSS_ORIGIN_REQUEST', 'This form must be sent from this site.');
      }
      const body = request.body as Record<string, unknown> | undefined;
      if (!csrfMatches(request.headers['x-csrf-token'] ?? body?._csrf, session.csrfToken)) {
        throw new AppError('FORBIDDEN', 'The form has expired. Reload the page and try again.');
      }
    }
    request.staffSession = session;
  });
}

/** Throws 403 unless the signed-in person's role grants `capability`. */
export function requireCapability(request: FastifyRequest, capability: Capability): Session {
  const session = request.staffSession;
  if (!session) throw new AppError('UNAUTHORIZED', 'Please log in.');
  if (!can(session.account.role, capability)) {
    throw new AppError('FORBIDDEN', 'Your role does not allow this.');
  }
  return session;
}
