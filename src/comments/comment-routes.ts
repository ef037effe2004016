import rateLimit from '@fastify/rate-limit';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { leaveTurn } from '../http/admission.js';
import { AppError, type ErrorCode } from '../http/app-error.js';
import { type Asset, bundleScript, loadSourceAsset } from '../http/assets.js';
import { applyCacheProfile } from '../http/cache-profiles.js';
import { sendPage } from '../http/render.js';
import { sameOrigin } from '../http/same-origin.js';
import type { Locale } from '../i18n/i18n.js';
import type { Settings } from '../settings/settings.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { SiteService } from '../site/site-service.js';
import type { PublicComment } from './comment.js';
import type {
  CommentService,
  CommentTarget,
  Discussion,
  FieldErrorCode,
  FieldName,
  PostedComment,
} from './comment-service.js';
import { printable } from './comment-text.js';
import { moderationRoutes } from './moderation-routes.js';
import { CommentFormPage } from './views/comment-form-page.js';
import {
  type CommentAssets,
  type CommentFormValues,
  CommentItem,
  fieldErrorMessage,
} from './views/comments-section.js';

/** Cookie listing the visitor's own held comments (signed ids); HttpOnly. */
export const HELD_COOKIE = 'newsdesk_held';
/** Cookie with name, email and website, set only when the reader ticks the consent box. */
export const COMMENTER_COOKIE = 'newsdesk_commenter';

/** The comments stylesheet and the bundled client script, at fingerprinted URLs. */
export async function loadCommentAssets(): Promise<{ css: Asset; script: Asset }> {
  return {
    css: loadSourceAsset('src/comments/views/comments.css', 'text/css; charset=utf-8'),
    script: await bundleScript('src/comments/client/comments-client.ts', 'comments'),
  };
}

export interface CommentRoutesOptions {
  site: SiteService;
  comments: CommentService;
  settings: SettingsService;
  assets: { css: Asset; script: Asset };
  /** The public origin, accepted by the same-origin check besides the request's own host. */
  siteUrl: string;
  /** Secure cookies when the site is served over https. */
  secure: boolean;
  /** Bearer token of the staff moderation API; unset disables it. */
  moderationToken: string | undefined;
  /**
   * Redis shared by the site's processes (REDIS_URL), so the per-IP post limit counts across all
   * of them; unset keeps the counts in this process.
   */
  sharedRedis?: { connection: Redis; prefix: string } | undefined;
}

const PostBody = Type.Object({
  article_id: Type.String({ pattern: '^[0-9]{1,15}$' }),
  parent_id: Type.Optional(Type.String({ maxLength: 20 })),
  form_token: Type.Optional(Type.String({ maxLength: 200 })),
  comment: Type.Optional(Type.String({ maxLength: 60_000 })),
  author_name: Type.Optional(Type.String({ maxLength: 2_000 })),
  author_email: Type.Optional(Type.String({ maxLength: 2_000 })),
  author_url: Type.Optional(Type.String({ maxLength: 2_000 })),
  homepage: Type.Optional(Type.String({ maxLength: 2_000 })),
  remember: Type.Optional(Type.String({ maxLength: 10 })),
});
type PostBody = Static<typeof PostBody>;

const ArticleQuery = Type.Object(
  { article: Type.String({ pattern: '^[0-9]{1,15}$' }) },
  { additionalProperties: false },
);

/** Refusals shown on the form page (with what the reader typed) rather than as a bare error page. */
const FORM_PAGE_CODES = new Set<ErrorCode>([
  'VALIDATION_FAILED',
  'COMMENT_TOO_FAST',
  'COMMENT_FORM_EXPIRED',
  'COMMENT_DUPLICATE',
  'COMMENT_PARENT_INVALID',
  'COMMENT_BANNED',
  'RATE_LIMITED',
]);

/** A posting body limit: the longest comment in 4-byte characters, percent-encoded, and the rest. */
const POST_BODY_LIMIT = 64 * 1024;

/** Cookies as @fastify/cookie parsed them (registered for the whole app). */
function readCookies(request: FastifyRequest): Record<string, string | undefined> {
  return request.cookies ?? {};
}

