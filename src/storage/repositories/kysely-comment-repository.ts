import type { Kysely } from 'kysely';
import type { CommentRepository, NewComment } from '../../comments/comment-repository.js';
import type { Database } from '../schema.js';

export class KyselyCommentRepository implements CommentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listApproved(articleId: number) {
    const rows = await this.db
      .selectFrom('comments')
      .select(['id', 'parent_id', 'author_name', 'author_url', 'body', 'created_at'])
      .where('article_id', '=', articleId)
      .where('status', '=', 'approved')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      authorName: r.author_name,
      authorUrl: r.author_url,
      body: r.body,
      createdAt: r.created_at,
    }));
  }

  async insert(c: NewComment) {
    const { id } = await this.db
      .insertInto('comments')
      .values({
        article_id: c.articleId,
        parent_id: c.parentId,
        author_name: c.authorName,
        author_email: c.authorEmail,
        author_url: c.authorUrl,
        body: c.body,
        status: c.status,
        created_at: c.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }
}
