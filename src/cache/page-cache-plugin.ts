import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isNotModified, strongEtag } from '../http/conditional-get.js';
import type { CachedPage, PageCacheStore } from './page-cache-store.js';

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Declares the surrogate keys this response depends on (`article:12`, `home`, ...). A 200
     * is stored in the page cache only when its route declared keys, so a page nobody knows how
     * to purge is never cached.
     */
    cacheKeys(...keys: string[]): FastifyReply;
    pageCacheKeys: string[] | null;
  }
  interface FastifyRequest {
    /** The normalized cache key of a GET that missed; null when the response is not stored. */
    pageCacheKey: string | null;
    /** The store's purge generation seen at lookup; null when the cache was not consulted. */
    pageCacheToken: string | null;
  }
}

/** Cookies that make a page personal: the staff session, a held comment, remembered details. */
export const BYPASS_COOKIES = ['newsdesk_session', 'newsdesk_held', 'newsdesk_commenter'] as const;
const BYPASS_COOKIE = new RegExp(`(?:^|;)\\s*(?:${BYPASS_COOKIES.join('|')})=`);

/**
 * Statuses worth storing: pages, moved and missing URLs. Not 302/307 (temporary by definition),
 * 304 (per client), 400/401/403/429 (about this visitor) nor 5xx (retry soon).
 */
const STORED_STATUS = new Set([200, 301, 404, 410]);
/** Every stored non-200 carries this key; it is purged whenever any URL may have appeared. */
export const MISSING_KEY = 'missing';
/** Headers never replayed from the cache: per-connection, or set fresh by Node. */
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'x-cache']);
const NOT_MODIFIED_HEADERS = [
  'etag',
  'cache-control',
  'expires',
  'last-modified',
  'vary',
  'surrogate-key',
  'cache-tag',
];
const MAX_KEY_LENGTH = 2048;
/**
 * Redirects and missing pages live briefly (as long as the `error` profile lets browsers keep
 * them): anyone can request a million made-up URLs, and those must not crowd out real pages.
 */
const NON_200_TTL_MS = 30_000;

/**
 * The cache key of a URL: the method is not part of it (HEAD is answered from GET's entry), and
 * query parameters are sorted so their order does not split the cache.
 */
export function pageCacheKey(url: string): string | undefined {
  if (url.length > MAX_KEY_LENGTH) return undefined;
  const q = url.indexOf('?');
  if (q === -1) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean);
  return parts.length === 0 ? url.slice(0, q) : `${url.slice(0, q)}?${parts.sort().join('&')}`;
}

export interface PageCacheCounters {
  hit(): void;
  miss(): void;
  bypass(): void;
}

export interface PageCacheOptions {
  store: PageCacheStore;
  counters: PageCacheCounters;
}

/** True for routes whose answer is the same for every anonymous reader. */
function isShareable(request: FastifyRequest): boolean {
  const profile = request.routeOptions.config?.cacheProfile;
  return profile === 'page' || profile === 'api';
}

/**
 * The cache key of an anonymous GET/HEAD, or undefined when the request must not be answered from
 * the cache (another method, credentials, a personal cookie, an overlong URL).
 */
function anonymousKey(req: IncomingMessage): string | undefined {
  const method = req.method;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const cookie = req.headers.cookie;
  if (
    req.headers.authorization !== undefined ||
    (cookie !== undefined && BYPASS_COOKIE.test(cookie))
  )
    return undefined;
  return pageCacheKey(req.url ?? '/');
}

function sendHit(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const ifNoneMatch = req.headers['if-none-match'];
  if (
    ifNoneMatch !== undefined &&
    (ifNoneMatch === page.etag || isNotModified({ ifNoneMatch }, { etag: page.etag }))
  ) {
    res.writeHead(304, page.notModifiedHeaders);
    res.end();
    return;
  }
  res.writeHead(page.status, page.headers);
  if (req.method === 'HEAD') res.end();
  else res.end(page.body);
}

/** Records one answered request in the latency histogram (route pattern, method, status). */
export type HitObserver = (route: string, method: string, status: number, seconds: number) => void;

/**
 * The hit path below Fastify, for stores that answer without I/O (memory): a node:http `request`
 * listener that writes a stored page before Fastify builds its request, reply, logger and hook
 * chain, which cost more than the write itself. Returns false, having sent nothing, when the
 * request is not a hit; Fastify then handles it (and its lookup hook counts the miss or bypass).
 * Only URLs a shareable route stored can hit, so no route check is needed here. Hits are counted
 * and timed in the metrics, and not logged one by one (as an operator turns off nginx's access
 * log for static files).
 */
export function earlyHitResponder(
  opts: PageCacheOptions,
  observe: HitObserver,
): ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined {
  const { store, counters } = opts;
  if (store.kind !== 'memory') return undefined;
  return (req, res) => {
    const key = anonymousKey(req);
    if (key === undefined) return false;
    const found = store.lookup(key);
    if (found instanceof Promise || found.page === undefined) return false;
    const started = performance.now();
    counters.hit();
    sendHit(req, res, found.page);
    observe(
      found.page.route,
      req.method as string,
      res.statusCode,
      (performance.now() - started) / 1000,
    );
    return true;
  };
}

