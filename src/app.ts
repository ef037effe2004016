import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { archiveRoutes } from './archives/archive-routes.js';
import { articleRoutes } from './articles/article-routes.js';
import type { Config } from './config/config.js';
import { AppError } from './http/app-error.js';
import { assetRoutes, loadAssets } from './http/assets.js';
import { cacheProfiles } from './http/cache-profiles.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerHttpPolicy } from './http/http-plugins.js';
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
    // A malformed URL (bad percent-encoding, invalid UTF-8) is the client's error: our 400 page.
    frameworkErrors: (error, _request, reply) => {
      const bad = new AppError('BAD_REQUEST', 'The address is not valid.');
      bad.cause = error;
      // Fastify types `send` by the route schema; an Error is always accepted at runtime.
      reply.send(bad as never);
    },
  });

  await registerHttpPolicy(app, { secure: config.secure });
  await app.register(formbody);
  registerErrorHandling(app, { site, articles: services.articles });

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
  await app.register(articleRoutes, {
    site,
    articles: services.articles,
    comments: services.comments,
    moreFromCount: 4,
  });

  return { app, services };
}
