import { RecentlyRead } from '../cache/recently-read.js';
import { AppError } from '../http/app-error.js';
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
  /**
   * Told (and awaited) after a change readers see on many pages (navigation, archive titles,
   * bylines): the page cache is emptied.
   */
  changed?: () => Promise<void>;
}

/** Categories, tags and public author profiles. */
export class TaxonomyService {
  /** Every page shows the sections; they change rarely (see RecentlyRead for who forgets it). */
  private readonly sections = new RecentlyRead(
    async () => new CategoryTree(await this.deps.repository.listCategories()),
    RecentlyRead.SITE_DATA_MS,
  );

  constructor(private readonly deps: TaxonomyServiceDeps) {}

  categoryTree(): Promise<CategoryTree> {
    return this.sections.get();
  }

  /** Drops the sections read recently: another process changed them. */
  forgetRecent(): void {
    this.sections.forget();
  }

  private async changed() {
    this.sections.forget();
    await this.deps.changed?.();
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
    const id = await this.deps.repository.insertCategory({
      slug,
      name: input.name,
      description: input.description ?? '',
      parentId: input.parentId ?? null,
      position: input.position ?? 0,
    });
    await this.changed();
    return id;
  }

  /**
   * Renames, re-slugs, re-describes or moves a category. A changed slug is remembered so the old
   * `/category/.../old/` links answer 301. Throws VALIDATION_FAILED (with `fieldErrors`) for an
   * empty name, a slug taken by another category, or a parent that would make a loop.
   */
  async updateCategory(
    id: number,
    input: { name: string; slug: string; description: string; parentId: number | null },
  ): Promise<void> {
    const tree = await this.categoryTree();
    const current = tree.byId.get(id);
    if (!current) throw new AppError('NOT_FOUND', 'No such category.');
    const name = input.name.trim();
    const slug = toSlug(input.slug.trim() || name, 'section');
    const errors: Record<string, string> = {};
    if (!name) errors.name = 'A category needs a name.';
    const owner = tree.bySlug.get(slug);
    if (owner && owner.id !== id) errors.slug = `“${slug}” is already the slug of ${owner.name}.`;
    if (input.parentId !== null) {
      if (!tree.byId.has(input.parentId)) errors.parentId = 'That parent category does not exist.';
      else if (tree.descendantIds(id).includes(input.parentId))
        errors.parentId = 'A category cannot sit inside itself or one of its subsections.';
    }
    if (Object.keys(errors).length) {
      throw new AppError('VALIDATION_FAILED', 'Please correct the highlighted fields.', {
        fieldErrors: errors,
      });
    }
    // Every old path of the category and of its subsections keeps working through the last slug.
    if (slug !== current.slug)
      await this.deps.repository.recordFormerSlug('category', current.slug, id);
    await this.deps.repository.updateCategory(id, {
      name,
      slug,
      description: input.description.trim(),
      parentId: input.parentId,
      position: current.position,
    });
    await this.changed();
  }

  /** Deletes a category, moving its stories into `intoId` (or leaving them without it). */
  async mergeCategory(fromId: number, intoId: number | null): Promise<void> {
    const tree = await this.categoryTree();
    const from = tree.byId.get(fromId);
    if (!from) throw new AppError('NOT_FOUND', 'No such category.');
    if (intoId !== null && (intoId === fromId || !tree.byId.has(intoId))) {
      throw new AppError('VALIDATION_FAILED', 'Choose another existing category to merge into.', {
        fieldErrors: { intoId: 'Choose another existing category.' },
      });
    }
    if (intoId !== null) await this.deps.repository.recordFormerSlug('category', from.slug, intoId);
    await this.deps.repository.mergeCategory(fromId, intoId);
    await this.changed();
  }

  /** The category an old slug now leads to (after a slug change or merge), if any. */
  async formerCategory(slug: string) {
    if (!isSlug(slug)) return undefined;
    const id = await this.deps.repository.findFormerSlug('category', slug);
    return id === undefined ? undefined : (await this.categoryTree()).byId.get(id);
  }

  /** Every tag with its number of articles (any status), for the newsroom. */
  listAllTags() {
    return this.deps.repository.listAllTags();
  }

  /** Renames and/or re-slugs a tag; the old slug keeps answering 301. */
  async updateTag(id: number, input: { name: string; slug: string }): Promise<void> {
    const current = await this.deps.repository.findTagById(id);
    if (!current) throw new AppError('NOT_FOUND', 'No such tag.');
    const name = input.name.trim();
    const slug = toSlug(input.slug.trim() || name, 'tag');
    const errors: Record<string, string> = {};
    if (!name) errors.name = 'A tag needs a name.';
    const owner = await this.deps.repository.findTagBySlug(slug);
    if (owner && owner.id !== id) errors.slug = `“${slug}” is already the slug of ${owner.name}.`;
    if (Object.keys(errors).length) {
      throw new AppError('VALIDATION_FAILED', 'Please correct the highlighted fields.', {
        fieldErrors: errors,
      });
    }
    if (slug !== current.slug) await this.deps.repository.recordFormerSlug('tag', current.slug, id);
    await this.deps.repository.updateTag(id, { name, slug });
    await this.changed();
  }

  /** Deletes a tag, moving its stories to `intoId` (or just removing it from them). */
  async mergeTag(fromId: number, intoId: number | null): Promise<void> {
    const from = await this.deps.repository.findTagById(fromId);
    if (!from) throw new AppError('NOT_FOUND', 'No such tag.');
    if (
      intoId !== null &&
      (intoId === fromId || !(await this.deps.repository.findTagById(intoId)))
    ) {
      throw new AppError('VALIDATION_FAILED', 'Choose another existing tag to merge into.', {
        fieldErrors: { intoId: 'Choose another existing tag.' },
      });
    }
    if (intoId !== null) await this.deps.repository.recordFormerSlug('tag', from.slug, intoId);
    await this.deps.repository.mergeTag(fromId, intoId);
    await this.changed();
  }

  /** The tag an old slug now leads to, if any. */
  async formerTag(slug: string): Promise<Tag | undefined> {
    if (!isSlug(slug)) return undefined;
    const id = await this.deps.repository.findFormerSlug('tag', slug);
    return id === undefined ? undefined : this.deps.repository.findTagById(id);
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
