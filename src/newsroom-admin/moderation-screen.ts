import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Session } from '../accounts/account.js';
import type { CommentService, ModerationAction } from '../comments/comment-service.js';
import { AppError } from '../http/app-error.js';
import { sendPage } from '../http/render.js';
import type { SiteService } from '../site/site-service.js';
import type { CommentStatus } from '../storage/schema.js';
import { BansPage, ModerationPage, type QueueItem } from './views/moderation-page.js';

export interface ModerationScreenOptions {
  site: SiteService;
  comments: CommentService;
  /** URL of the bundled keyboard/fetch enhancement script. */
  script: string;
}

const PER_PAGE = 25;
const STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
const ACTIONS = ['approve', 'unapprove', 'spam', 'trash', 'restore', 'delete'] as const;
type QueueAction = (typeof ACTIONS)[number];

const QueueQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(STATUSES.map((s) => Type.Literal(s)))),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    done: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const Id = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) });
/** Form bodies are read leniently and checked in the handler, so a bad one gets a clear page. */
const FormBody = Type.Record(
  Type.String(),
  Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 20 }))]),
);
type FormBody = Static<typeof FormBody>;

const one = (v: string | string[] | undefined): string =>
  typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';

/** Only a path inside the queue: never an open redirect. */
function safeReturn(raw: string): string {
  return /^\/admin\/comments\/(bans\/)?(\?[a-z0-9=&]*)?$/.test(raw) ? raw : '/admin/comments/';
}

