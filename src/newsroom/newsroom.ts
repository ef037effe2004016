import type { Role } from '../accounts/roles.js';
import type { ArticleStatus, ArticleType } from '../storage/schema.js';

/** Everything a journalist edits; one revision is a snapshot of these. */
export interface ArticleFields {
  headline: string;
  dek: string;
  slug: string;
  bodyHtml: string;
  primaryCategoryId: number | null;
  /** Includes the primary category. */
  categoryIds: number[];
  /** Tag names, created on the fly. */
  tags: string[];
  /** Byline order. */
  authorIds: number[];
  featuredImageId: number | null;
  socialImageId: number | null;
  seoTitle: string;
  seoDescription: string;
  commentStatus: 'open' | 'closed';
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
}

/** A save request: a missing field keeps its current value. */
export type FieldsInput = Partial<ArticleFields>;

/** Who is acting: a signed-in staff member, or the scheduler. */
export interface Actor {
  id: number;
  name: string;
  role: Role;
}

export type CorrectionKind = 'correction' | 'clarification' | 'update';

export interface Correction {
  id: number;
  articleId: number;
  kind: CorrectionKind;
  text: string;
  createdAt: string;
}

export interface Lock {
  userId: number;
  userName: string;
  expiresAt: string;
}

export type RevisionKind = 'create' | 'save' | 'autosave' | 'restore';

export interface Revision {
  id: number;
  articleId: number;
  kind: RevisionKind;
  authorId: number | null;
  authorName: string | null;
  createdAt: string;
  restoredFrom: number | null;
  clientSaveId: string | null;
}

/** An article as the newsroom sees it, whatever its status. */
export interface NewsroomArticle {
  id: number;
  type: ArticleType;
  status: ArticleStatus;
  headline: string;
  dek: string;
  slug: string;
  bodyHtml: string;
  primaryCategoryId: number | null;
  categoryIds: number[];
  tags: { id: number; slug: string; name: string }[];
  authors: { id: number; name: string }[];
  featuredImageId: number | null;
  socialImageId: number | null;
  seoTitle: string;
  seoDescription: string;
  commentStatus: 'open' | 'closed';
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
  publishedAt: string | null;
  unpublishAt: string | null;
  embargoUntil: string | null;
  previewToken: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  headRevisionId: number | null;
}

/** The editable fields of an article as it stands: what a revision records. */
export function fieldsOf(a: NewsroomArticle): ArticleFields {
  return {
    headline: a.headline,
    dek: a.dek,
    slug: a.slug,
    bodyHtml: a.bodyHtml,
    primaryCategoryId: a.primaryCategoryId,
    categoryIds: a.categoryIds,
    tags: a.tags.map((t) => t.name),
    authorIds: a.authors.map((x) => x.id),
    featuredImageId: a.featuredImageId,
    socialImageId: a.socialImageId,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    commentStatus: a.commentStatus,
    lang: a.lang,
    dir: a.dir,
  };
}

export type Action =
  | 'submit'
  | 'publish'
  | 'schedule'
  | 'unschedule'
  | 'unpublish'
  | 'trash'
  | 'restore';
export const actions: readonly Action[] = [
  'submit',
  'publish',
  'schedule',
  'unschedule',
  'unpublish',
  'trash',
  'restore',
];

export interface ListFilters {
  status?: ArticleStatus;
  authorId?: number;
  categoryId?: number;
  /** Inclusive lower bound on updated_at. */
  from?: string;
  /** Exclusive upper bound on updated_at. */
  to?: string;
  q?: string;
  /** Only articles this user wrote or created (for roles that may not see others' work). */
  ownerId?: number;
  limit: number;
  offset: number;
}
