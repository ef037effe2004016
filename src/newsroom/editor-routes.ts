import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { AccountService } from '../accounts/account-service.js';
import { can } from '../accounts/roles.js';
import { staffArea } from '../accounts/staff-guard.js';
import { AppError } from '../http/app-error.js';
import { type Asset, bundleScript, loadSourceAsset } from '../http/assets.js';
import { toAppError } from '../http/error-handler.js';
import { pageCount } from '../http/paging.js';
import { sendPage } from '../http/render.js';
import type { SiteService } from '../site/site-service.js';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.js';
import type { Action, Actor, ArticleFields, FieldsInput } from './newsroom.js';
import type { ArticleView, NewsroomService } from './newsroom-service.js';
import { ArticleEditPage, type ArticleFormValues } from './views/article-edit-page.js';
import { ArticleListPage } from './views/article-list-page.js';
import { RevisionDiffPage } from './views/revision-diff-page.js';

export interface EditorRoutesOptions {
  site: SiteService;
  accounts: AccountService;
  newsroom: NewsroomService;
  taxonomy: TaxonomyService;
  siteUrl: string;
  pathOf: (a: { type: 'post' | 'page'; slug: string; publishedAt: string | null }) => string;
  clock: () => Date;
}

/** The editor's stylesheet and its island (TipTap + Preact), bundled once per process. */
export async function loadEditorAssets(): Promise<{ css: Asset; script: Asset }> {
  return {
    css: loadSourceAsset('src/newsroom/views/editor.css', 'text/css; charset=utf-8'),
    script: await bundleScript('src/newsroom/client/editor-client.tsx', 'editor'),
  };
}

