import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { gone } from '../http/app-error.js';
import { applyCacheProfile } from '../http/cache-profiles.js';
import type { LegacyAnswer, LegacyUrlService } from './legacy-urls.js';

export interface LegacyUrlRoutesOptions {
  legacy: LegacyUrlService;
}

function split(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

const isRead = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD';

function redirect(reply: FastifyReply, location: string) {
  applyCacheProfile(reply, 'page');
  return reply.redirect(location, 301);
}

/**
 * Keeps a migrated WordPress site's links working. Global (fastify-plugin) because it watches
 * every request, but it only does work for WordPress's query forms on the front page
 * (`/?p=123`) and for requests that would otherwise be a 404.
 */
async function legacyUrls(app: FastifyInstance, opts: LegacyUrlRoutesOptions) {
  const { legacy } = opts;

  const settle = (reply: FastifyReply, answer: LegacyAnswer) => {
    if (answer.kind === 'redirect') return redirect(reply, answer.location);
    if (answer.kind === 'gone') throw gone('This article has been removed');
    return undefined;
  };

  app.addHook('onRequest', async (request, reply) => {
    if (!isRead(request)) return;
    const { path, query } = split(request.url);
    if ((path === '/' || path === '/index.php') && query) {
      const answer = await legacy.resolveQuery(new URLSearchParams(query));
      if (answer) return settle(reply, answer);
    }
    if (request.is404) {
      return settle(reply, await legacy.resolvePath(path));
    }
  });

  // A route that matched but found nothing (`/<old-post-name>/` reaching the page route) gets a
  // second chance here, only ever for a 404.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 404 || request.is404 || !isRead(request)) return payload;
    const answer = await legacy.resolvePath(split(request.url).path);
    if (answer.kind !== 'redirect') return payload;
    reply.code(301);
    reply.header('location', answer.location);
    reply.removeHeader('content-type');
    applyCacheProfile(reply, 'page');
    return '';
  });
}

export const legacyUrlRoutes = fp(legacyUrls, { name: 'wordpress-legacy-urls' });
