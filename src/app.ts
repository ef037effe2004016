import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { accountRoutes } from './accounts/account-routes.js';
import { registerOpenApi } from './api/api-openapi.js';
import { apiRoutes } from './api/api-routes.js';
import { archiveRoutes } from './archives/archive-routes.js';
import { articleRoutes } from './articles/article-routes.js';
import { commentRoutes, loadCommentAssets } from './comments/comment-routes.js';
import type { Config } from './config/config.js';
import { feedRoutes } from './feeds/feed-routes.js';
import { AppError } from './http/app-error.js';
import { assetRoutes, loadAssets } from './http/assets.js';
import { cacheProfiles } from './http/cache-profiles.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerHttpPolicy } from './http/http-plugins.js';
import { legacyUrlRoutes } from './migration/legacy-url-routes.js';
import { createMetrics } from './operations/metrics.js';
import { operationsRoutes } from './operations/operations-routes.js';
import { searchRoutes } from './search/search-routes.js';
import { seoRoutes } from './seo/seo-routes.js';
import { createServices, type Services } from './services.js';
import { SiteService } from './site/site-service.js';
import type { Storage } from './storage/database.js';

export interface AppDeps {
  config: Config;
  storage: Storage;
  /** Injected so tests can control time; default the system clock. */
  clock?: () => Date;
  /** Pino logger options, or false to log nothing (tests). */
  logger?: boolean | object;
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

  const app = Fastify({
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
      // This reply is made before routing, where `reply.send(error)` would reach Fastify's default
      // handler (JSON for everyone); ours gives readers the HTML page and the API its JSON.
      return reply.server.errorHandler(bad, request, reply);
    },
  });

  await registerHttpPolicy(app, { secure: config.secure });
  await registerOpenApi(app, { siteUrl: config.siteUrl, siteName: config.siteName });
  await app.register(formbody);
  // Cookies are parsed once for every route (reader comments now, sessions later).
  await app.register(cookie);
  const metrics = createMetrics();
  await app.register(operationsRoutes, { storage, metrics, metricsToken: config.metricsToken });
  registerErrorHandling(app, { site, articles: services.articles });
  await app.register(legacyUrlRoutes, { legacy: services.legacyUrls });

  await app.register(assetRoutes, {
    assets: [assets.css, assets.printCss, assets.icon],
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

  await app.register(accountRoutes, {
    site,
    accounts: services.accounts,
    siteUrl: config.siteUrl,
    secure: config.secure,
  });

  return { app, services };
}
