import type { Rendition } from '../media/media.js';
import type { ArticleStatus, ArticleType } from '../storage/schema.js';
import type { SanitizedHtml } from '../text/sanitized-html.js';

export interface AuthorRef {
  id: number;
  slug: string;
  name: string;
}

export interface CategoryRef {
  id: number;
  slug: string;
  name: string;
  parentId: number | null;
}

export interface TagRef {
  id: number;
  slug: string;
  name: string;
}

export interface ImageRef {
  id: number;
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  /** Responsive renditions (media library uploads); absent or empty for older media. */
  renditions?: Rendition[];
}

/** An article or page as storage returns it, with its relations resolved. */
export interface ArticleRecord {
  id: number;
  type: ArticleType;
  slug: string;
  title: string;
  dek: string;
  bodyHtml: SanitizedHtml;
  excerpt: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  createdAt: string;
  primaryCategoryId: number | null;
  commentStatus: 'open' | 'closed';
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  seoTitle: string | null;
  seoDescription: string | null;
  authors: AuthorRef[];
  image: ImageRef | null;
}

/** An article with what only its own page shows: tags and corrections. */
export interface ArticleDetailRecord extends ArticleRecord {
  tags: TagRef[];
  /** Oldest first. */
  corrections: CorrectionRef[];
}

/** An article without its body: what listings and teasers need (bodies are most of a row). */
export type ArticleSummaryRecord = Omit<ArticleRecord, 'bodyHtml'>;

/** A published article as readers see it; `path` is its canonical site-relative URL. */
export interface PublishedArticle extends Omit<ArticleRecord, 'publishedAt'> {
  publishedAt: string;
  path: string;
  primaryCategory: CategoryRef | null;
}

/** A published article without its body, for teasers (home sections, archives, "More from"). */
export type ArticleSummary = Omit<PublishedArticle, 'bodyHtml'>;

/** A dated correction, clarification or update appended by an editor (see `src/newsroom/`). */
export interface CorrectionRef {
  id: number;
  kind: 'correction' | 'clarification' | 'update';
  text: string;
  createdAt: string;
}

export interface ArticleWithDetails extends PublishedArticle {
  tags: TagRef[];
  /** Oldest first; absent where nobody asked for them. */
  corrections?: CorrectionRef[];
}
