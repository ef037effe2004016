import { timingSafeEqual } from 'node:crypto';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/app-error.js';
import type { ModeratedComment } from './comment.js';
import type { CommentService, ModerationAction } from './comment-service.js';

export interface ModerationRoutesOptions {
  comments: CommentService;
  /** `MODERATION_TOKEN`; unset disables the API (every call answers 401). */
  token: string | undefined;
}

const Id = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) });
const ActionParams = Type.Object({
  id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }),
  action: Type.Union([
    Type.Literal('approve'),
    Type.Literal('unapprove'),
    Type.Literal('spam'),
    Type.Literal('trash'),
    Type.Literal('restore'),
  ]),
});
const ListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([
        Type.Literal('pending'),
        Type.Literal('approved'),
        Type.Literal('spam'),
        Type.Literal('trash'),
      ]),
    ),
    article: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
const EditBody = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { additionalProperties: false },
);
const ReplyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    text: Type.String({ minLength: 1, maxLength: 20_000 }),
  },
  { additionalProperties: false },
);
const BulkBody = Type.Object(
  {
    action: ActionParams.properties.action,
    ids: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
const BanBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('email'), Type.Literal('ip')]),
    commentId: Type.Optional(Type.Integer({ minimum: 1 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
const PurgeBody = Type.Object(
  { retentionDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })) },
  { additionalProperties: false },
);

/** The staff view of a comment: everything, including the email (never in a public response). */
function staffView(c: ModeratedComment) {
  return {
    id: c.id,
    articleId: c.articleId,
    parentId: c.parentId,
    depth: c.depth,
    status: c.status,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    authorUrl: c.authorUrl,
    text: c.body,
    html: c.bodyHtml,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    staff: c.isStaff,
    ipHash: c.ipHash,
    userAgent: c.userAgent,
    spamScore: c.spamScore,
    moderation: { rule: c.moderationRule, reason: c.moderationReason, at: c.moderatedAt },
  };
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The staff moderation JSON API under `/api/moderation/`. Until accounts exist it is protected by
 * a bearer token (`MODERATION_TOKEN`); the newsroom UI will call the same routes with a session.
 */
export async function moderationRoutes(app: FastifyInstance, opts: ModerationRoutesOptions) {
  const { comments } = opts;
  const staff = { config: { cacheProfile: 'private' as const } };

  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (!opts.token) {
      throw new AppError('UNAUTHORIZED', 'The moderation API is disabled: set MODERATION_TOKEN.');
    }
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !tokenMatches(given, opts.token)) {
      throw new AppError('UNAUTHORIZED', 'A valid moderation token is required.');
    }
  });

  const found = async (id: string) => {
    const comment = await comments.find(Number(id));
    if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
    return comment;
  };

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/api/moderation/comments',
    { ...staff, schema: { querystring: ListQuery } },
    async (request) => {
      const q = request.query;
      const list = await comments.listForModeration({
        ...(q.status ? { status: q.status } : {}),
        ...(q.article ? { articleId: q.article } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
        ...(q.offset ? { offset: q.offset } : {}),
      });
      return { comments: list.map(staffView) };
    },
  );

  app.get<{ Params: Static<typeof Id> }>(
    '/api/moderation/comments/:id',
    { ...staff, schema: { params: Id } },
    async (request) => ({ comment: staffView(await found(request.params.id)) }),
  );

  app.post<{ Params: Static<typeof ActionParams> }>(
    '/api/moderation/comments/:id/:action',
    { ...staff, schema: { params: ActionParams } },
    async (request) => {
      const comment = await found(request.params.id);
      await comments.moderate([comment.id], request.params.action as ModerationAction);
      return { comment: staffView(await found(request.params.id)) };
    },
  );

  app.patch<{ Params: Static<typeof Id>; Body: Static<typeof EditBody> }>(
    '/api/moderation/comments/:id',
    { ...staff, schema: { params: Id, body: EditBody } },
    async (request) => ({
      comment: staffView(await comments.edit(Number(request.params.id), request.body.text)),
    }),
  );

  app.post<{ Params: Static<typeof Id>; Body: Static<typeof ReplyBody> }>(
    '/api/moderation/comments/:id/replies',
    { ...staff, schema: { params: Id, body: ReplyBody } },
    async (request, reply) => {
      const created = await comments.replyAsStaff(Number(request.params.id), request.body);
      return reply.code(201).send({ comment: staffView(created) });
    },
  );

  app.post<{ Body: Static<typeof BulkBody> }>(
    '/api/moderation/comments/bulk',
    { ...staff, schema: { body: BulkBody } },
    async (request) => ({
      changed: await comments.moderate(request.body.ids, request.body.action as ModerationAction),
    }),
  );

  app.get('/api/moderation/bans', staff, async () => ({ bans: await comments.listBans() }));

  app.post<{ Body: Static<typeof BanBody> }>(
    '/api/moderation/bans',
    { ...staff, schema: { body: BanBody } },
    async (request, reply) => {
      const id = await comments.ban(request.body);
      return reply.code(201).send({ ban: { id, kind: request.body.kind } });
    },
  );

  app.delete<{ Params: Static<typeof Id> }>(
    '/api/moderation/bans/:id',
    { ...staff, schema: { params: Id } },
    async (request, reply) => {
      if (!(await comments.unban(Number(request.params.id)))) {
        throw new AppError('NOT_FOUND', 'No such ban.');
      }
      return reply.code(204).send();
    },
  );

  app.post<{ Body: Static<typeof PurgeBody> }>(
    '/api/moderation/purge',
    { ...staff, schema: { body: PurgeBody } },
    async (request) => ({ purged: await comments.purgeExpired(request.body?.retentionDays) }),
  );
}
