import type { ArticleRecord } from '../articles/article.js';
import type { CommentTarget, FindCommentTarget } from './comment-service.js';

/**
 * Adapts article storage to what comments need: an article readers can see (published, with a
 * publication time in the past), its canonical path and comment switch; undefined otherwise.
 */
export function commentTargetFinder(deps: {
  findById(id: number): Promise<ArticleRecord | undefined>;
  pathOf(article: Pick<ArticleRecord, 'type' | 'slug' | 'publishedAt'>): string;
  clock: () => Date;
}): FindCommentTarget {
  return async (id) => {
    if (!Number.isSafeInteger(id) || id < 1) return undefined;
    const a = await deps.findById(id);
    if (a?.status !== 'published' || !a.publishedAt) return undefined;
    if (a.publishedAt >= deps.clock().toISOString()) return undefined;
    const target: CommentTarget = {
      id: a.id,
      title: a.title,
      path: deps.pathOf(a),
      commentStatus: a.commentStatus,
      publishedAt: a.publishedAt,
    };
    return target;
  };
}
