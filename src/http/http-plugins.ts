import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { EMBED_FRAME_ORIGINS } from '../text/embeds.js';
import { AppError } from './app-error.js';
import { applyCacheProfile } from './cache-profiles.js';

/** Paths that are files or machine endpoints, never given a trailing slash. */
const NO_SLASH = /^\/(api|admin\/api|assets|media|healthz|readyz|metrics)(\/|$)|\.[a-z0-9]{2,5}$/i;

/**
 * A path a redirect may safely point to: one leading slash and no backslash. Browsers read `//host`
 * and `/\host` as another origin, so `/about` → `/about/` must never turn `//evil.example` into a
 * redirect off the site.
 */
const SAFE_REDIRECT_PATH = /^\/(?![/\\])[^\\]*$/;

/**
 * True when every percent-escape in `part` decodes to valid UTF-8 and none is a NUL, which no
 * slug, search or filter can contain and which PostgreSQL refuses in text.
 */
function isWellFormed(part: string): boolean {
  try {
    return !decodeURIComponent(part).includes('\0');
  } catch {
    return false;
  }
}

/** Sets the security headers on a raw response; the same for every response, so built once. */
export type SecurityHeaders = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * helmet itself rather than @fastify/helmet, which rebuilds it (parsing the CSP again) on every
 * request, a few percent of an uncached page. No route needs per-route options or nonces.
 */
export function createSecurityHeaders(opts: { secure: boolean }): SecurityHeaders {
  return helmet({
    // Pages are cached and shared, so there are no per-response nonces: no inline script or style at all.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // Only the players a reader chose to load (click-to-load embeds, src/text/embeds.ts).
        frameSrc: EMBED_FRAME_ORIGINS,
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: opts.secure ? [] : null,
      },
    },
    strictTransportSecurity: opts.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    // Matches `frame-ancestors 'none'` for browsers that only read the older header.
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });
}

/**
 * Cross-cutting HTTP policy for every route: security headers, cache profiles and canonical
 * trailing slashes.
 */
export async function registerHttpPolicy(
  app: FastifyInstance,
  opts: { securityHeaders: SecurityHeaders },
): Promise<void> {
  const { securityHeaders } = opts;
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );

  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) {
      const profile =
        reply.statusCode < 400 ? request.routeOptions.config?.cacheProfile : undefined;
      applyCacheProfile(reply, profile ?? 'private');
    }
    return payload;
  });

  // A malformed address is the client's error wherever it is malformed: the router already
  // answers 400 for bad encoding in a route parameter; this covers the query string and the rest
  // of the path, so no handler or database ever sees an undecodable string or a NUL.
  app.addHook('onRequest', async (request) => {
    const q = request.url.indexOf('?');
    const path = q === -1 ? request.url : request.url.slice(0, q);
    const query = q === -1 ? '' : request.url.slice(q + 1);
    const ok =
      isWellFormed(path) &&
      query.split('&').every((pair) => isWellFormed(pair.replace(/\+/g, ' ')));
    if (!ok) throw new AppError('BAD_REQUEST', 'The address is not valid.');
  });

  // One URL per page: `/about` answers 301 to `/about/` (WordPress does the same).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const q = request.url.indexOf('?');
    const path = q === -1 ? request.url : request.url.slice(0, q);
    if (path.endsWith('/') || NO_SLASH.test(path) || !SAFE_REDIRECT_PATH.test(path)) return;
    applyCacheProfile(reply, 'page');
    return reply.redirect(`${path}/${q === -1 ? '' : request.url.slice(q)}`, 301);
  });
}
