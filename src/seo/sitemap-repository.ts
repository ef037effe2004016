import type { ArticleType } from '../storage/schema.js';

/** What a sitemap needs of one published article or page. */
export interface SitemapArticleRow {
  type: ArticleType;
  slug: string;
  publishedAt: string;
  updatedAt: string;
  /** Path of the featured image below the media directory, for the image extension. */
  imagePath: string | null;
}

/** A taxonomy archive (tag or author) and when the newest change to a story in it happened. */
export interface SitemapArchiveRow {
  slug: string;
  lastmod: string;
}

/** Count and newest change of a group of URLs, for the sitemap index. */
export interface SitemapSummary {
  count: number;
  /** Newest `published_at`/`updated_at` in the group; null when empty. */
  lastmod: string | null;
}

/**
 * Storage the sitemaps need: aggregate, minimal-column queries so a site with hundreds of thousands
 * of articles never hydrates them. Every query sees published content (status `published` and
 * `published_at` before `publishedBefore`) only.
 */
export interface SitemapRepository {
  /** Published posts grouped by UTC calendar month (`YYYY-MM`), oldest month first. */
  postMonths(publishedBefore: string): Promise<(SitemapSummary & { month: string })[]>;
  /** Published articles of `type`, optionally with `published_at` in [from, to), oldest first. */
  articles(query: {
    type: ArticleType;
    from?: string;
    to?: string;
    publishedBefore: string;
    limit: number;
    offset: number;
  }): Promise<SitemapArticleRow[]>;
  summary(type: ArticleType, publishedBefore: string): Promise<SitemapSummary>;
  /** Newest change of a published post per category it is filed under (primary or additional). */
  categoryLastmods(publishedBefore: string): Promise<{ categoryId: number; lastmod: string }[]>;
  /** Tags or bylined authors with at least one published post, ordered by slug. */
  archives(
    kind: 'tag' | 'author',
    query: { publishedBefore: string; limit: number; offset: number },
  ): Promise<SitemapArchiveRow[]>;
  archivesSummary(kind: 'tag' | 'author', publishedBefore: string): Promise<SitemapSummary>;
}
