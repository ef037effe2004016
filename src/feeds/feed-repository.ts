import type { ArticleType } from '../storage/schema.js';

/** An approved comment as a feed may show it: the author's name only, never email or website. */
export interface FeedComment {
  id: number;
  authorName: string;
  /** The text as the reader wrote it. */
  body: string;
  /** The text rendered to the comment allowlist on save; null on rows that predate it. */
  bodyHtml: string | null;
  createdAt: string;
  editedAt: string | null;
  article: { id: number; type: ArticleType; slug: string; title: string; publishedAt: string };
}

/** Storage the feeds capability needs beyond the article listings `ArticleService` offers. */
export interface FeedRepository {
  /**
   * Newest approved comments first, only on articles that are published before `publishedBefore`
   * (so nothing said under a draft, scheduled or trashed article leaks); `articleId` narrows to one.
   */
  latestApprovedComments(query: {
    articleId?: number;
    publishedBefore: string;
    limit: number;
  }): Promise<FeedComment[]>;
}
