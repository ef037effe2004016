import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Timestamps are ISO-8601 UTC strings (`2026-05-01T09:30:00.000Z`) on every engine: they sort as text. */
type Timestamp = string;

export type ArticleType = 'post' | 'page';
export type ArticleStatus =
  | 'draft'
  | 'pending'
  | 'scheduled'
  | 'published'
  | 'unpublished'
  | 'trash';
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';

export interface UsersTable {
  id: Generated<number>;
  slug: string;
  name: string;
  /** Private: never rendered, never in the API. */
  email: string;
  bio: Generated<string>;
  role: Generated<string>;
  password_hash: string | null;
  created_at: Timestamp;
}

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  parent_id: number | null;
  position: Generated<number>;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface MediaTable {
  id: Generated<number>;
  /** Path below the media directory, e.g. `2026/05/harbour.jpg`. */
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: Generated<string>;
  caption: Generated<string>;
  credit: Generated<string>;
  original_url: string | null;
  created_at: Timestamp;
  /** JSON list of `{ w, h, f, p }` (width, height, format, path) renditions; `[]` when none. */
  renditions: Generated<string>;
  /** SHA-256 (hex) of the uploaded bytes; null for imported and demo media. */
  sha256: string | null;
  bytes: number | null;
  uploaded_by: number | null;
}

export interface ArticlesTable {
  id: Generated<number>;
  type: ColumnType<ArticleType, ArticleType | undefined, ArticleType>;
  slug: string;
  title: string;
  dek: Generated<string>;
  /** Sanitized on save; the only HTML that is rendered unescaped. */
  body_html: string;
  excerpt: Generated<string>;
  status: ArticleStatus;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  primary_category_id: number | null;
  featured_media_id: number | null;
  comment_status: Generated<'open' | 'closed'>;
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  seo_title: string | null;
  seo_description: string | null;
}

/**
 * A link's copy of its article's type, status, publication and last update, kept by triggers
 * (migration `015-link-listings`), never written by code: a section's, tag's or person's listing,
 * count and sitemap date read the links' own index instead of walking every article.
 */
interface LinkListing {
  type: ColumnType<ArticleType | null, never, never>;
  status: ColumnType<ArticleStatus | null, never, never>;
  published_at: ColumnType<Timestamp | null, never, never>;
  updated_at: ColumnType<Timestamp | null, never, never>;
}

export interface ArticleAuthorsTable extends LinkListing {
  article_id: number;
  user_id: number;
  position: number;
}

/** Every section of an article, its primary section included. */
export interface ArticleCategoriesTable extends LinkListing {
  article_id: number;
  category_id: number;
}

export interface ArticleTagsTable extends LinkListing {
  article_id: number;
  tag_id: number;
}

export interface CommentsTable {
  id: Generated<number>;
  article_id: number;
  parent_id: number | null;
  author_name: string;
  /** Private: never rendered, never in the API, never logged. */
  author_email: string;
  author_url: string | null;
  body: string;
  status: CommentStatus;
  created_at: Timestamp;
  /** Sanitized on save from `body` (comment allowlist); null on rows older than migration 002. */
  body_html: string | null;
  /** 1 for a top-level comment; replies never exceed the configured maximum depth. */
  depth: Generated<number>;
  /** Keyed hash of the poster's IP (never the IP itself). */
  ip_hash: string | null;
  user_agent: string | null;
  /** Keyed hash of the email that seeds the identicon: never a plain hash of the address. */
  avatar_key: string | null;
  /** Keyed hash of author and normalised text, for duplicate detection. */
  content_hash: string | null;
  spam_score: Generated<number>;
  /** Which moderation rule decided the status (shown to moderators). */
  moderation_rule: string | null;
  moderation_reason: string | null;
  moderated_at: Timestamp | null;
  edited_at: Timestamp | null;
  /** 1 when written by staff through the moderation API. */
  is_staff: Generated<number>;
}