function withDone(path: string, done: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}done=${done}`;
}

const DONE_MESSAGES: Record<string, string> = {
  approve: 'Approved.',
  unapprove: 'Moved back to pending.',
  spam: 'Marked as spam.',
  trash: 'Moved to the trash.',
  restore: 'Restored to pending.',
  delete: 'Deleted for good.',
  reply: 'Your reply is published.',
  ban: 'Banned.',
  unban: 'Ban lifted.',
  none: 'Nothing was selected.',
};

const wantsJson = (request: FastifyRequest) =>
  (request.headers.accept ?? '').includes('application/json');

/** The moderation queue at `/admin/comments/` (capability `moderate_comments`). */
export async function moderationScreen(app: FastifyInstance, opts: ModerationScreenOptions) {
  const { comments, site: siteService } = opts;
  const config = { capability: 'moderate_comments' as const, cacheProfile: 'private' as const };

  /** Every change goes through CommentService, so approvals reach live readers (SSE) as before. */
  async function apply(ids: number[], action: QueueAction, session: Session): Promise<number> {
    if (action === 'delete') return comments.deletePermanently(ids);
    return comments.moderate(ids, action as ModerationAction, session.account.name);
  }

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    returnTo: string,
    done: string,
    changed: number,
  ) {
    if (wantsJson(request)) {
      return reply.send({ changed, counts: await comments.countByStatus() });
    }
    return reply.redirect(withDone(safeReturn(returnTo), done), 303);
  }

  app.get<{ Querystring: Static<typeof QueueQuery> }>(
    '/admin/comments/',
    { config, schema: { querystring: QueueQuery } },
    async (request, reply) => {
      const session = request.staffSession!;
      const status: CommentStatus = request.query.status ?? 'pending';
      const counts = await comments.countByStatus();
      const pages = Math.max(1, Math.ceil(counts[status] / PER_PAGE));
      const page = Math.min(request.query.page ?? 1, pages);
      const list = await comments.listForModeration({
        status,
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
      });
      const targets = new Map<number, QueueItem['article']>();
      for (const id of new Set(list.map((c) => c.articleId))) {
        const target = await comments.target(id);
        targets.set(
          id,
          target
            ? { title: target.title, path: target.path }
            : { title: `Article ${id} (not public)`, path: null },
        );
      }
      const { site } = await siteService.context();
      return sendPage(
        reply,
        h(ModerationPage, {
          site,
          account: session.account,
          csrfToken: session.csrfToken,
          status,
          counts,
          items: list.map((comment) => ({ comment, article: targets.get(comment.articleId)! })),
          page,
          pages,
          notice: DONE_MESSAGES[request.query.done ?? ''],
          script: opts.script,
        }),
      );
    },
  );

  app.post<{ Params: Static<typeof Id>; Body: FormBody }>(
    '/admin/comments/:id/',
    { config, schema: { params: Id, body: FormBody } },
    async (request, reply) => {
      const action = one(request.body.action) as QueueAction;
      if (!ACTIONS.includes(action)) throw new AppError('BAD_REQUEST', 'Unknown action.');
      const comment = await comments.find(Number(request.params.id));
      if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
      const changed = await apply([comment.id], action, request.staffSession!);
      return answer(request, reply, one(request.body.return), action, changed);
    },
  );

  app.post<{ Body: FormBody }>(
    '/admin/comments/bulk/',
    { config, schema: { body: FormBody } },
    async (request, reply) => {
      const action = one(request.body.action) as QueueAction;
      if (!ACTIONS.includes(action)) throw new AppError('BAD_REQUEST', 'Unknown action.');
      const raw = request.body.ids;
      const ids = (Array.isArray(raw) ? raw : raw ? [raw] : [])
        .filter((v) => /^[1-9][0-9]{0,14}$/.test(v))
        .map(Number)
        .slice(0, 500);
      if (!ids.length) return answer(request, reply, one(request.body.return), 'none', 0);
      const changed = await apply(ids, action, request.staffSession!);
      return answer(request, reply, one(request.body.return), action, changed);
    },
  );

  app.post<{ Params: Static<typeof Id>; Body: FormBody }>(
    '/admin/comments/:id/reply/',
    { config, schema: { params: Id, body: FormBody } },
    async (request, reply) => {
      const session = request.staffSession!;
      const text = one(request.body.text);
      if (!text.trim()) throw new AppError('VALIDATION_FAILED', 'Write a reply first.');
      await comments.replyAsStaff(Number(request.params.id), { name: session.account.name, text });
      return answer(request, reply, one(request.body.return), 'reply', 1);
    },
  );

  app.get<{ Querystring: { done?: string } }>(
    '/admin/comments/bans/',
    {
      config,
      schema: {
        querystring: Type.Object(
          { done: Type.Optional(Type.String({ maxLength: 40 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const session = request.staffSession!;
      const { site } = await siteService.context();
      return sendPage(
        reply,
        h(BansPage, {
          site,
          account: session.account,
          csrfToken: session.csrfToken,
          bans: await comments.listBans(),
          notice: DONE_MESSAGES[request.query.done ?? ''],
        }),
      );
    },
  );

  app.post<{ Body: FormBody }>(
    '/admin/comments/bans/',
    { config, schema: { body: FormBody } },
    async (request, reply) => {
      const kind = one(request.body.kind);
      if (kind !== 'email' && kind !== 'ip') throw new AppError('BAD_REQUEST', 'Unknown ban.');
      const commentId = one(request.body.commentId);
      const email = one(request.body.email).trim();
      const reason = one(request.body.reason).slice(0, 500);
      if (!commentId && !/^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(email)) {
        const session = request.staffSession!;
        const { site } = await siteService.context();
        return sendPage(
          reply,
          h(BansPage, {
            site,
            account: session.account,
            csrfToken: session.csrfToken,
            bans: await comments.listBans(),
            error: 'Enter a valid email address to ban.',
            email,
          }),
          400,
        );
      }
      await comments.ban(
        commentId && /^[1-9][0-9]{0,14}$/.test(commentId)
          ? { kind, commentId: Number(commentId), reason }
          : { kind, email, reason },
      );
      return answer(request, reply, one(request.body.return), 'ban', 1);
    },
  );

  app.post<{ Params: Static<typeof Id> }>(
    '/admin/comments/bans/:id/delete/',
    { config, schema: { params: Id } },
    async (request, reply) => {
      if (!(await comments.unban(Number(request.params.id)))) {
        throw new AppError('NOT_FOUND', 'No such ban.');
      }
      return reply.redirect('/admin/comments/bans/?done=unban', 303);
    },
  );
}
