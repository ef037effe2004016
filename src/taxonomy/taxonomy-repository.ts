import type { AuthorProfile, Category, Tag } from './taxonomy.js';

export interface NewCategory {
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  position: number;
}

export interface NewUser {
  slug: string;
  name: string;
  email: string;
  bio: string;
  role: string;
  createdAt: string;
}

export type TermKind = 'category' | 'tag';

/** Storage for categories, tags and public author profiles. */
export interface TaxonomyRepository {
  updateCategory(id: number, changes: NewCategory): Promise<void>;
  /**
   * Moves every article of category `fromId` into `intoId` (or out of any category when null),
   * gives its subsections to its parent, and deletes it. One transaction.
   */
  mergeCategory(fromId: number, intoId: number | null): Promise<void>;
  /** Every tag with how many articles (any status) carry it, by name. */
  listAllTags(): Promise<(Tag & { count: number })[]>;
  findTagById(id: number): Promise<Tag | undefined>;
  updateTag(id: number, changes: { slug: string; name: string }): Promise<void>;
  /** Moves every article of tag `fromId` to `intoId` (or drops the tag when null) and deletes it. */
  mergeTag(fromId: number, intoId: number | null): Promise<void>;
  /** Remembers that `slug` used to name the term `id`, so old links can answer 301. */
  recordFormerSlug(kind: TermKind, slug: string, id: number): Promise<void>;
  findFormerSlug(kind: TermKind, slug: string): Promise<number | undefined>;
  listCategories(): Promise<Category[]>;
  findTagBySlug(slug: string): Promise<Tag | undefined>;
  /** Tags that have at least one published article, with how many. */
  listTagsInUse(publishedBefore: string): Promise<(Tag & { count: number })[]>;
  findAuthorBySlug(slug: string): Promise<AuthorProfile | undefined>;
  /** People with at least one published byline. */
  listAuthorsWithBylines(publishedBefore: string): Promise<AuthorProfile[]>;
  insertCategory(category: NewCategory): Promise<number>;
  /** Returns the id of the tag with this slug, creating it when missing. */
  ensureTag(slug: string, name: string): Promise<number>;
  insertUser(user: NewUser): Promise<number>;
  userSlugExists(slug: string): Promise<boolean>;
}
