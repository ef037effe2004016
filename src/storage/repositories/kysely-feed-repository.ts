import type { Kysely } from 'kysely';
import type { FeedRepository } from '../../feeds/feed-repository.js';
import type { Database } from '../schema.js';

/** FeedRepository on Kysely. Selects no email or website column: feeds never need them. */
export class KyselyFeedRepository implements FeedRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async latestApprovedComments(query: {
    articleId?: number;
    publishedBefore: string;
    limit: number;
  }) {
    let q = this.db
      .selectFrom('comments')
      .innerJoin('articles', 'articles.id', 'comments.article_id')
      .select([
        'comments.id',
        'comments.author_name',
        'comments.body',
        'comments.body_html',
        'comments.created_at',
        'comments.edited_at',
        'articles.id as article_id',
        'articles.type',
        'articles.slug',
        'articles.title',
        'articles.published_at',
      ])
      .where('comments.status', '=', 'approved')
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '<', query.publishedBefore)
      .orderBy('comments.created_at', 'desc')
      .orderBy('comments.id', 'desc')
      .limit(query.limit);
    if (query.articleId !== undefined) q = q.where('comments.article_id', '=', query.articleId);
    const rows = await q.execute();
    return rows.map((r) => ({
      id: r.id,
      authorName: r.author_name,
      body: r.body,
      bodyHtml: r.body_html,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      // The WHERE clause guarantees a publication time.
      article: {
        id: r.article_id,
        type: r.type,
        slug: r.slug,
        title: r.title,
        publishedAt: r.published_at!,
      },
    }));
  }
}
