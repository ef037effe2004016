import type { NewArticle } from '../articles/article-repository.js';
import type { NewComment } from '../comments/comment-repository.js';
import type { NewMedia } from '../media/media-repository.js';
import type { ArticleStatus, ArticleType, CommentStatus } from '../storage/schema.js';
import type { NewCategory, NewUser } from '../taxonomy/taxonomy-repository.js';

export type WordpressKind = 'author' | 'category' | 'tag' | 'article' | 'media' | 'comment';

/** One imported WordPress item and the Newsdesk row it became. */
export interface MappedItem {
  kind: WordpressKind;
  wpKey: string;
  wpNumber: number | null;
  wpSlug: string | null;
  wpParent: string | null;
  newsdeskId: number;
  fingerprint: string;
  /** False when the Newsdesk row was deleted after the import. */
  exists: boolean;
}

export type NewMapping = Omit<MappedItem, 'exists'>;

/** Everything an article row holds that an import writes, relations included. */
export interface ImportedArticle extends NewArticle {
  seoTitle: string | null;
  seoDescription: string | null;
  /** WordPress fields without a column: `format`, `sticky`, `wp_status`. */
  fields: Record<string, string>;
}

export interface ArticleUrlParts {
  type: ArticleType;
  slug: string;
  status: ArticleStatus;
  publishedAt: string | null;
}

export interface ImportedComment extends Omit<NewComment, 'ipHash' | 'userAgent' | 'contentHash'> {}

export interface GalleryMedia {
  wpId: number;
  path: string;
  originalUrl: string | null;
  alt: string;
  caption: string;
  width: number;
  height: number;
}

/**
 * Reads and writes of one import batch. Everything goes through one transaction: the batch is
 * committed whole or not at all.
 */
export interface MigrationUnitOfWork {
  /** Mappings of `kind` for these WordPress keys, by key. */
  mapped(kind: WordpressKind, wpKeys: readonly string[]): Promise<Map<string, MappedItem>>;
  /** The mapping of `kind` with this WordPress id (`term_id`, `author_id`, post id). */
  mappedByNumber(kind: WordpressKind, wpNumber: number): Promise<MappedItem | undefined>;
  /** Inserts or replaces mappings, in as few statements as the engine allows. */
  saveMappings(items: readonly NewMapping[], importedAt: string): Promise<void>;

  userIdByEmail(email: string): Promise<number | undefined>;
  userSlugTaken(slug: string): Promise<boolean>;
  insertUser(user: NewUser): Promise<number>;
  updateUser(id: number, user: { name: string; bio: string; role: string }): Promise<void>;

  categoryIdBySlug(slug: string): Promise<number | undefined>;
  insertCategory(category: NewCategory): Promise<number>;
  updateCategory(id: number, category: Omit<NewCategory, 'slug'>): Promise<void>;
  /** Sets each imported category's parent from the WordPress parent slug; returns how many changed. */
  linkCategoryParents(): Promise<number>;

  tagIdBySlug(slug: string): Promise<number | undefined>;
  insertTag(slug: string, name: string): Promise<number>;
  updateTag(id: number, name: string): Promise<void>;

  mediaIdByPath(path: string): Promise<number | undefined>;
  insertMedia(media: NewMedia): Promise<number>;
  updateMedia(id: number, media: NewMedia): Promise<void>;
  /** Imported attachments for a gallery: by WordPress ids (in that order) or by parent post id. */
  galleryMedia(request: { ids: number[]; parent: number }): Promise<GalleryMedia[]>;

  articleSlugTaken(slug: string): Promise<boolean>;
  articleUrlParts(id: number): Promise<ArticleUrlParts | undefined>;
  insertArticle(article: ImportedArticle): Promise<number>;
  updateArticle(id: number, article: ImportedArticle): Promise<void>;
  /** Keeps `path` answering 301 to the article (see the `redirects` table). */
  addRedirect(path: string, articleId: number, createdAt: string): Promise<void>;

  insertComment(comment: ImportedComment): Promise<number>;
  updateComment(id: number, comment: ImportedComment): Promise<void>;

  saveLegacyPath(path: string, kind: 'media-file' | 'media-page', targetId: number): Promise<void>;

  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** Where an old WordPress URL leads, as far as storage knows. */
export interface LegacyLookups {
  /** Mappings of `kind` matching a WordPress key, number (id) or post slug. */
  findMapped(
    kind: WordpressKind,
    by: { wpKey: string } | { wpNumber: number } | { wpSlug: string },
  ): Promise<MappedItem[]>;
  /** The mapping that produced a Newsdesk row. */
  findMappedByTarget(kind: WordpressKind, newsdeskId: number): Promise<MappedItem[]>;
  findLegacyPath(paths: readonly string[]): Promise<{ kind: string; targetId: number } | undefined>;
  findRedirect(paths: readonly string[]): Promise<number | undefined>;
  tagSlug(id: number): Promise<string | undefined>;
  userSlug(id: number): Promise<string | undefined>;
  mediaPath(id: number): Promise<string | undefined>;
}

/** Rows for a WXR export, read in pages so memory stays flat on any site size. */
export interface ExportReads {
  users(): Promise<ExportUser[]>;
  categories(): Promise<ExportCategory[]>;
  tags(): Promise<{ id: number; slug: string; name: string }[]>;
  mediaAfter(afterId: number, limit: number): Promise<ExportMedia[]>;
  articlesAfter(afterId: number, limit: number): Promise<ExportArticle[]>;
  commentsOf(articleIds: readonly number[]): Promise<ExportComment[]>;
  /** Old paths that redirect to these articles. */
  redirectsOf(articleIds: readonly number[]): Promise<{ articleId: number; path: string }[]>;
  /** Old WordPress upload and attachment-page paths of these media items. */
  legacyPathsOf(
    mediaIds: readonly number[],
  ): Promise<{ mediaId: number; path: string; kind: 'media-file' | 'media-page' }[]>;
  maxIds(): Promise<{ article: number; media: number; category: number }>;
}

export interface ExportUser {
  id: number;
  slug: string;
  name: string;
  email: string;
  bio: string;
  role: string;
}

export interface ExportCategory {
  id: number;
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  position: number;
}

export interface ExportMedia extends NewMedia {
  id: number;
  /** The article whose featured image it is, if any (WordPress's attachment parent). */
  parentArticleId: number | null;
}

export interface ExportArticle {
  id: number;
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
  featuredMediaId: number | null;
  commentStatus: 'open' | 'closed';
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  seoTitle: string | null;
  seoDescription: string | null;
  authorSlugs: string[];
  categoryIds: number[];
  tagIds: number[];
  fields: Record<string, string>;
}

export interface ExportComment {
  id: number;
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: CommentStatus;
  createdAt: string;
}

/** Storage for WordPress import, legacy URLs and export. */
export interface MigrationRepository extends LegacyLookups, ExportReads {
  /** Starts a unit of work (a transaction); the caller MUST commit or roll it back. */
  begin(): Promise<MigrationUnitOfWork>;
}
