import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './app-error.js';

export interface SameOriginOptions {
  /** Origins allowed besides the request's own host, e.g. the configured SITE_URL. */
  allowedOrigins: readonly string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * True when a state-changing request comes from our own pages. Browsers send `Sec-Fetch-Site` and
 * `Origin` with every cross-site POST, so either one naming another site is refused. A request
 * with neither is not from a current browser (curl, a server) and cannot ride a reader's cookies,
 * so it passes. The request's own host counts as same-origin: a page cannot forge the Host header.
 */
export function isSameOrigin(request: FastifyRequest, options: SameOriginOptions): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  const given = originOf(origin);
  if (!given) return false;
  const own = request.headers.host
    ? originOf(`${request.protocol}://${request.headers.host}`)
    : undefined;
  return given === own || options.allowedOrigins.some((o) => originOf(o) === given);
}

/**
 * Fastify plugin (applies to the scope it is registered in): refuses every state-changing request in its scope that comes from another site
 * with 403 CROSS_ORIGIN_REQUEST. Register it inside the plugin whose routes it protects (form
 * posts, and later logged-in routes, which will add a CSRF token on top).
 */
export const sameOrigin = fp(async (app: FastifyInstance, options: SameOriginOptions) => {
  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!isSameOrigin(request, options)) {
      throw new AppError('CROSS_ORIGIN_REQUEST', 'This form must be sent from this site.');
    }
  });
});
