import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { AccountService } from '../accounts/account-service.js';
import { staffArea } from '../accounts/staff-guard.js';
import { AppError, notFound } from '../http/app-error.js';
import { applyCacheProfile } from '../http/cache-profiles.js';
import { toAppError } from '../http/error-handler.js';
import { pageCount } from '../http/paging.js';
import { sendPage } from '../http/render.js';
import type { SiteService } from '../site/site-service.js';
import { type Actor, actions } from './newsroom.js';
import type { ArticleView, NewsroomService } from './newsroom-service.js';
import { CorrectionsPage } from './views/corrections-page.js';
import { PreviewPage } from './views/preview-page.js';

export interface NewsroomRoutesOptions {
  site: SiteService;
  accounts: AccountService;
  newsroom: NewsroomService;
  siteUrl: string;
  pathOf: (a: { type: 'post' | 'page'; slug: string; publishedAt: string | null }) => string;
  clock: () => Date;
}

const Nullable = <T extends ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const RevisionParam = Type.Object(
  { id: Type.Integer({ minimum: 1 }), revisionId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const IsoTime = Type.String({ format: 'date-time', maxLength: 40 });

export const ArticleFieldsSchema = Type.Object(
  {
    headline: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    dek: Type.Optional(Type.String({ maxLength: 1000 })),
    slug: Type.Optional(Type.String({ maxLength: 200 })),
    bodyHtml: Type.Optional(Type.String({ maxLength: 2_000_000 })),
    primaryCategoryId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    categoryIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 })),
    tags: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
    ),
    authorIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 20 }),
    ),
    featuredImageId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    socialImageId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    seoTitle: Type.Optional(Type.String({ maxLength: 300 })),
    seoDescription: Type.Optional(Type.String({ maxLength: 1000 })),
    commentStatus: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    lang: Type.Optional(
      Type.Union([Type.String({ pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' }), Type.Null()]),
    ),
    dir: Type.Optional(Type.Union([Type.Literal('ltr'), Type.Literal('rtl'), Type.Null()])),
  },
  { additionalProperties: false },
);
const CreateBody = Type.Intersect([
  ArticleFieldsSchema,
  Type.Object({ headline: Type.String({ minLength: 1, maxLength: 300 }) }),
]);
const SaveBody = Type.Object(
  {
    ...ArticleFieldsSchema.properties,
    baseRevisionId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  },
  { additionalProperties: false },
);
const AutosaveBody = Type.Object(
  {
    baseRevisionId: Nullable(Type.Integer({ minimum: 1 })),
    clientSaveId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' }),
    fields: ArticleFieldsSchema,
  },
  { additionalProperties: false },
);
const ActionSchema = Type.Union(actions.map((a) => Type.Literal(a)));
const TransitionBody = Type.Object(
  { action: ActionSchema, at: Type.Optional(IsoTime) },
  { additionalProperties: false },
);
const BulkBody = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 200 }),
    action: ActionSchema,
  },
  { additionalProperties: false },
);
const EmbargoBody = Type.Object(
  { until: Type.Union([IsoTime, Type.Null()]) },
  { additionalProperties: false },
);
const CorrectionBody = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('correction'),
      Type.Literal('clarification'),
      Type.Literal('update'),
    ]),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
  },
  { additionalProperties: false },
);
const Empty = Type.Object({}, { additionalProperties: false });
const ReleaseBody = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) });
const ListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union(
        ['draft', 'pending', 'scheduled', 'published', 'unpublished', 'trash'].map((s) =>
          Type.Literal(s as 'draft'),
        ),
      ),
    ),
    author: Type.Optional(Type.Integer({ minimum: 1 })),
    category: Type.Optional(Type.Integer({ minimum: 1 })),
    from: Type.Optional(Type.String({ maxLength: 40 })),
    to: Type.Optional(Type.String({ maxLength: 40 })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
const DiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const PageQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) },
  { additionalProperties: false },
);

/** Article saves carry whole bodies; everything else keeps the site's small default limit. */
const BIG_BODY = 3 * 1024 * 1024;

function dateBound(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new AppError('VALIDATION_FAILED', `“${name}” is not a date.`);
  return new Date(t).toISOString();
}

