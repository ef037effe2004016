import type { AuthorRef } from '../articles/article.js';
import type { ArticleStatus, ArticleType } from '../storage/schema.js';
import type { SanitizedHtml } from '../text/sanitized-html.js';
import type { ParsedQuery } from './query-parser.js';

/** One article as the engines index it: folded tokens per field (title weighs most, body least). */
export interface SearchDocument {
  articleId: number;
  title: string[];
  dek: string[];
  body: string[];
}

/** What indexing reads about an article. */
export interface IndexSource {
  id: number;
  status: ArticleStatus;
  title: string;
  dek: string;
  bodyHtml: string;
  tags: string[];
}

/** Restrictions every search applies; visibility (`publishedBefore`) is never optional. */
export interface SearchFilters {
  /** Articles whose primary or additional category is one of these. */
  categoryIds?: number[];
  authorId?: number;
  /** Inclusive lower bound on published_at (ISO). */
  publishedFrom?: string;
  /** Exclusive upper bound on published_at (ISO). */
  publishedTo?: string;
  /** Only content published strictly before this instant (ISO): the service passes "now". */
  publishedBefore: string;
}

export type SearchSort = 'relevance' | 'newest';

export interface SearchQuery extends SearchFilters {
  query: ParsedQuery;
  sort: SearchSort;
  limit: number;
  offset: number;
}

/** A matching published article with what a result listing shows. */
export interface SearchHitRow {
  id: number;
  type: ArticleType;
  slug: string;
  title: string;
  dek: string;
  bodyHtml: SanitizedHtml;
  publishedAt: string;
  primaryCategoryId: number | null;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  authors: AuthorRef[];
}

/** A word readers might have meant: `term` folded, `display` as first written in a title or tag. */
export interface VocabularyTerm {
  term: string;
  display: string;
}

/** Storage the search capability needs; each engine supplies the full-text part. */
export interface SearchRepository {
  /** One page of published matches, best first (or newest first). */
  search(query: SearchQuery): Promise<SearchHitRow[]>;
  /** How many published articles match. */
  count(query: SearchFilters & { query: ParsedQuery }): Promise<number>;
  /** Indexing input for these articles (missing ids are left out). */
  indexSources(ids: number[]): Promise<IndexSource[]>;
  /** Indexing input for up to `limit` articles with id greater than `afterId`, by id. */
  indexSourcesAfter(afterId: number, limit: number): Promise<IndexSource[]>;
  /** Number of articles and pages of any status, for progress reports. */
  countArticles(): Promise<number>;
  /** Replaces the documents in `documents` and drops those of `removeIds`, in one transaction. */
  write(documents: SearchDocument[], removeIds: number[]): Promise<void>;
  /** Drops documents of articles that are gone or no longer have one of `statuses`. */
  prune(statuses: ArticleStatus[]): Promise<void>;
  /** Tidies the engine's index after a full rebuild. */
  optimize(): Promise<void>;
  /** Adds words to the "did you mean" vocabulary (existing words are kept). */
  addTerms(terms: VocabularyTerm[]): Promise<void>;
  clearTerms(): Promise<void>;
  /** Vocabulary words that start with `initial` (one character). */
  termsStartingWith(initial: string): Promise<VocabularyTerm[]>;
}
