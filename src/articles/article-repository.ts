import type { ArticleStatus, ArticleType } from '../storage/schema.js';
import type {
  ArticleDetailRecord,
  ArticleRecord,
  ArticleSummaryRecord,
  CorrectionRef,
  TagRef,
} from './article.js';

/** Filters for public listings; every listing is of published content only. */
export interface PublishedQuery {
  type?: ArticleType;
  /** Articles whose primary or additional category is one of these. */
  categoryIds?: number[];
  tagId?: number;
  authorId?: number;
  /** Inclusive lower bound on published_at (ISO). */
  publishedFrom?: string;
  /** Exclusive upper bound on published_at (ISO), for date archives. */
  publishedTo?: string;
  /** Exclusive upper bound on published_at (ISO): the service always passes "now", so nothing scheduled leaks. */
  publishedBefore: string;
  excludeIds?: number[];
  /** Keyset cursor: only articles published strictly before this (published_at, id) pair. */
  before?: { publishedAt: string; id: number };
  limit: number;
  offset?: number;
}

export interface NewArticle {
  type: ArticleType;
  slug: string;
  title: string;
  dek: string;
  bodyHtml: string;
  excerpt: string;
  status: ArticleStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  primaryCategoryId: number | null;
  categoryIds: number[];
  tagIds: number[];
  authorIds: number[];
  featuredMediaId: number | null;
  commentStatus: 'open' | 'closed';
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
}

/** Storage the article capability needs. */
export interface ArticleRepository {
  /** With its tags and corrections: an article page's one lookup. */
  findBySlug(slug: string): Promise<ArticleDetailRecord | undefined>;
  findById(id: number): Promise<ArticleRecord | undefined>;
  slugExists(slug: string): Promise<boolean>;
  listPublished(query: PublishedQuery): Promise<ArticleRecord[]>;
  /**
   * Several listings at once, each in its own order, without bodies: teasers never show them, and
   * reading a body costs more than the rest of its row.
   */
  listSummaries(queries: PublishedQuery[]): Promise<ArticleSummaryRecord[][]>;
  countPublished(query: Omit<PublishedQuery, 'limit' | 'offset' | 'before'>): Promise<number>;
  tagsOf(articleId: number): Promise<TagRef[]>;
  categoryIdsOf(articleId: number): Promise<number[]>;
  approvedCommentCount(articleId: number): Promise<number>;
  /** Corrections of an article, oldest first. */
  correctionsOf(articleId: number): Promise<CorrectionRef[]>;
  insert(article: NewArticle): Promise<number>;
  /** Changes slug and/or publication time (the parts of the URL). */
  updateUrlParts(
    id: number,
    slug: string,
    publishedAt: string | null,
    updatedAt: string,
  ): Promise<void>;
  updateStatus(id: number, status: ArticleStatus, updatedAt: string): Promise<void>;
  /** The article an old path now belongs to. */
  findRedirect(path: string): Promise<number | undefined>;
  addRedirect(path: string, articleId: number, createdAt: string): Promise<void>;
}
