import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { accountRoutes } from './accounts/account-routes.js';
import { createMailer } from './accounts/mailer.js';
import { registerOpenApi } from './api/api-openapi.js';
import { apiRoutes } from './api/api-routes.js';
import { archiveRoutes } from './archives/archive-routes.js';
import { articleRoutes } from './articles/article-routes.js';
import { createSitePageCache, type PageCache } from './cache/page-cache.js';
import {
  earlyHitResponder,
  pageCacheLookupPlugin,
  pageCacheStorePlugin,
} from './cache/page-cache-plugin.js';
import { commentRoutes, loadCommentAssets } from './comments/comment-routes.js';
import type { Config } from './config/config.js';
import { feedRoutes } from './feeds/feed-routes.js';
import { Admission, leaveTurn } from './http/admission.js';
import { AppError } from './http/app-error.js';
import { assetRoutes, bundleScript, loadAssets } from './http/assets.js';
import { cacheProfiles } from './http/cache-profiles.js';
import { registerErrorHandling } from './http/error-handler.js';
import { createSecurityHeaders, registerHttpPolicy } from './http/http-plugins.js';
import { mediaRoutes } from './media/media-routes.js';
import { legacyUrlRoutes } from './migration/legacy-url-routes.js';
import { editorRoutes } from './newsroom/editor-routes.js';
import { newsroomRoutes } from './newsroom/newsroom-routes.js';
import { newsroomAdminRoutes } from './newsroom-admin/newsroom-admin-routes.js';
import { createMetrics } from './operations/metrics.js';
import { operationsRoutes } from './operations/operations-routes.js';
import { searchRoutes } from './search/search-routes.js';
import { seoRoutes } from './seo/seo-routes.js';
import { createServices, type Services } from './services.js';
import { SiteService } from './site/site-service.js';
import type { Storage } from './storage/database.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The full-page cache: its store, purger and invalidator (src/cache/). */
    pageCache: PageCache;
  }
}

export interface AppDeps {
  config: Config;
  storage: Storage;
  /** Injected so tests can control time; default the system clock. */
  clock?: () => Date;
  /** Pino logger options, or false to log nothing (tests). */
  logger?: boolean | object;
  /** True once the server is shutting down: /readyz then answers 503. */
  draining?: () => boolean;
}