export interface CommentBansTable {
  id: Generated<number>;
  kind: 'email' | 'ip';
  value_hash: string;
  reason: Generated<string>;
  created_at: Timestamp;
}

/** Old public paths that must answer 301 to an article's current URL. */
export interface RedirectsTable {
  path: string;
  article_id: number;
  created_at: Timestamp;
}

/** Old category and tag slugs whose archive URLs answer 301 to the term's current one. */
export interface FormerSlugsTable {
  kind: 'category' | 'tag';
  slug: string;
  term_id: number;
}

export interface SettingsTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a database leak does not hand out sessions. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface AccountTokensTable {
  token_hash: string;
  user_id: number;
  purpose: 'invitation' | 'password_reset';
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** "Did you mean" vocabulary: folded title and tag words (see `src/search/`). */
export interface SearchTermsTable {
  term: string;
  /** First character of `term`, for candidate lookup. */
  initial: string;
  /** The word as first written, shown to readers. */
  display: string;
}

export interface Database {
  users: UsersTable;
  categories: CategoriesTable;
  tags: TagsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_categories: ArticleCategoriesTable;
  article_tags: ArticleTagsTable;
  comments: CommentsTable;
  comment_bans: CommentBansTable;
  redirects: RedirectsTable;
  settings: SettingsTable;
  former_slugs: FormerSlugsTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  search_terms: SearchTermsTable;
  wordpress_items: WordpressItemsTable;
  wordpress_paths: WordpressPathsTable;
  article_fields: ArticleFieldsTable;
  newsroom_articles: NewsroomArticlesTable;
  article_revisions: ArticleRevisionsTable;
  article_locks: ArticleLocksTable;
  corrections: CorrectionsTable;
  leases: LeasesTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type UserRow = Selectable<UsersTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;
export type CommentRow = Selectable<CommentsTable>;

/** Which Newsdesk row each imported WordPress item became (migration 004). */
export interface WordpressItemsTable {
  kind: 'author' | 'category' | 'tag' | 'article' | 'media' | 'comment';
  wp_key: string;
  wp_number: number | null;
  wp_slug: string | null;
  wp_parent: string | null;
  newsdesk_id: number;
  fingerprint: string;
  imported_at: Timestamp;
}

/** Old WordPress upload and attachment-page paths and the media item each now belongs to. */
export interface WordpressPathsTable {
  path: string;
  kind: 'media-file' | 'media-page';
  target_id: number;
}

/** Article fields Newsdesk has no column for: WordPress post format, sticky, original status. */
export interface ArticleFieldsTable {
  article_id: number;
  name: string;
  value: string;
}

/** Workflow fields of an article (migration 006); a row is created on first newsroom use. */
export interface NewsroomArticlesTable {
  article_id: number;
  created_by: number | null;
  social_media_id: number | null;
  /** Scheduled unpublish time. */
  unpublish_at: Timestamp | null;
  /** Until this time the article MUST stay off every public surface. */
  embargo_until: Timestamp | null;
  /** Secret for `/preview/<token>/`. */
  preview_token: string;
  head_revision_id: number | null;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  kind: 'create' | 'save' | 'autosave' | 'restore';
  author_id: number | null;
  /** The client's id for an autosave, so a retried request does not write twice. */
  client_save_id: string | null;
  restored_from: number | null;
  /** JSON snapshot of the editable fields. */
  fields: string;
  created_at: Timestamp;
}

/** Soft edit locks: a warning, not a wall. */
export interface ArticleLocksTable {
  article_id: number;
  user_id: number;
  expires_at: Timestamp;
}

export interface CorrectionsTable {
  id: Generated<number>;
  article_id: number;
  kind: 'correction' | 'clarification' | 'update';
  text: string;
  author_id: number | null;
  created_at: Timestamp;
}

/** Named database leases: one holder at a time across processes. */
export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
}