function rememberedValues(request: FastifyRequest): CommentFormValues | undefined {
  const raw = readCookies(request)[COMMENTER_COOKIE];
  if (!raw) return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    const str = (x: unknown) => (typeof x === 'string' ? x.slice(0, 254) : '');
    return { name: str(v.n), email: str(v.e), url: str(v.u), remember: true };
  } catch {
    return undefined;
  }
}

const DIGITS = /^[1-9][0-9]{0,14}$/;

/**
 * The comments section for an article page request: page (`?cpage=`), thread (`?thread=`), reply
 * target (`?replytocom=`), and the visitor's own held comments and remembered details from their
 * cookies. `personal` is true when anything in it belongs to this visitor: the response must then
 * be private and never cached.
 */
export async function discussionForRequest(
  comments: CommentService,
  request: FastifyRequest,
  target: CommentTarget,
  settings?: Settings,
): Promise<{ discussion: Discussion; values: CommentFormValues | undefined; personal: boolean }> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const param = (name: string) =>
    typeof query[name] === 'string' ? (query[name] as string) : undefined;
  const cpage = param('cpage');
  const thread = param('thread');
  const replyTo = param('replytocom');
  if (cpage !== undefined && !DIGITS.test(cpage)) throw new AppError('NOT_FOUND', 'No such page.');
  if (thread !== undefined && !DIGITS.test(thread))
    throw new AppError('NOT_FOUND', 'No such thread.');
  const heldIds = await comments.heldIdsFrom(readCookies(request)[HELD_COOKIE]);
  const discussion = await comments.discussion(target, {
    ...(cpage ? { page: Number(cpage) } : {}),
    ...(thread ? { threadId: Number(thread) } : {}),
    ...(replyTo && DIGITS.test(replyTo) ? { replyToId: Number(replyTo) } : {}),
    heldIds,
    ...(settings ? { settings } : {}),
  });
  const values = discussion.open ? rememberedValues(request) : undefined;
  return { discussion, values, personal: discussion.showsHeld || values !== undefined };
}

/** Renders one comment as the page would, for live updates and in-place posting. */
export function renderCommentHtml(comment: PublicComment, target: CommentTarget, locale: Locale) {
  return renderToString(
    h(CommentItem, {
      comment,
      level: 1,
      discussion: { articlePath: target.path, page: 1, thread: null, visibleDepth: 99, open: true },
      locale,
    }),
  );
}

/**
 * Reader comment routes: the form post (`POST /comments/`), its JSON twin for the client script
 * (`POST /api/comments`), permalinks (`/comments/:id/`), the public list and the live stream.
 */
