import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { ArticleService } from '../articles/article-service.js';
import type { SiteService } from '../site/site-service.js';
import { ErrorPage } from '../views/error-page.js';
import { AppError } from './app-error.js';
import { applyCacheProfile } from './cache-profiles.js';
import { sendPage } from './render.js';

export interface ErrorHandlerDeps {
  site: SiteService;
  articles: ArticleService;
}

/** Turns any thrown error into an AppError: Fastify's own (validation, body size, bad URL) included. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as FastifyError;
  if (e.validation) {
    return new AppError('VALIDATION_FAILED', `Invalid request: ${e.message}`, {
      fields: e.validation.map(
        (v) =>
          v.instancePath ||
          (v.params as { missingProperty?: string })?.missingProperty ||
          v.keyword,
      ),
    });
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AppError('UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here.');
  }
  if (e.statusCode === 429)
    return new AppError('RATE_LIMITED', e.message || 'Too many requests. Please wait a moment.');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('BAD_REQUEST', e.message || 'Bad request');
  }
  return new AppError('INTERNAL', 'Internal error');
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** One place that formats every error: JSON for the API, a friendly page for readers. */
export function registerErrorHandling(app: FastifyInstance, deps: ErrorHandlerDeps): void {
  const respond = async (error: AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.status >= 500) request.log.error({ err: error.cause ?? error }, 'request failed');
    // Only "not here" answers are the same for everyone; a 400 may echo what the visitor typed
    // and a 401/403/429 is about this visitor, so none of those may sit in a shared cache.
    applyCacheProfile(reply, error.status === 404 || error.status === 410 ? 'error' : 'private');
    if (wantsJson(request)) {
      return reply
        .code(error.status)
        .type('application/json; charset=utf-8')
        .send({ error: { code: error.code, message: error.message, ...(error.details ?? {}) } });
    }
    const { site, tree } = await deps.site.context();
    const { t } = site.locale;
    const copy =
      error.status === 404
        ? { title: t('notFoundTitle'), message: t('notFoundText') }
        : error.status === 410
          ? { title: t('goneTitle'), message: t('goneText') }
          : error.status >= 500
            ? { title: t('errorTitle'), message: t('errorText') }
            : { title: t('badRequestTitle'), message: error.message };
    const latest =
      error.status === 404 || error.status === 410 ? await deps.articles.list({}, 6, 0, tree) : [];
    let path = '/';
    try {
      path = new URL(request.url, 'http://x').pathname;
    } catch {}
    return sendPage(
      reply,
      h(ErrorPage, { site, status: error.status, ...copy, requestPath: path, latest }),
      error.status,
    );
  };

  app.setErrorHandler(async (error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) appError.cause = error;
    try {
      return await respond(appError, request, reply);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed');
      return reply.code(appError.status).type('text/plain; charset=utf-8').send(appError.message);
    }
  });

  app.setNotFoundHandler(async (request, reply) => {
    return respond(new AppError('NOT_FOUND', 'No such page or resource.'), request, reply);
  });
}
