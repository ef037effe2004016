import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { applyCacheProfile } from './cache-profiles.js';

/** Paths that are files or machine endpoints, never given a trailing slash. */
const NO_SLASH = /^\/(api|assets|media|healthz|readyz|metrics)(\/|$)|\.[a-z0-9]{2,5}$/i;

/**
 * Cross-cutting HTTP policy for every route: security headers, cache profiles and canonical
 * trailing slashes.
 */
export async function registerHttpPolicy(
  app: FastifyInstance,
  opts: { secure: boolean },
): Promise<void> {
  await app.register(helmet, {
    // Pages are cached and shared, so there are no per-response nonces: no inline script or style at all.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: opts.secure ? [] : null,
      },
    },
    strictTransportSecurity: opts.secure ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) {
      const profile =
        reply.statusCode < 400 ? request.routeOptions.config?.cacheProfile : undefined;
      applyCacheProfile(reply, profile ?? 'private');
    }
    return payload;
  });

  // One URL per page: `/about` answers 301 to `/about/` (WordPress does the same).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const q = request.url.indexOf('?');
    const path = q === -1 ? request.url : request.url.slice(0, q);
    if (path.endsWith('/') || NO_SLASH.test(path)) return;
    return reply.redirect(`${path}/${q === -1 ? '' : request.url.slice(q)}`, 301);
  });
}