const FormValue = Type.Union([
  Type.String({ maxLength: 2_100_000 }),
  Type.Array(Type.String({ maxLength: 2_100_000 }), { maxItems: 500 }),
]);
const FormBody = Type.Record(Type.String({ maxLength: 100 }), FormValue);
type Form = Record<string, string | string[]>;
const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const RevisionParam = Type.Object(
  { id: Type.Integer({ minimum: 1 }), revisionId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);
const Short = Type.Optional(Type.String({ maxLength: 200 }));
const ListQuery = Type.Object(
  {
    status: Short,
    author: Short,
    category: Short,
    from: Short,
    to: Short,
    q: Short,
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    done: Short,
    ok: Type.Optional(Type.Integer({ minimum: 0 })),
    failed: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
const DoneQuery = Type.Object({ done: Short }, { additionalProperties: false });
const DiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

const STATUSES = ['draft', 'pending', 'scheduled', 'published', 'unpublished', 'trash'] as const;
const INTENTS = ['save', 'submit', 'publish', 'schedule', 'unschedule', 'unpublish'] as const;
type Intent = (typeof INTENTS)[number];
const BULK_ACTIONS = ['publish', 'unpublish', 'trash'] as const;
const PER_PAGE = 20;
const BIG_BODY = 3 * 1024 * 1024;

const NOTICES: Record<string, string> = {
  save: 'Saved.',
  submit: 'Submitted for review.',
  publish: 'Published.',
  schedule: 'Scheduled.',
  unschedule: 'Unscheduled: the article is a draft again.',
  unpublish: 'Unpublished.',
  restored: 'The revision was restored.',
  corrected: 'The correction was appended.',
  trashed: 'Moved to trash.',
  discarded: 'Your changes saved as a draft were discarded; the form shows what is live.',
};

const one = (form: Form, name: string): string => {
  const v = form[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).toString();
};
const many = (form: Form, name: string): string[] => {
  const v = form[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

/** The form exactly as sent, so a refused form comes back with every keystroke. */
function formValues(form: Form): ArticleFormValues {
  return {
    headline: one(form, 'headline'),
    dek: one(form, 'dek'),
    slug: one(form, 'slug'),
    bodyHtml: one(form, 'bodyHtml'),
    primaryCategoryId: one(form, 'primaryCategoryId'),
    categoryIds: many(form, 'categoryIds'),
    tags: one(form, 'tags'),
    authorIds: many(form, 'authorIds'),
    featuredImageId: one(form, 'featuredImageId'),
    socialImageId: one(form, 'socialImageId'),
    seoTitle: one(form, 'seoTitle'),
    seoDescription: one(form, 'seoDescription'),
    commentStatus: one(form, 'commentStatus') || 'open',
    lang: one(form, 'lang'),
    dir: one(form, 'dir'),
    scheduleAt: one(form, 'scheduleAt'),
    baseRevisionId: one(form, 'baseRevisionId'),
  };
}

/** The form filled with an article's fields. */
function fieldValues(f: ArticleFields): Omit<ArticleFormValues, 'scheduleAt' | 'baseRevisionId'> {
  return {
    headline: f.headline,
    dek: f.dek,
    slug: f.slug,
    bodyHtml: f.bodyHtml,
    primaryCategoryId: f.primaryCategoryId ? String(f.primaryCategoryId) : '',
    categoryIds: f.categoryIds.filter((id) => id !== f.primaryCategoryId).map(String),
    tags: f.tags.join(', '),
    authorIds: f.authorIds.map(String),
    featuredImageId: f.featuredImageId ? String(f.featuredImageId) : '',
    socialImageId: f.socialImageId ? String(f.socialImageId) : '',
    seoTitle: f.seoTitle,
    seoDescription: f.seoDescription,
    commentStatus: f.commentStatus,
    lang: f.lang ?? '',
    dir: f.dir ?? '',
  };
}

function articleValues(a: ArticleView): ArticleFormValues {
  return {
    ...fieldValues({
      ...a,
      tags: a.tags.map((t) => t.name),
      authorIds: a.authors.map((x) => x.id),
    }),
    scheduleAt: a.status === 'scheduled' && a.publishedAt ? a.publishedAt.slice(0, 19) : '',
    baseRevisionId: a.headRevisionId ? String(a.headRevisionId) : '',
  };
}

/** The form filled with a revision's fields (a live article's pending autosave). */
function revisionValues(a: ArticleView, f: ArticleFields): ArticleFormValues {
  return { ...articleValues(a), ...fieldValues(f) };
}

const positiveInt = (s: string) => (/^[1-9][0-9]{0,9}$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** Turns the form into the service's fields; field errors for what cannot be read. */
export function parseArticleForm(v: ArticleFormValues): {
  fields: FieldsInput;
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const optionalId = (name: 'featuredImageId' | 'socialImageId' | 'primaryCategoryId') => {
    const raw = v[name].trim();
    if (!raw) return null;
    const n = positiveInt(raw);
    if (Number.isNaN(n)) {
      errors[name] = 'Enter the number of an image from the media library, or leave it empty.';
      return null;
    }
    return n;
  };
  if (!v.headline.trim()) errors.headline = 'Write a headline.';
  else if (v.headline.length > 300) errors.headline = 'Keep the headline under 300 characters.';
  const lang = v.lang.trim();
  if (lang && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang)) {
    errors.lang = 'Use a language code such as en, tr or pt-BR.';
  }
  const fields: FieldsInput = {
    headline: v.headline,
    dek: v.dek.slice(0, 1000),
    slug: v.slug.slice(0, 200),
    bodyHtml: v.bodyHtml,
    primaryCategoryId: optionalId('primaryCategoryId'),
    categoryIds: v.categoryIds.map(positiveInt).filter((n) => !Number.isNaN(n)),
    tags: v.tags
      .split(',')
      .map((t) => t.trim().slice(0, 100))
      .filter(Boolean)
      .slice(0, 50),
    authorIds: v.authorIds.map(positiveInt).filter((n) => !Number.isNaN(n)),
    featuredImageId: optionalId('featuredImageId'),
    socialImageId: optionalId('socialImageId'),
    seoTitle: v.seoTitle.slice(0, 300),
    seoDescription: v.seoDescription.slice(0, 1000),
    commentStatus: v.commentStatus === 'closed' ? 'closed' : 'open',
    lang: lang || null,
    dir: v.dir === 'ltr' || v.dir === 'rtl' ? v.dir : null,
  };
  return { fields, errors };
}

/**
 * A `datetime-local` value as UTC: the island sends the browser's `getTimezoneOffset()` in
 * `tzOffset`; without JavaScript the time is read as UTC (the field's hint says so).
 */
export function scheduleTime(local: string, tzOffset: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return undefined;
  const base = Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`);
  if (Number.isNaN(base)) return undefined;
  const offset = /^-?\d{1,4}$/.test(tzOffset) ? Number(tzOffset) : 0;
  return new Date(base + offset * 60_000).toISOString();
}

function dayBound(value: string | undefined, nextDay: boolean): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const t = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(t)) return undefined;
  return new Date(t + (nextDay ? 86_400_000 : 0)).toISOString();
}

/**
 * The journalist's screens: the article list (`/admin/articles/`), the editor (`new/`,
 * `:id/edit/`) with plain-form workflow actions, revision comparison and restore, corrections.
 * Everything works without JavaScript; the island adds rich text and autosave through the JSON API
 * in `newsroom-routes.ts`. Every action is decided by `NewsroomService` (capabilities).
 */
export async function editorRoutes(fastify: FastifyInstance, opts: EditorRoutesOptions) {
  const { newsroom } = opts;
  const assets = await loadEditorAssets();
  for (const asset of [assets.css, assets.script]) {
    fastify.get(asset.url, { config: { cacheProfile: 'immutable' } }, async (_request, reply) =>
      reply.type(asset.type).send(asset.body),
    );
  }
  const styles = [assets.css.url];

  const represent = (a: ArticleView) => ({
    ...a,
    previewUrl: a.previewToken ? `/preview/${a.previewToken}/` : null,
    publicPath:
      a.status === 'published' && a.publishedAt && a.publishedAt <= opts.clock().toISOString()
        ? opts.pathOf(a)
        : null,
  });

  const choices = async () => {
    const [accounts, tree] = await Promise.all([
      opts.accounts.listAccounts(),
      opts.taxonomy.categoryTree(),
    ]);
    return {
      authors: accounts.map((p) => ({ id: p.id, name: p.name })),
      categories: tree.all.map((c) => ({ id: c.id, name: c.name })),
    };
  };

  await fastify.register(async (scope) => {
    staffArea(scope, { accounts: opts.accounts, siteUrl: opts.siteUrl });
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    const config = { cacheProfile: 'private' as const };
    const who = (request: FastifyRequest) => {
      const session = request.staffSession!;
      if (!can(session.account.role, 'write_drafts')) {
        throw new AppError('FORBIDDEN', 'Your role does not allow this.');
      }
      const actor: Actor = {
        id: session.account.id,
        name: session.account.name,
        role: session.account.role,
      };
      return { session, actor };
    };

    const renderEditor = async (
      request: FastifyRequest,
      reply: FastifyReply,
      page: {
        article: ArticleView | null;
        values?: ArticleFormValues;
        status?: number;
        message?: string;
        errors?: Record<string, string>;
        notice?: string;
        lockWarning?: string;
        pendingSince?: string;
      },
    ) => {
      const { session, actor } = who(request);
      const { site } = await opts.site.context();
      const revisions = page.article ? await newsroom.revisions(actor, page.article.id) : [];
      const values =
        page.values ??
        (page.article
          ? articleValues(page.article)
          : { ...formValues({}), authorIds: [String(actor.id)] });
      return sendPage(
        reply,
        h(ArticleEditPage, {
          site,
          account: session.account,
          csrfToken: session.csrfToken,
          styles,
          script: assets.script.url,
          article: page.article ? represent(page.article) : null,
          values,
          errors: page.errors,
          message: page.message,
          notice: page.notice,
          lockWarning: page.lockWarning,
          pendingSince: page.pendingSince,
          revisions,
          ...(await choices()),
          canPublishNew: can(actor.role, 'publish_own'),
        }),
        page.status ?? 200,
      );
    };

    app.get(
      '/admin/articles/',
      { config, schema: { querystring: ListQuery } },
      async (request, reply) => {
        const { session, actor } = who(request);
        const q = request.query;
        const status = STATUSES.find((s) => s === q.status);
        const author = positiveInt(q.author ?? '');
        const category = positiveInt(q.category ?? '');
        const from = dayBound(q.from, false);
        const to = dayBound(q.to, true);
        const page = q.page ?? 1;
        const { items, total } = await newsroom.list(actor, {
          ...(status ? { status } : {}),
          ...(Number.isNaN(author) ? {} : { authorId: author }),
          ...(Number.isNaN(category) ? {} : { categoryId: category }),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(q.q?.trim() ? { q: q.q.trim() } : {}),
          limit: PER_PAGE,
          offset: (page - 1) * PER_PAGE,
        });
        const filters = {
          status: status ?? '',
          author: Number.isNaN(author) ? '' : String(author),
          category: Number.isNaN(category) ? '' : String(category),
          from: from ? q.from! : '',
          to: to ? q.to! : '',
          q: q.q ?? '',
        };
        const query = new URLSearchParams(
          Object.entries(filters).filter(([, value]) => value !== ''),
        ).toString();
        const { site } = await opts.site.context();
        const notice =
          q.done === 'bulk'
            ? `${q.ok ?? 0} article${q.ok === 1 ? '' : 's'} changed${q.failed ? `, ${q.failed} not allowed or not possible` : ''}.`
            : q.done === 'trashed'
              ? NOTICES.trashed
              : undefined;
        return sendPage(
          reply,
          h(ArticleListPage, {
            site,
            account: session.account,
            csrfToken: session.csrfToken,
            styles,
            filters,
            items,
            total,
            page,
            pages: Math.max(1, pageCount(total, PER_PAGE)),
            ...(await choices()),
            notice,
            query,
          }),
        );
      },
    );

    app.post(
      '/admin/articles/bulk/',
      { config, schema: { body: FormBody } },
      async (request, reply) => {
        const { actor } = who(request);
        const form = request.body as Form;
        const action = BULK_ACTIONS.find((a) => a === one(form, 'action'));
        if (!action) throw new AppError('BAD_REQUEST', 'Choose publish, unpublish or trash.');
        const ids = many(form, 'ids')
          .map(positiveInt)
          .filter((n) => !Number.isNaN(n))
          .slice(0, 200);
        if (!ids.length) throw new AppError('BAD_REQUEST', 'Select at least one article.');
        const results = await newsroom.bulk(actor, ids, action);
        const ok = results.filter((r) => r.ok).length;
        const back = new URLSearchParams(one(form, 'return').slice(0, 1000));
        back.delete('page');
        back.set('done', 'bulk');
        back.set('ok', String(ok));
        back.set('failed', String(results.length - ok));
        return reply.redirect(`/admin/articles/?${back.toString()}`, 303);
      },
    );

    app.get('/admin/articles/new/', { config }, async (request, reply) =>
      renderEditor(request, reply, { article: null }),
    );

    /** Saves the form, then runs the button's workflow action; errors come back on the form. */
    const saveForm = async (request: FastifyRequest, reply: FastifyReply, id: number | null) => {
      const { actor } = who(request);
      const form = request.body as Form;
      const values = formValues(form);
      const intent: Intent = INTENTS.find((i) => i === one(form, 'intent')) ?? 'save';
      let article = id ? await newsroom.view(actor, id) : null;
      const { fields, errors } = parseArticleForm(values);
      let at: string | undefined;
      if (intent === 'schedule') {
        at = scheduleTime(values.scheduleAt, one(form, 'tzOffset'));
        if (!at) errors.scheduleAt = 'Choose the date and time to publish.';
      }
      if (!id && !fields.authorIds?.length) fields.authorIds = [actor.id];
      if (Object.keys(errors).length) {
        return renderEditor(request, reply, {
          article,
          values,
          errors,
          status: 400,
          message: 'The article was not saved. Please correct:',
        });
      }
      try {
        if (id) {
          const base = positiveInt(values.baseRevisionId);
          article = (await newsroom.save(actor, id, fields, Number.isNaN(base) ? undefined : base))
            .article;
        } else {
          article = (await newsroom.create(actor, fields)).article;
        }
      } catch (error) {
        const e = toAppError(error);
        if (e.status >= 500 || e.code === 'NOT_FOUND') throw error;
        const fieldErrors = (e.details?.fieldErrors ?? {}) as Record<string, string>;
        return renderEditor(request, reply, {
          article,
          values,
          errors: fieldErrors,
          status: e.status,
          message:
            e.code === 'CONFLICT'
              ? 'Someone saved a newer version while you were editing. Your text is below: copy what you need, then reload.'
              : `The article was not saved: ${e.message}`,
        });
      }
      if (intent !== 'save') {
        try {
          article = await newsroom.transition(actor, article.id, intent as Action, at);
        } catch (error) {
          const e = toAppError(error);
          if (e.status >= 500) throw error;
          return renderEditor(request, reply, {
            article,
            values: { ...articleValues(article), scheduleAt: values.scheduleAt },
            errors: (e.details?.fieldErrors ?? {}) as Record<string, string>,
            status: e.status,
            message: `Saved, but not done: ${e.message}`,
          });
        }
      }
      return reply.redirect(`/admin/articles/${article.id}/edit/?done=${intent}`, 303);
    };

    app.post(
      '/admin/articles/new/',
      { config, schema: { body: FormBody }, bodyLimit: BIG_BODY },
      async (request, reply) => saveForm(request, reply, null),
    );

    app.get(
      '/admin/articles/:id/edit/',
      { config, schema: { params: IdParam, querystring: DoneQuery } },
      async (request, reply) => {
        const { actor } = who(request);
        const article = await newsroom.view(actor, request.params.id);
        let lockWarning: string | undefined;
        if (article.can.edit) {
          const lock = await newsroom.lock(actor, article.id);
          if (!lock.acquired) lockWarning = lock.warning;
        }
        const done = request.query.done;
        const current = await newsroom.view(actor, request.params.id);
        // A live article's autosave waits aside: offer it back, with a way to discard it.
        const pending = current.can.edit
          ? await newsroom.pendingAutosave(actor, current.id)
          : undefined;
        return renderEditor(request, reply, {
          article: current,
          ...(pending
            ? { values: revisionValues(current, pending.fields), pendingSince: pending.createdAt }
            : {}),
          ...(lockWarning ? { lockWarning } : {}),
          ...(done && NOTICES[done] ? { notice: NOTICES[done] } : {}),
        });
      },
    );

    app.post(
      '/admin/articles/:id/edit/',
      { config, schema: { params: IdParam, body: FormBody }, bodyLimit: BIG_BODY },
      async (request, reply) => saveForm(request, reply, request.params.id),
    );

    app.post(
      '/admin/articles/:id/autosave/discard/',
      { config, schema: { params: IdParam, body: FormBody } },
      async (request, reply) => {
        const { actor } = who(request);
        await newsroom.discardPendingAutosave(actor, request.params.id);
        return reply.redirect(`/admin/articles/${request.params.id}/edit/?done=discarded`, 303);
      },
    );

    app.post(
      '/admin/articles/:id/trash/',
      { config, schema: { params: IdParam, body: FormBody } },
      async (request, reply) => {
        const { actor } = who(request);
        await newsroom.transition(actor, request.params.id, 'trash');
        return reply.redirect('/admin/articles/?done=trashed', 303);
      },
    );

    app.get(
      '/admin/articles/:id/revisions/',
      { config, schema: { params: IdParam, querystring: DiffQuery } },
      async (request, reply) => {
        const { session, actor } = who(request);
        const article = await newsroom.view(actor, request.params.id);
        const diff = await newsroom.diff(actor, article.id, request.query.from, request.query.to);
        const { site } = await opts.site.context();
        return sendPage(
          reply,
          h(RevisionDiffPage, {
            site,
            account: session.account,
            csrfToken: session.csrfToken,
            styles,
            articleId: article.id,
            headline: article.headline,
            ...diff,
            canRestore: article.can.edit,
          }),
        );
      },
    );

    app.post(
      '/admin/articles/:id/revisions/:revisionId/restore/',
      { config, schema: { params: RevisionParam, body: FormBody } },
      async (request, reply) => {
        const { actor } = who(request);
        await newsroom.restoreRevision(actor, request.params.id, request.params.revisionId);
        return reply.redirect(`/admin/articles/${request.params.id}/edit/?done=restored`, 303);
      },
    );

    app.post(
      '/admin/articles/:id/corrections/',
      { config, schema: { params: IdParam, body: FormBody } },
      async (request, reply) => {
        const { actor } = who(request);
        const form = request.body as Form;
        const kind = (['correction', 'clarification', 'update'] as const).find(
          (k) => k === one(form, 'kind'),
        );
        const text = one(form, 'text').trim();
        if (!kind || !text || text.length > 5000) {
          throw new AppError('VALIDATION_FAILED', 'Choose a kind and write the correction.');
        }
        await newsroom.addCorrection(actor, request.params.id, kind, text);
        return reply.redirect(`/admin/articles/${request.params.id}/edit/?done=corrected`, 303);
      },
    );
  });
}