/** Wires every capability into a Fastify instance. Never listens: see `server.ts`. */
export async function buildApp(
  deps: AppDeps,
): Promise<{ app: FastifyInstance; services: Services }> {
  const { config, storage } = deps;
  const services = createServices({ config, storage, clock: deps.clock });
  const assets = loadAssets();
  const site = new SiteService({
    config,
    taxonomy: services.taxonomy,
    assets: { css: assets.css.url, printCss: assets.printCss.url, icon: assets.icon.url },
    settings: services.settings,
  });

  // Page-cache hits are answered before Fastify sees the request (`earlyHitResponder`); set below,
  // once the cache exists. Everything else goes to Fastify's handler.
  let answerHit: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  const admission = new Admission(config.maxConcurrentRequests);
  const securityHeaders = createSecurityHeaders({ secure: config.secure });
  const app = Fastify({
    serverFactory: (handler) => {
      const server = createServer((req, res) => {
        if (answerHit?.(req, res)) return;
        admission.admit(req, res, () => handler(req, res));
      });
      // Fastify's default on servers it makes: longer than load balancers' idle timeouts.
      server.keepAliveTimeout = 72_000;
      return server;
    },
    logger:
      deps.logger === false
        ? false
        : {
            level: config.logLevel,
            // Emails and tokens never reach the logs, whatever a future route logs.
            redact: [
              'req.headers.cookie',
              'req.headers.authorization',
              '*.author_email',
              '*.email',
              '*.password',
            ],
            ...(typeof deps.logger === 'object' ? deps.logger : {}),
          },
    bodyLimit: 64 * 1024,
    routerOptions: {
      maxParamLength: 500,
    },
    // Unknown query parameters are rejected (400 VALIDATION_FAILED), not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: false } },
    // A malformed URL (bad percent-encoding, invalid UTF-8) is the client's error: our 400 page.
    frameworkErrors: (error, request, reply) => {
      const bad = new AppError('BAD_REQUEST', 'The address is not valid.');
      bad.cause = error;
      // No onRequest hook has run yet, so the security headers are set here.
      securityHeaders(request.raw, reply.raw, () => {});
      // This reply is made before routing, where `reply.send(error)` would reach Fastify's default
      // handler (JSON for everyone); ours gives readers the HTML page and the API its JSON.
      return reply.server.errorHandler(bad, request, reply);
    },
  });

  const metrics = createMetrics(() => admission.queued);
  // Full-page cache (src/cache/README.md): its lookup MUST be the first onRequest hook, so a hit
  // costs no routing work, header policy or database access.
  const pageCache = createSitePageCache(services, config, metrics.pageCache, (message, error) =>
    app.log.warn({ err: error }, message),
  );
  app.decorate('pageCache', pageCache);
  answerHit = earlyHitResponder(pageCache.pluginOptions, metrics.observeRequest);
  app.addHook('onClose', () => pageCache.close());
  await app.register(pageCacheLookupPlugin, pageCache.pluginOptions);
  // The answer is ready: the next waiting read may start while this one is sent.
  app.addHook('onSend', (request, _reply, payload, done) => {
    leaveTurn(request.raw);
    done(null, payload);
  });
  await registerHttpPolicy(app, { securityHeaders });
  await registerOpenApi(app, { siteUrl: config.siteUrl, siteName: config.siteName });
  await app.register(formbody);
  // Cookies are parsed once for every route (reader comments now, sessions later).
  await app.register(cookie);
  await app.register(operationsRoutes, {
    storage,
    metrics,
    metricsToken: config.metricsToken,
    readinessChecks: services.stores.readinessChecks,
    draining: deps.draining,
  });
  // Shared stores (Redis connections when REDIS_URL is set) close with the app; MUST be after the
  // routes that use them have finished, which onClose guarantees.
  app.addHook('onClose', () => services.stores.close());
  registerErrorHandling(app, { site, articles: services.articles });
  await app.register(legacyUrlRoutes, { legacy: services.legacyUrls });
  // MUST follow every root onSend hook (cache profiles, legacy redirects): it stores final answers.
  await app.register(pageCacheStorePlugin, pageCache.pluginOptions);

  // The reader's click-to-load embeds island; article pages with an embed include it.
  const embedScript = await bundleScript('src/articles/client/embeds-client.ts', 'embeds');
  await app.register(assetRoutes, {
    assets: [assets.css, assets.printCss, assets.icon, embedScript],
    favicon: assets.icon,
  });
  await app.register(fastifyStatic, {
    root: config.mediaDir,
    prefix: '/media/',
    decorateReply: false,
    index: false,
    list: false,
    // Media files are written once under a unique name.
    cacheControl: false,
    setHeaders: (res) => res.setHeader('cache-control', cacheProfiles.immutable),
  });
  await app.register(archiveRoutes, {
    site,
    articles: services.articles,
    taxonomy: services.taxonomy,
    settings: services.settings,
  });
  const commentAssets = await loadCommentAssets();
  await app.register(articleRoutes, {
    site,
    articles: services.articles,
    comments: services.comments,
    commentAssets: { css: commentAssets.css.url, script: commentAssets.script.url },
    embedScript: embedScript.url,
    moreFromCount: 4,
  });
  await app.register(commentRoutes, {
    site,
    comments: services.comments,
    settings: services.settings,
    assets: commentAssets,
    siteUrl: config.siteUrl,
    secure: config.secure,
    moderationToken: config.moderationToken,
    sharedRedis: services.stores.redis
      ? { connection: services.stores.redis, prefix: services.stores.prefix }
      : undefined,
  });
  await app.register(apiRoutes, {
    site: { siteUrl: config.siteUrl, siteLocale: config.siteLocale },
    articles: services.articles,
    taxonomy: services.taxonomy,
  });
  await app.register(searchRoutes, { site, search: services.search, taxonomy: services.taxonomy });
  await app.register(feedRoutes, {
    site,
    articles: services.articles,
    taxonomy: services.taxonomy,
    feeds: services.feeds,
  });
  await app.register(seoRoutes, {
    siteUrl: config.siteUrl,
    siteName: config.siteName,
    sitemaps: services.sitemaps,
    settings: services.settings,
  });

  await app.register(newsroomRoutes, {
    site,
    accounts: services.accounts,
    newsroom: services.newsroom,
    siteUrl: config.siteUrl,
    pathOf: (a) => services.articles.pathOf(a),
    clock: services.clock,
  });
  await app.register(editorRoutes, {
    site,
    accounts: services.accounts,
    newsroom: services.newsroom,
    taxonomy: services.taxonomy,
    siteUrl: config.siteUrl,
    pathOf: (a) => services.articles.pathOf(a),
    clock: services.clock,
  });
  // Scheduled publishing runs in the server process: started when the app is ready, stopped
  // (waiting for a running sweep) before the database closes.
  app.addHook('onReady', () => services.newsroomScheduler.start());
  app.addHook('onClose', () => services.newsroomScheduler.stop());

  // Invitations and password resets: SMTP when SMTP_URL is set, otherwise the link is logged.
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    siteUrl: config.siteUrl,
    siteName: config.siteName,
    log: app.log,
  });
  await app.register(accountRoutes, {
    site,
    accounts: services.accounts,
    siteUrl: config.siteUrl,
    secure: config.secure,
    mailer,
    pendingComments: async () => (await services.comments.countByStatus()).pending,
  });
  // The media library: JSON API for the editor and /admin/media/ (see src/media/README.md).
  await app.register(mediaRoutes, {
    site,
    accounts: services.accounts,
    media: services.media,
    siteUrl: config.siteUrl,
  });
  await app.register(newsroomAdminRoutes, {
    site,
    accounts: services.accounts,
    comments: services.comments,
    settings: services.settings,
    taxonomy: services.taxonomy,
    mailer,
    siteUrl: config.siteUrl,
    createPerson: (person) => services.taxonomy.createAuthor(person),
  });

  return { app, services };
}
