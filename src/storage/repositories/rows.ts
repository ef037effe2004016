// How new records become table rows. The reader side, the newsroom and the WordPress import all
// write articles, people, sections, media and comments; each mapping lives here once, so a new
// column cannot be remembered by one writer and forgotten by another.
import type { Kysely } from 'kysely';
import type { NewArticle } from '../../articles/article-repository.js';
import type { NewComment } from '../../comments/comment-repository.js';
import type { NewMedia } from '../../media/media-repository.js';
import type { NewCategory, NewUser } from '../../taxonomy/taxonomy-repository.js';
import type { Database } from '../schema.js';

export function articleRow(
  a: Omit<NewArticle, 'authorIds' | 'categoryIds' | 'tagIds'> & {
    seoTitle?: string | null;
    seoDescription?: string | null;
  },
) {
  return {
    type: a.type,
    slug: a.slug,
    title: a.title,
    dek: a.dek,
    body_html: a.bodyHtml,
    excerpt: a.excerpt,
    status: a.status,
    published_at: a.publishedAt,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    primary_category_id: a.primaryCategoryId,
    featured_media_id: a.featuredMediaId,
    comment_status: a.commentStatus,
    lang: a.lang,
    dir: a.dir,
    seo_title: a.seoTitle ?? null,
    seo_description: a.seoDescription ?? null,
  };
}

/**
 * Stores an article's bylines (in order), sections (the primary one always among them: section
 * listings read this table alone) and tags; ids given twice are stored once. Call inside the
 * transaction that writes the article row, after `deleteArticleLinks` when the article had some.
 */
export async function insertArticleLinks(
  db: Kysely<Database>,
  articleId: number,
  links: Pick<NewArticle, 'authorIds' | 'categoryIds' | 'tagIds' | 'primaryCategoryId'>,
) {
  const authorIds = [...new Set(links.authorIds)];
  if (authorIds.length) {
    await db
      .insertInto('article_authors')
      .values(authorIds.map((user_id, position) => ({ article_id: articleId, user_id, position })))
      .execute();
  }
  const primary = links.primaryCategoryId;
  const categoryIds = [...new Set([...(primary != null ? [primary] : []), ...links.categoryIds])];
  if (categoryIds.length) {
    await db
      .insertInto('article_categories')
      .values(categoryIds.map((category_id) => ({ article_id: articleId, category_id })))
      .execute();
  }
  const tagIds = [...new Set(links.tagIds)];
  if (tagIds.length) {
    await db
      .insertInto('article_tags')
      .values(tagIds.map((tag_id) => ({ article_id: articleId, tag_id })))
      .execute();
  }
}

export async function deleteArticleLinks(db: Kysely<Database>, articleId: number) {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  await db.deleteFrom('article_categories').where('article_id', '=', articleId).execute();
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
}

/** A person with a byline; no password until they accept an invitation. */
export function userRow(u: NewUser) {
  return {
    slug: u.slug,
    name: u.name,
    email: u.email,
    bio: u.bio,
    role: u.role,
    password_hash: null,
    created_at: u.createdAt,
  };
}

export function categoryRow(c: Omit<NewCategory, 'slug'>) {
  return {
    name: c.name,
    description: c.description,
    parent_id: c.parentId,
    position: c.position,
  };
}

/** The columns every media item has; uploads add renditions, hash, size and uploader. */
export function mediaRow(m: NewMedia) {
  return {
    path: m.path,
    mime: m.mime,
    width: m.width,
    height: m.height,
    alt: m.alt,
    caption: m.caption,
    credit: m.credit,
    original_url: m.originalUrl,
    created_at: m.createdAt,
  };
}

/** The columns every comment has; comments posted here add their IP hash, agent and content hash. */
export function commentRow(c: Omit<NewComment, 'ipHash' | 'userAgent' | 'contentHash'>) {
  return {
    article_id: c.articleId,
    parent_id: c.parentId,
    depth: c.depth,
    author_name: c.authorName,
    author_email: c.authorEmail,
    author_url: c.authorUrl,
    body: c.body,
    body_html: c.bodyHtml,
    avatar_key: c.avatarKey,
    status: c.status,
    created_at: c.createdAt,
    spam_score: c.spamScore ?? 0,
    moderation_rule: c.moderationRule ?? null,
    moderation_reason: c.moderationReason ?? null,
    moderated_at: c.createdAt,
    is_staff: c.isStaff ? 1 : 0,
  };
}
