import { MAX_SLUG_LENGTH, toSlug, uniqueSlug } from '../text/slug.js';
import type { AuthorProfile, Category, Tag } from './taxonomy.js';
import type { TaxonomyRepository } from './taxonomy-repository.js';

/** The category tree with lookups by id, slug and URL path. Built from one query. */
export class CategoryTree {
  readonly byId: Map<number, Category>;
  readonly bySlug: Map<string, Category>;

  constructor(readonly all: Category[]) {
    this.byId = new Map(all.map((c) => [c.id, c]));
    this.bySlug = new Map(all.map((c) => [c.slug, c]));
  }

  /** Top-level categories in display order: the site's main sections. */
  roots(): Category[] {
    return this.all.filter((c) => c.parentId === null);
  }

  children(id: number): Category[] {
    return this.all.filter((c) => c.parentId === id);
  }

  /** The category and all below it, for archives that include subsections (as WordPress does). */
  descendantIds(id: number): number[] {
    const out = [id];
    for (let i = 0; i < out.length; i++) {
      for (const child of this.children(out[i]!)) if (!out.includes(child.id)) out.push(child.id);
    }
    return out;
  }

  /** Ancestors from the root down to and including `category`. */
  lineage(category: Category): Category[] {
    const chain: Category[] = [category];
    let parent = category.parentId !== null ? this.byId.get(category.parentId) : undefined;
    while (parent && !chain.includes(parent)) {
      chain.unshift(parent);
      parent = parent.parentId !== null ? this.byId.get(parent.parentId) : undefined;
    }
    return chain;
  }

  /** `/category/parent/child/` */
  path(category: Category): string {
    return `/category/${this.lineage(category)
      .map((c) => c.slug)
      .join('/')}/`;
  }
}

/** Every stored slug has this shape (see `toSlug`), so anything else is not worth a query. */
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
const isSlug = (s: string) => s.length <= MAX_SLUG_LENGTH && SLUG.test(s);

export interface TaxonomyServiceDeps {
  repository: TaxonomyRepository;
  clock: () => Date;
}

/** Categories, tags and public author profiles. */
export class TaxonomyService {
  constructor(private readonly deps: TaxonomyServiceDeps) {}

  async categoryTree(): Promise<CategoryTree> {
    return new CategoryTree(await this.deps.repository.listCategories());
  }

  /** The tag with this slug; undefined for a string that cannot be a slug (URL junk). */
  async findTag(slug: string): Promise<Tag | undefined> {
    return isSlug(slug) ? this.deps.repository.findTagBySlug(slug) : undefined;
  }

  listTags() {
    return this.deps.repository.listTagsInUse(this.deps.clock().toISOString());
  }

  /** The public profile with this slug; undefined for a string that cannot be a slug. */
  async findAuthor(slug: string): Promise<AuthorProfile | undefined> {
    return isSlug(slug) ? this.deps.repository.findAuthorBySlug(slug) : undefined;
  }

  listAuthors(): Promise<AuthorProfile[]> {
    return this.deps.repository.listAuthorsWithBylines(this.deps.clock().toISOString());
  }

  async createCategory(input: {
    name: string;
    slug?: string;
    description?: string;
    parentId?: number | null;
    position?: number;
  }) {
    const tree = await this.categoryTree();
    const slug = await uniqueSlug(toSlug(input.slug ?? input.name, 'section'), async (s) =>
      tree.bySlug.has(s),
    );
    return this.deps.repository.insertCategory({
      slug,
      name: input.name,
      description: input.description ?? '',
      parentId: input.parentId ?? null,
      position: input.position ?? 0,
    });
  }

  /** Finds or creates a tag by its display name. */
  ensureTag(name: string): Promise<number> {
    return this.deps.repository.ensureTag(toSlug(name, 'tag'), name.trim());
  }

  async createAuthor(input: {
    name: string;
    email: string;
    bio?: string;
    role?: string;
    slug?: string;
  }) {
    const slug = await uniqueSlug(toSlug(input.slug ?? input.name, 'author'), (s) =>
      this.deps.repository.userSlugExists(s),
    );
    return this.deps.repository.insertUser({
      slug,
      name: input.name,
      email: input.email.trim().toLowerCase(),
      bio: input.bio ?? '',
      role: input.role ?? 'author',
      createdAt: this.deps.clock().toISOString(),
    });
  }
}
