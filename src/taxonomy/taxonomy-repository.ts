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

/** Storage for categories, tags and public author profiles. */
export interface TaxonomyRepository {
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