/** The newsroom JSON API (`/admin/api/articles`), `/corrections/` and `/preview/<token>/`. */
export async function newsroomRoutes(fastify: FastifyInstance, opts: NewsroomRoutesOptions) {
  const { newsroom } = opts;

  const represent = (a: ArticleView) => {
    const { previewToken, createdBy: _c, ...rest } = a;
    const isPublic =
      a.status === 'published' &&
      a.publishedAt !== null &&
      a.publishedAt <= opts.clock().toISOString();
    return {
      ...rest,
      previewUrl: previewToken ? `/preview/${previewToken}/` : null,
      publicPath: isPublic ? opts.pathOf(a) : null,
    };
  };

  await fastify.register(async (scope) => {
    staffArea(scope, { accounts: opts.accounts, siteUrl: opts.siteUrl });
    // The staff API answers JSON errors whatever its path (the site-wide handler keys on /api/).
    scope.setErrorHandler((error, _request, reply) => {
      const e = toAppError(error);
      applyCacheProfile(reply, 'private');
      return reply
        .code(e.status)
        .type('application/json; charset=utf-8')
        .send({ error: { code: e.code, message: e.message, ...(e.details ?? {}) } });
    });
    scope.addHook('onSend', async (_request, reply) => {
      applyCacheProfile(reply, 'private');
    });
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const actor = (request: FastifyRequest): Actor => {
      const session = request.staffSession;
      if (!session) throw new AppError('UNAUTHORIZED', 'Please log in.');
      return { id: session.account.id, name: session.account.name, role: session.account.role };
    };
    const base = '/admin/api/articles';

    app.get(base, { schema: { querystring: ListQuery } }, async (request) => {
      const q = request.query;
      const perPage = q.perPage ?? 20;
      const page = q.page ?? 1;
      const { items, total } = await newsroom.list(actor(request), {
        ...(q.status ? { status: q.status } : {}),
        ...(q.author ? { authorId: q.author } : {}),
        ...(q.category ? { categoryId: q.category } : {}),
        ...(q.from ? { from: dateBound(q.from, 'from') } : {}),
        ...(q.to ? { to: dateBound(q.to, 'to') } : {}),
        ...(q.q?.trim() ? { q: q.q.trim() } : {}),
        limit: perPage,
        offset: (page - 1) * perPage,
      });
      return {
        items: items.map((a) => ({
          id: a.id,
          status: a.status,
          headline: a.headline,
          slug: a.slug,
          authors: a.authors,
          primaryCategoryId: a.primaryCategoryId,
          publishedAt: a.publishedAt,
          updatedAt: a.updatedAt,
          embargoUntil: a.embargoUntil,
        })),
        total,
        page,
        perPage,
      };
    });

    app.get(`${base}/:id`, { schema: { params: IdParam } }, async (request) => {
      const who = actor(request);
      const article = await newsroom.view(who, request.params.id);
      // The caller's own changes kept aside on a live article, for the editor to offer back.
      const pending = article.can.edit
        ? await newsroom.pendingAutosave(who, article.id)
        : undefined;
      if (!pending) return { article: represent(article), pendingAutosave: null };
      const { fields, ...revision } = pending;
      return { article: represent(article), pendingAutosave: { revision, fields } };
    });

    app.post(
      base,
      { schema: { body: CreateBody }, bodyLimit: BIG_BODY },
      async (request, reply) => {
        const { article, revisionId } = await newsroom.create(actor(request), request.body);
        const revision = (await newsroom.revisions(actor(request), article.id)).find(
          (r) => r.id === revisionId,
        );
        return reply.code(201).send({ article: represent(article), revision });
      },
    );

    app.put(
      `${base}/:id`,
      { schema: { params: IdParam, body: SaveBody }, bodyLimit: BIG_BODY },
      async (request) => {
        const { baseRevisionId, ...fields } = request.body;
        const who = actor(request);
        const { article, revisionId } = await newsroom.save(
          who,
          request.params.id,
          fields,
          baseRevisionId,
        );
        const revision = (await newsroom.revisions(who, article.id)).find(
          (r) => r.id === revisionId,
        );
        return { article: represent(article), revision };
      },
    );

    app.post(
      `${base}/:id/autosave`,
      { schema: { params: IdParam, body: AutosaveBody }, bodyLimit: BIG_BODY },
      async (request) => {
        const who = actor(request);
        const result = await newsroom.autosave(who, request.params.id, request.body);
        const revision = (await newsroom.revisions(who, request.params.id)).find(
          (r) => r.id === result.revisionId,
        );
        // `pending`: kept aside on a live article, not public until an explicit save.
        return {
          article: represent(result.article),
          revision,
          pending: result.pending,
          duplicate: result.duplicate,
        };
      },
    );

    app.delete(`${base}/:id/autosave`, { schema: { params: IdParam } }, async (request) => {
      await newsroom.discardPendingAutosave(actor(request), request.params.id);
      return { discarded: true };
    });

    app.post(
      `${base}/:id/transitions`,
      { schema: { params: IdParam, body: TransitionBody } },
      async (request) => ({
        article: represent(
          await newsroom.transition(
            actor(request),
            request.params.id,
            request.body.action,
            request.body.at,
          ),
        ),
      }),
    );

    app.post(`${base}/bulk`, { schema: { body: BulkBody } }, async (request) => ({
      results: await newsroom.bulk(actor(request), request.body.ids, request.body.action),
    }));

    app.post(
      `${base}/:id/embargo`,
      { schema: { params: IdParam, body: EmbargoBody } },
      async (request) => ({
        article: represent(
          await newsroom.setEmbargo(actor(request), request.params.id, request.body.until),
        ),
      }),
    );

    app.get(`${base}/:id/revisions`, { schema: { params: IdParam } }, async (request) => ({
      items: await newsroom.revisions(actor(request), request.params.id),
    }));

    app.get(
      `${base}/:id/revisions/:revisionId`,
      { schema: { params: RevisionParam } },
      async (request) => {
        const { fields, ...revision } = await newsroom.revision(
          actor(request),
          request.params.id,
          request.params.revisionId,
        );
        return { revision, fields };
      },
    );

    app.get(
      `${base}/:id/diff`,
      { schema: { params: IdParam, querystring: DiffQuery } },
      async (request) =>
        newsroom.diff(actor(request), request.params.id, request.query.from, request.query.to),
    );

    app.post(
      `${base}/:id/revisions/:revisionId/restore`,
      { schema: { params: RevisionParam, body: Type.Optional(Empty) } },
      async (request) => {
        const who = actor(request);
        const { article, revisionId } = await newsroom.restoreRevision(
          who,
          request.params.id,
          request.params.revisionId,
        );
        const revision = (await newsroom.revisions(who, article.id)).find(
          (r) => r.id === revisionId,
        );
        return { article: represent(article), revision };
      },
    );

    app.post(
      `${base}/:id/lock`,
      { schema: { params: IdParam, body: Type.Optional(Empty) } },
      async (request) => {
        const { previousHolder: _p, ...result } = await newsroom.lock(
          actor(request),
          request.params.id,
        );
        return result;
      },
    );
    app.post(
      `${base}/:id/lock/heartbeat`,
      { schema: { params: IdParam, body: Type.Optional(Empty) } },
      async (request) => ({ lock: await newsroom.heartbeat(actor(request), request.params.id) }),
    );
    app.post(
      `${base}/:id/lock/takeover`,
      { schema: { params: IdParam, body: Type.Optional(Empty) } },
      async (request) => {
        const { lock, previousHolder } = await newsroom.lock(
          actor(request),
          request.params.id,
          true,
        );
        return { lock, previousHolder };
      },
    );
    app.delete(`${base}/:id/lock`, { schema: { params: IdParam } }, async (request) => {
      await newsroom.unlock(actor(request), request.params.id);
      return { released: true };
    });
    // The editor page's pagehide beacon: `navigator.sendBeacon` can only POST, and sends the
    // CSRF token as the form field `_csrf`. Only the caller's own lock is released.
    app.post(
      `${base}/:id/lock/release`,
      { schema: { params: IdParam, body: Type.Optional(ReleaseBody) } },
      async (request) => {
        await newsroom.unlock(actor(request), request.params.id);
        return { released: true };
      },
    );

    app.post(
      `${base}/:id/corrections`,
      { schema: { params: IdParam, body: CorrectionBody } },
      async (request, reply) => {
        const { correction, article } = await newsroom.addCorrection(
          actor(request),
          request.params.id,
          request.body.kind,
          request.body.text,
        );
        return reply.code(201).send({ correction, article: represent(article) });
      },
    );
  });

  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const PER_PAGE = 20;

  app.get(
    '/corrections/',
    { schema: { querystring: PageQuery }, config: { cacheProfile: 'page' } },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const { site } = await opts.site.context();
      const { items, total } = await newsroom.listCorrections(PER_PAGE, (page - 1) * PER_PAGE);
      const pages = Math.max(1, pageCount(total, PER_PAGE));
      if (page > pages) throw notFound('No such page');
      // Any article change purges `corrections` (a title or URL listed here may have changed).
      reply.cacheKeys('corrections');
      return sendPage(
        reply,
        h(CorrectionsPage, {
          site,
          page,
          pages,
          items: items.map((c) => ({
            ...c,
            article: { title: c.article.title, path: opts.pathOf(c.article) },
          })),
        }),
      );
    },
  );

  app.get(
    '/preview/:token/',
    {
      schema: {
        params: Type.Object({
          token: Type.String({ minLength: 20, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
        }),
      },
      config: { cacheProfile: 'private' },
    },
    async (request, reply) => {
      const article = await newsroom.preview(request.params.token);
      if (!article) throw notFound('No such preview');
      const { site } = await opts.site.context();
      reply.header('x-robots-tag', 'noindex, nofollow');
      reply.header('referrer-policy', 'no-referrer');
      return sendPage(
        reply,
        h(PreviewPage, { site, article, path: `/preview/${request.params.token}/` }),
      );
    },
  );
}
