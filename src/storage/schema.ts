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

export interface ArticleAuthorsTable {
  article_id: number;
  user_id: number;
  position: number;
}

export interface ArticleCategoriesTable {
  article_id: number;
  category_id: number;
}

export interface ArticleTagsTable {
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
}

/** Old public paths that must answer 301 to an article's current URL. */
export interface RedirectsTable {
  path: string;
  article_id: number;
  created_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
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
  redirects: RedirectsTable;
  settings: SettingsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type UserRow = Selectable<UsersTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type TagRow = Selectable<TagsTable>;
export type MediaRow = Selectable<MediaTable>;
export type CommentRow = Selectable<CommentsTable>;
