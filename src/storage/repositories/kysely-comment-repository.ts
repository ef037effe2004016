import type { Kysely, Selectable } from 'kysely';
import type { ModeratedComment, PublicComment } from '../../comments/comment.js';
import type {
  CommentRepository,
  ModerationQuery,
  NewComment,
} from '../../comments/comment-repository.js';
import type { SanitizedHtml } from '../../text/sanitized-html.js';
import type { CommentStatus, CommentsTable, Database } from '../schema.js';
import { compiledOnce } from './compiled-once.js';
import { commentRow } from './rows.js';

/** The columns anyone may see. `author_email`, `ip_hash` and moderation notes are not among them. */
const PUBLIC_COLUMNS = [
  'id',
  'parent_id',
  'author_name',
  'author_url',
  'body',
  'body_html',
  'avatar_key',
  'depth',
  'created_at',
  'edited_at',
  'is_staff',
  'status',
] as const;

type PublicRow = Pick<Selectable<CommentsTable>, (typeof PUBLIC_COLUMNS)[number]>;

function toPublic(r: PublicRow): PublicComment {
  return {
    id: r.id,
    parentId: r.parent_id,
    authorName: r.author_name,
    authorUrl: r.author_url,
    body: r.body,
    // Rows older than migration 002 have no rendered body; the service renders those on read.
    bodyHtml: (r.body_html ?? '') as SanitizedHtml,
    avatarKey: r.avatar_key,
    depth: r.depth,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    isStaff: Boolean(r.is_staff),
    status: r.status,
  };
}

function toModerated(r: Selectable<CommentsTable>): ModeratedComment {
  return {
    ...toPublic(r),
    articleId: r.article_id,
    authorEmail: r.author_email,
    ipHash: r.ip_hash,
    userAgent: r.user_agent,
    spamScore: r.spam_score,
    moderationRule: r.moderation_rule,
    moderationReason: r.moderation_reason,
    moderatedAt: r.moderated_at,
  };
}

export class KyselyCommentRepository implements CommentRepository {
  /** What every article page asks (see `compiledOnce`): (articleId, 'approved'). */
  private readonly approved;

  constructor(private readonly db: Kysely<Database>) {
    this.approved = compiledOnce(
      db
        .selectFrom('comments')
        .select(PUBLIC_COLUMNS)
        .where('article_id', '=', 0)
        .where('status', '=', 'approved')
        .orderBy('created_at')
        .orderBy('id'),
    );
  }

  async listVisible(articleId: number, pendingIds: readonly number[] = []) {
    if (pendingIds.length === 0) {
      const { rows } = await this.db.executeQuery(this.approved.bind(articleId, 'approved'));
      return rows.map(toPublic);
    }
    // A visitor's own held comments are shown to them alongside the approved ones.
    const rows = await this.db
      .selectFrom('comments')
      .select(PUBLIC_COLUMNS)
      .where('article_id', '=', articleId)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'approved'),
          eb.and([eb('status', '=', 'pending'), eb('id', 'in', [...pendingIds])]),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toPublic);
  }

  async countApproved(articleId: number) {
    const row = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('article_id', '=', articleId)
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async find(id: number) {
    const row = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toModerated(row) : undefined;
  }

  async insert(c: NewComment) {
    const { id } = await this.db
      .insertInto('comments')
      .values({
        ...commentRow(c),
        ip_hash: c.ipHash ?? null,
        user_agent: c.userAgent ?? null,
        content_hash: c.contentHash ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async hasApprovedFrom(email: string) {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('author_email', '=', email)
      .where('status', '=', 'approved')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async duplicateExists(articleId: number, contentHash: string) {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('article_id', '=', articleId)
      .where('content_hash', '=', contentHash)
      .where('status', '!=', 'trash')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async listForModeration(q: ModerationQuery) {
    let query = this.db.selectFrom('comments').selectAll();
    if (q.status) query = query.where('status', '=', q.status);
    if (q.articleId !== undefined) query = query.where('article_id', '=', q.articleId);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    return rows.map(toModerated);
  }

  async listByEmail(email: string) {
    const rows = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('author_email', '=', email)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toModerated);
  }

  async setStatus(
    ids: readonly number[],
    status: CommentStatus,
    decision: { rule: string; reason: string; at: string },
  ) {
    if (!ids.length) return 0;
    const result = await this.db
      .updateTable('comments')
      .set({
        status,
        moderation_rule: decision.rule,
        moderation_reason: decision.reason,
        moderated_at: decision.at,
      })
      .where('id', 'in', [...ids])
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async updateText(id: number, body: string, bodyHtml: string, editedAt: string) {
    await this.db
      .updateTable('comments')
      .set({ body, body_html: bodyHtml, edited_at: editedAt, content_hash: null })
      .where('id', '=', id)
      .execute();
  }

  async anonymise(
    email: string,
    replacement: { authorName: string; avatarKey: string; removeText: boolean },
  ) {
    const result = await this.db
      .updateTable('comments')
      .set({
        author_name: replacement.authorName,
        author_email: '',
        author_url: null,
        avatar_key: replacement.avatarKey,
        ip_hash: null,
        user_agent: null,
        content_hash: null,
        ...(replacement.removeText ? { body: '', body_html: '' } : {}),
      })
      .where('author_email', '=', email)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async countByStatus() {
    const rows = await this.db
      .selectFrom('comments')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const counts: Record<CommentStatus, number> = { pending: 0, approved: 0, spam: 0, trash: 0 };
    for (const r of rows) if (r.status in counts) counts[r.status] = Number(r.n);
    return counts;
  }

  async deleteMany(ids: readonly number[]) {
    if (!ids.length) return 0;
    const result = await this.db
      .deleteFrom('comments')
      .where('id', 'in', [...ids])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async purge(statuses: readonly CommentStatus[], before: string) {
    const result = await this.db
      .deleteFrom('comments')
      .where('status', 'in', [...statuses])
      .where((eb) => eb.fn.coalesce('moderated_at', 'created_at'), '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async addBan(ban: { kind: 'email' | 'ip'; valueHash: string; reason: string; at: string }) {
    await this.db
      .insertInto('comment_bans')
      .values({ kind: ban.kind, value_hash: ban.valueHash, reason: ban.reason, created_at: ban.at })
      .onConflict((oc) => oc.columns(['kind', 'value_hash']).doNothing())
      .execute();
    const row = await this.db
      .selectFrom('comment_bans')
      .select('id')
      .where('kind', '=', ban.kind)
      .where('value_hash', '=', ban.valueHash)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async removeBan(id: number) {
    const result = await this.db.deleteFrom('comment_bans').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listBans() {
    const rows = await this.db
      .selectFrom('comment_bans')
      .select(['id', 'kind', 'reason', 'created_at'])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, reason: r.reason, createdAt: r.created_at }));
  }

  async isBanned(emailHash: string, ipHash: string | null) {
    const row = await this.db
      .selectFrom('comment_bans')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'email'), eb('value_hash', '=', emailHash)]),
          ...(ipHash ? [eb.and([eb('kind', '=', 'ip'), eb('value_hash', '=', ipHash)])] : []),
        ]),
      )
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