export async function commentRoutes(app: FastifyInstance, opts: CommentRoutesOptions) {
  const { comments, site: siteService } = opts;
  const locale = siteService.locale;
  const assetUrls: CommentAssets = { css: opts.assets.css.url, script: opts.assets.script.url };

  for (const asset of [opts.assets.css, opts.assets.script]) {
    app.get(asset.url, { config: { cacheProfile: 'immutable' } }, async (_req, reply) =>
      reply.type(asset.type).send(asset.body),
    );
  }

  await app.register(sameOrigin, { allowedOrigins: [opts.siteUrl] });
  await app.register(moderationRoutes, { comments, token: opts.moderationToken });
  await app.register(rateLimit, {
    global: false,
    ...(opts.sharedRedis
      ? {
          redis: opts.sharedRedis.connection,
          nameSpace: `${opts.sharedRedis.prefix}ratelimit:`,
          // An outage of Redis lets posts through here; the service's own throttle still applies.
          skipOnError: true,
        }
      : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'RATE_LIMITED',
        `You are posting too fast. Please wait ${Math.ceil(context.ttl / 1000)} seconds.`,
        { retryAfter: Math.ceil(context.ttl / 1000) },
      ),
  });

  const postRateLimit = {
    groupId: 'comment-posts',
    timeWindow: 60_000,
    max: async () => (await opts.settings.all()).commentRateLimitPerIpPerMinute,
    keyGenerator: (request: FastifyRequest) => request.ip,
  };

  function submission(body: PostBody) {
    return {
      articleId: Number(body.article_id),
      parentId: body.parent_id,
      name: body.author_name,
      email: body.author_email,
      url: body.author_url,
      text: body.comment,
      token: body.form_token,
      honeypot: body.homepage,
    };
  }

  /** Sets the held-comment and remember-me cookies after a successful post. */
  async function setCookies(
    request: FastifyRequest,
    reply: FastifyReply,
    posted: PostedComment,
    body: PostBody,
  ) {
    const base = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.secure };
    if (posted.comment.status === 'pending') {
      const held = await comments.heldIdsFrom(readCookies(request)[HELD_COOKIE]);
      const cookie = await comments.heldCookie([...held, posted.comment.id]);
      reply.setCookie(HELD_COOKIE, cookie.value, { ...base, maxAge: cookie.maxAgeSeconds });
    }
    if (body.remember === '1') {
      const value = Buffer.from(
        JSON.stringify({
          n: body.author_name ?? '',
          e: body.author_email ?? '',
          u: body.author_url ?? '',
        }),
      ).toString('base64url');
      reply.setCookie(COMMENTER_COOKIE, value, { ...base, maxAge: 365 * 86_400 });
    } else if (readCookies(request)[COMMENTER_COOKIE]) {
      reply.clearCookie(COMMENTER_COOKIE, base);
    }
    // Anything that sets a visitor's cookie is theirs alone.
    applyCacheProfile(reply, 'private');
  }

  function retryAfter(reply: FastifyReply, error: AppError) {
    const seconds = error.details?.retryAfter;
    if (error.code === 'RATE_LIMITED' && typeof seconds === 'number') {
      reply.header('retry-after', String(seconds));
    }
  }

  /** `?posted=<id>` gives the page a URL the browser has not cached, so the new comment shows. */
  async function landing(posted: PostedComment): Promise<string> {
    const [before, anchor] = (await comments.permalinkOf(posted)).split('#');
    const joiner = before!.includes('?') ? '&' : '?';
    return `${before}${joiner}posted=${posted.comment.id}#${anchor}`;
  }

  app.post<{ Body: PostBody }>(
    '/comments/',
    {
      bodyLimit: POST_BODY_LIMIT,
      schema: { body: PostBody },
      config: { rateLimit: postRateLimit, cacheProfile: 'private' },
    },
    async (request, reply) => {
      const body = request.body;
      try {
        const posted = await comments.post(submission(body), {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        await setCookies(request, reply, posted, body);
        return reply.redirect(await landing(posted), 303);
      } catch (error) {
        if (!(error instanceof AppError) || !FORM_PAGE_CODES.has(error.code)) throw error;
        retryAfter(reply, error);
        const target = await commentsTarget(Number(body.article_id));
        if (!target) throw error;
        const settings = await opts.settings.all();
        const fieldErrors = (error.details?.fieldErrors ?? {}) as Partial<
          Record<FieldName, FieldErrorCode>
        >;
        const parent =
          error.code === 'COMMENT_PARENT_INVALID' || !body.parent_id || !DIGITS.test(body.parent_id)
            ? undefined
            : await comments.find(Number(body.parent_id));
        const { site } = await siteService.context();
        applyCacheProfile(reply, 'private');
        return sendPage(
          reply,
          h(CommentFormPage, {
            site,
            target,
            assets: assetUrls,
            token: await comments.formToken(target.id),
            maxLength: settings.commentMaxLength,
            values: {
              text: printable(body.comment ?? ''),
              name: printable(body.author_name ?? ''),
              email: printable(body.author_email ?? ''),
              url: printable(body.author_url ?? ''),
              remember: body.remember === '1',
            },
            errors: fieldErrors,
            message: Object.keys(fieldErrors).length ? undefined : error.message,
            replyTo:
              parent && parent.status === 'approved' && parent.articleId === target.id
                ? { id: parent.id, authorName: parent.authorName }
                : null,
          }),
          error.status,
        );
      }
    },
  );

  async function commentsTarget(articleId: number) {
    return comments.target(articleId);
  }

  app.post<{ Body: PostBody }>(
    '/api/comments',
    {
      bodyLimit: POST_BODY_LIMIT,
      schema: { body: PostBody },
      config: { rateLimit: postRateLimit, cacheProfile: 'private' },
    },
    async (request, reply) => {
      const body = request.body;
      try {
        const posted = await comments.post(submission(body), {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        await setCookies(request, reply, posted, body);
        const visible = posted.comment.status !== 'spam';
        return reply.code(201).send({
          comment: {
            id: posted.comment.id,
            parentId: posted.comment.parentId,
            // Spam is not announced as such: the poster sees "awaiting moderation".
            status: posted.comment.status === 'approved' ? 'approved' : 'pending',
            permalink: `/comments/${posted.comment.id}/`,
            html: visible ? renderCommentHtml(posted.comment, posted.target, locale) : null,
          },
          count: posted.count,
          message:
            posted.comment.status === 'approved'
              ? locale.t('commentPostedNotice')
              : locale.t('commentHeldNotice'),
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        retryAfter(reply, error);
        const fieldErrors = error.details?.fieldErrors as
          | Partial<Record<FieldName, FieldErrorCode>>
          | undefined;
        if (!fieldErrors) throw error;
        const max = (await opts.settings.all()).commentMaxLength;
        const fieldMessages = Object.fromEntries(
          (Object.entries(fieldErrors) as Array<[FieldName, FieldErrorCode]>).map(([f, code]) => [
            f,
            fieldErrorMessage(locale, f, code, max),
          ]),
        );
        throw new AppError(error.code, error.message, { fieldErrors, fieldMessages });
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/comments/:id/',
    { config: { cacheProfile: 'page' } },
    async (request, reply) => {
      const { id } = request.params;
      const location = DIGITS.test(id) ? await comments.permalink(Number(id)) : undefined;
      if (!location) throw new AppError('NOT_FOUND', 'No such comment.');
      return reply.redirect(location, 302);
    },
  );

  app.get<{ Querystring: Static<typeof ArticleQuery> }>(
    '/api/comments',
    { schema: { querystring: ArticleQuery }, config: { cacheProfile: 'api' } },
    async (request, reply) => {
      const target = await comments.target(Number(request.query.article));
      if (!target) throw new AppError('NOT_FOUND', 'No such article.');
      const list = await comments.approvedList(target.id);
      // The article's own key too: unpublishing or trashing it turns this into a 404.
      reply.cacheKeys(`article:${target.id}`, `comments:${target.id}`);
      return {
        articleId: target.id,
        count: list.length,
        comments: list.map((c) => ({
          id: c.id,
          parentId: c.parentId,
          authorName: c.authorName,
          authorUrl: c.authorUrl,
          html: c.bodyHtml,
          createdAt: c.createdAt,
          editedAt: c.editedAt,
          staff: c.isStaff,
        })),
      };
    },
  );

  // Live updates. Each open page holds one connection; they are ended when the app closes.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get<{ Querystring: Static<typeof ArticleQuery> }>(
    '/api/comments/stream',
    { schema: { querystring: ArticleQuery } },
    async (request, reply) => {
      const target = await comments.target(Number(request.query.article));
      if (!target) throw new AppError('NOT_FOUND', 'No such article.');
      reply.hijack();
      // Open for minutes: it must not hold one of the process's turns (src/http/admission.ts).
      leaveTurn(request.raw);
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write('retry: 5000\n: connected\n\n');
      const unsubscribe = comments.subscribe(target.id, (event) => {
        const data = JSON.stringify({
          id: event.comment.id,
          parentId: event.comment.parentId,
          count: event.count,
          html: renderCommentHtml(event.comment, target, locale),
        });
        res.write(`id: ${event.comment.id}\nevent: comment\ndata: ${data}\n\n`);
      });
      // A comment line every 25 s keeps proxies from closing an idle stream.
      const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
      keepAlive.unref();
      const end = () => {
        clearInterval(keepAlive);
        unsubscribe();
        streams.delete(end);
        if (!res.writableEnded) res.end();
      };
      streams.add(end);
      request.raw.on('close', end);
    },
  );
}