/**
 * Answers anonymous GET/HEAD requests from the cache before routing reaches a handler (so before
 * any database access). MUST be registered before every other onRequest hook: a hit then costs
 * one map lookup (memory) or one round trip (Redis) and a socket write.
 */
async function pageCacheLookup(app: FastifyInstance, opts: PageCacheOptions) {
  const { store, counters } = opts;
  app.decorateReply('pageCacheKeys', null);
  app.decorateReply('cacheKeys', function (this: FastifyReply, ...keys: string[]) {
    if (this.pageCacheKeys === null) this.pageCacheKeys = keys;
    else this.pageCacheKeys.push(...keys);
    return this;
  });
  app.decorateRequest('pageCacheKey', null);
  app.decorateRequest('pageCacheToken', null);

  app.addHook('onRequest', (request, reply, done) => {
    if (!isShareable(request)) return done();
    const key = anonymousKey(request.raw);
    if (key === undefined) {
      counters.bypass();
      reply.header('x-cache', 'BYPASS');
      return done();
    }
    const settle = (page: CachedPage | undefined, token: string) => {
      if (page) {
        counters.hit();
        reply.hijack();
        sendHit(request.raw, reply.raw, page);
        return done();
      }
      counters.miss();
      reply.header('x-cache', 'MISS');
      request.pageCacheToken = token;
      // HEAD has no body to store; it is answered from GET's entry once there is one.
      if (request.method === 'GET') request.pageCacheKey = key;
      done();
    };
    const found = store.lookup(key);
    if (!(found instanceof Promise)) return settle(found.page, found.token);
    found.then(
      (answer) => settle(answer.page, answer.token),
      (error: unknown) => {
        // An unreachable cache is a slower site, not a broken one.
        request.log.warn({ err: error }, 'page cache lookup failed');
        counters.bypass();
        reply.header('x-cache', 'BYPASS');
        done();
      },
    );
  });
}

/** The response headers as plain strings, ready for `writeHead`. */
function replayableHeaders(reply: FastifyReply): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || NOT_REPLAYED.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/**
 * Gives every public answer a strong ETag (a 304 when the client has it), names its surrogate
 * keys in `Surrogate-Key` and `Cache-Tag`, and stores cacheable misses. MUST be registered after
 * every other root onSend hook (cache profiles, legacy redirects) so it stores the final answer.
 */
async function pageCacheStore(app: FastifyInstance, opts: PageCacheOptions) {
  const { store } = opts;
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.pageCacheToken === null) return payload;
    const status = reply.statusCode;
    const cacheControl = reply.getHeader('cache-control');
    if (
      !STORED_STATUS.has(status) ||
      typeof cacheControl !== 'string' ||
      !cacheControl.startsWith('public') ||
      reply.hasHeader('set-cookie') ||
      (payload !== null &&
        payload !== undefined &&
        typeof payload !== 'string' &&
        !Buffer.isBuffer(payload))
    ) {
      return payload;
    }
    const body =
      payload === null || payload === undefined
        ? Buffer.alloc(0)
        : Buffer.isBuffer(payload)
          ? payload
          : Buffer.from(payload as string);
    const declared = reply.pageCacheKeys;
    const tags =
      status === 200
        ? declared && [...new Set(declared)]
        : [...new Set([MISSING_KEY, ...(declared ?? [])])];
    const existing = reply.getHeader('etag');
    const etag =
      typeof existing === 'string' && !existing.startsWith('W/') ? existing : strongEtag(body);
    reply.header('etag', etag);
    if (tags && tags.length > 0) {
      reply.header('surrogate-key', tags.join(' '));
      reply.header('cache-tag', tags.join(','));
    }

    const key = request.pageCacheKey;
    if (key !== null && tags && tags.length > 0) {
      const headers = replayableHeaders(reply);
      headers['content-length'] = String(body.length);
      headers['x-cache'] = 'HIT';
      const notModifiedHeaders: Record<string, string> = { 'x-cache': 'HIT' };
      for (const name of NOT_MODIFIED_HEADERS) {
        if (headers[name] !== undefined) notModifiedHeaders[name] = headers[name];
      }
      try {
        await store.store(
          key,
          {
            status,
            headers,
            notModifiedHeaders,
            body,
            etag,
            tags,
            route: request.routeOptions.url ?? 'unmatched',
          },
          request.pageCacheToken,
          status === 200 ? undefined : NON_200_TTL_MS,
        );
      } catch (error) {
        request.log.warn({ err: error }, 'page cache store failed');
      }
    }

    const ifNoneMatch = request.headers['if-none-match'];
    if (status === 200 && ifNoneMatch !== undefined && isNotModified({ ifNoneMatch }, { etag })) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    }
    // The bytes already encoded for the ETag: Fastify then sends them without encoding them again.
    return body;
  });
}

/** The lookup half: register first, before every other plugin with onRequest hooks. */
export const pageCacheLookupPlugin = fp(pageCacheLookup, { name: 'newsdesk-page-cache-lookup' });
/** The storing half: register after every plugin with root onSend hooks. */
export const pageCacheStorePlugin = fp(pageCacheStore, {
  name: 'newsdesk-page-cache-store',
  dependencies: ['newsdesk-page-cache-lookup'],
});
