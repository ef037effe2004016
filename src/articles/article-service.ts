import { RecentlyRead, RecentlyReadByKey } from '../cache/recently-read.js';
import type { ArticleEvents } from '../newsroom/article-events.js';
import type { ArticleStatus, ArticleType } from '../storage/schema.js';
import type { Category } from '../taxonomy/taxonomy.js';
import type { CategoryTree } from '../taxonomy/taxonomy-service.js';
import { htmlToText, sanitizeArticleHtml } from '../text/sanitized-html.js';
import { toSlug, uniqueSlug } from '../text/slug.js';
import type {
  ArticleRecord,
  ArticleSummary,
  ArticleSummaryRecord,
  ArticleWithDetails,
  PublishedArticle,
} from './article.js';
import type { ArticleRepository, PublishedQuery } from './article-repository.js';
import { articlePath } from './permalink.js';

export interface ArticleServiceDeps {
  repository: ArticleRepository;
  clock: () => Date;
  timeZone: string;
  /** Told after every write so search follows create, edit, publish, unpublish and trash. */
  searchIndexer?: SearchIndexer;
  /**
   * Observers of article changes (the page cache): the same `ArticleEvents` the newsroom emits
   * on, so imports, the CLI and the demo purge like the newsroom does.
   */
  events?: Pick<ArticleEvents, 'emit'>;
}

/** A port for whatever indexes articles (search); ArticleService only says which one changed. */
export interface SearchIndexer {
  articleChanged(id: number): Promise<void>;
}

export interface ArticleInput {
  type?: ArticleType;
  title: string;
  slug?: string;
  dek?: string;
  /** Untrusted HTML; sanitized before it is stored. */
  bodyHtml: string;
  excerpt?: string;
  status: ArticleStatus;
  publishedAt?: string | null;
  updatedAt?: string;
  primaryCategoryId?: number | null;
  categoryIds?: number[];
  tagIds?: number[];
  authorIds: number[];
  featuredMediaId?: number | null;
  commentStatus?: 'open' | 'closed';
  lang?: string | null;
  dir?: 'ltr' | 'rtl' | null;
}

/** What a public URL resolves to. */
export type Resolution =
  | { kind: 'article'; article: ArticleWithDetails }
  | { kind: 'redirect'; location: string }
  | { kind: 'gone' }
  | { kind: 'missing' };

export type Listing = Omit<PublishedQuery, 'publishedBefore' | 'limit' | 'offset' | 'before'>;

/** Reading and writing articles and pages. Knows nothing of HTTP or SQL. */
export class ArticleService {
  /**
   * The first page of the lists every reader's page shows ("More from" a section, the home page's
   * sections), reused like the settings and the section tree: forgotten on every article or site
   * change, here and over the bus (`src/services.ts`), and kept at most a second. Each list is
   * three statements and a fifth of an article page's time; it is the same for every story of
   * the section.
   */
  private readonly recentLists = this.recentlyRead<ArticleSummary[][]>();

  /**
   * How many stories each listing has (an archive's page count), kept by the same rules as the
   * lists: a count over a large section reads every row of its index, on every archive page.
   */
  private readonly recentCounts = this.recentlyRead<number>();

  constructor(private readonly deps: ArticleServiceDeps) {}

  private recentlyRead<T>(): RecentlyReadByKey<T> {
    // The site's clock, not the process's: a story dated in the future joins the lists within
    // that second of its time, with no change to announce it.
    return new RecentlyReadByKey<T>(RecentlyRead.SITE_DATA_MS, 256, () =>
      this.deps.clock().getTime(),
    );
  }

  /** Drops the lists and counts read recently: an article, a section or a setting changed. */
  forgetRecent(): void {
    this.recentLists.forget();
    this.recentCounts.forget();
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  /** Canonical path of a published article or page. */
  pathOf(article: Pick<ArticleRecord, 'type' | 'slug' | 'publishedAt'>): string {
    return articlePath(article, this.deps.timeZone);
  }

  private isPublic(a: ArticleRecord): a is ArticleRecord & { publishedAt: string } {
    return a.status === 'published' && a.publishedAt !== null && a.publishedAt < this.now();
  }

  /**
   * 410 Gone is only for what readers could once read: a trashed draft or scheduled story never
   * had a public URL, and saying "removed" would confirm it existed.
   */
  private wasPublicThenTrashed(a: ArticleRecord): boolean {
    return a.status === 'trash' && a.publishedAt !== null && a.publishedAt < this.now();
  }

  private present<R extends ArticleSummaryRecord>(
    a: R & { publishedAt: string },
    tree: CategoryTree,
  ): Omit<R, 'publishedAt'> & Pick<PublishedArticle, 'publishedAt' | 'path' | 'primaryCategory'> {
    const primaryCategory =
      a.primaryCategoryId !== null ? tree.byId.get(a.primaryCategoryId) : undefined;
    return {
      ...a,
      path: this.pathOf(a),
      primaryCategory: primaryCategory
        ? {
            id: primaryCategory.id,
            slug: primaryCategory.slug,
            name: primaryCategory.name,
            parentId: primaryCategory.parentId,
          }
        : null,
    };
  }

  /**
   * Resolves a public request for `slug` of `type` that arrived at `requestedPath`: the article when
   * the path is canonical, a redirect when it moved, `gone` when it was deleted.
   */
  async resolve(
    type: ArticleType,
    slug: string,
    requestedPath: string,
    tree: CategoryTree,
  ): Promise<Resolution> {
    const found = await this.deps.repository.findBySlug(slug);
    if (found && found.type === type) {
      if (this.wasPublicThenTrashed(found)) return { kind: 'gone' };
      if (this.isPublic(found)) {
        const path = this.pathOf(found);
        if (path !== requestedPath) return { kind: 'redirect', location: path };
        return { kind: 'article', article: this.present(found, tree) };
      }
    }
    return this.resolveOldPath(requestedPath);
  }

  /** An old URL of an article whose slug or date changed: 301 to where it lives now. */
  async resolveOldPath(requestedPath: string): Promise<Resolution> {
    const movedTo = await this.deps.repository.findRedirect(requestedPath);
    if (movedTo !== undefined) {
      const target = await this.deps.repository.findById(movedTo);
      if (target && this.wasPublicThenTrashed(target)) return { kind: 'gone' };
      if (target && this.isPublic(target))
        return { kind: 'redirect', location: this.pathOf(target) };
    }
    return { kind: 'missing' };
  }

  /**
   * Where an article an old link names by id lives now (WordPress `?p=123`, `/archives/123`):
   * a redirect when it is public, gone when it was public and is now trashed, otherwise missing,
   * so an old link never reveals a draft or a scheduled story.
   */
  async resolveById(id: number): Promise<Resolution> {
    const target = await this.deps.repository.findById(id);
    if (target && this.wasPublicThenTrashed(target)) return { kind: 'gone' };
    if (target && this.isPublic(target)) return { kind: 'redirect', location: this.pathOf(target) };
    return { kind: 'missing' };
  }

  private async withDetails(article: PublishedArticle): Promise<ArticleWithDetails> {
    // No comment count: the page counts the comments it lists; the API asks for it apart.
    const [tags, corrections] = await Promise.all([
      this.deps.repository.tagsOf(article.id),
      this.deps.repository.correctionsOf(article.id),
    ]);
    return { ...article, tags, corrections };
  }

  /** How many comments of the article readers can see. */
  approvedCommentCount(articleId: number): Promise<number> {
    return this.deps.repository.approvedCommentCount(articleId);
  }

  /** Published posts matching `listing`, newest first. */
  async list(
    listing: Listing,
    limit: number,
    offset: number,
    tree: CategoryTree,
  ): Promise<PublishedArticle[]> {
    const rows = await this.deps.repository.listPublished({
      ...listing,
      publishedBefore: this.now(),
      limit,
      offset,
    });
    return rows.map((r) => this.present(r as ArticleRecord & { publishedAt: string }, tree));
  }

  /** Like `list`, without bodies: for teasers (archives, the home page, "More from"). */
  async summaries(
    listing: Listing,
    limit: number,
    offset: number,
    tree: CategoryTree,
  ): Promise<ArticleSummary[]> {
    if (offset === 0) return (await this.listMany([{ listing, limit }], tree))[0]!;
    const [rows] = await this.deps.repository.listSummaries([
      { ...listing, publishedBefore: this.now(), limit, offset },
    ]);
    return rows!.map((r) =>
      this.present(r as ArticleSummaryRecord & { publishedAt: string }, tree),
    );
  }

  /**
   * The first `limit` posts of each listing, without bodies (one round of queries for the home
   * page's sections). The arrays are shared between requests: callers copy, never change them.
   */
  listMany(
    listings: { listing: Listing; limit: number }[],
    tree: CategoryTree,
  ): Promise<ArticleSummary[][]> {
    return this.recentLists.get(JSON.stringify(listings), async () => {
      const publishedBefore = this.now();
      const lists = await this.deps.repository.listSummaries(
        listings.map(({ listing, limit }) => ({ ...listing, publishedBefore, limit })),
      );
      return lists.map((rows) =>
        rows.map((r) => this.present(r as ArticleSummaryRecord & { publishedAt: string }, tree)),
      );
    });
  }

  /** Keyset page: posts published strictly before the cursor article. */
  async listBefore(
    listing: Listing,
    cursor: { publishedAt: string; id: number } | undefined,
    limit: number,
    tree: CategoryTree,
  ): Promise<PublishedArticle[]> {
    const rows = await this.deps.repository.listPublished({
      ...listing,
      publishedBefore: this.now(),
      limit,
      ...(cursor ? { before: cursor } : {}),
    });
    return rows.map((r) => this.present(r as ArticleRecord & { publishedAt: string }, tree));
  }

  /** Corrections of a published article, oldest first (feeds list them under the story). */
  correctionsOf(articleId: number) {
    return this.deps.repository.correctionsOf(articleId);
  }

  /** How many posts match `listing` (archives' page counts). */
  count(listing: Listing): Promise<number> {
    return this.recentCounts.get(JSON.stringify(listing), () =>
      this.deps.repository.countPublished({ ...listing, publishedBefore: this.now() }),
    );
  }

  /**
   * The latest other posts in the article's primary category (and its subsections): one more than
   * shown, the article itself left out here, so every story of a section shares one list.
   */
  async moreFrom(
    article: PublishedArticle,
    limit: number,
    tree: CategoryTree,
  ): Promise<ArticleSummary[]> {
    if (!article.primaryCategory) return [];
    const latest = await this.summaries(
      { categoryIds: tree.descendantIds(article.primaryCategory.id) },
      limit + 1,
      0,
      tree,
    );
    return latest.filter((a) => a.id !== article.id).slice(0, limit);
  }

  /** A published article by numeric id or slug, for the API. */
  async findPublished(
    idOrSlug: number | string,
    tree: CategoryTree,
  ): Promise<ArticleWithDetails | undefined> {
    if (typeof idOrSlug === 'string') {
      const found = await this.deps.repository.findBySlug(idOrSlug);
      return found && this.isPublic(found) ? this.present(found, tree) : undefined;
    }
    const found = await this.deps.repository.findById(idOrSlug);
    if (!found || !this.isPublic(found)) return undefined;
    return this.withDetails(this.present(found, tree));
  }

  /** Every category of an article, primary first, in the tree's order after it. */
  async categoriesOf(article: PublishedArticle, tree: CategoryTree): Promise<Category[]> {
    const ids = new Set(await this.deps.repository.categoryIdsOf(article.id));
    const primary = article.primaryCategory ? tree.byId.get(article.primaryCategory.id) : undefined;
    const others = tree.all.filter((c) => ids.has(c.id) && c.id !== primary?.id);
    return primary ? [primary, ...others] : others;
  }

  /** Creates an article or page with a unique transliterated slug and sanitized body. */
  async create(input: ArticleInput): Promise<number> {
    const now = this.now();
    const slug = await uniqueSlug(toSlug(input.slug ?? input.title), (s) =>
      this.deps.repository.slugExists(s),
    );
    const bodyHtml = sanitizeArticleHtml(input.bodyHtml);
    const excerpt = input.excerpt ?? excerptOf(input.dek || htmlToText(bodyHtml));
    const id = await this.deps.repository.insert({
      type: input.type ?? 'post',
      slug,
      title: input.title.trim(),
      dek: input.dek?.trim() ?? '',
      bodyHtml,
      excerpt,
      status: input.status,
      publishedAt: input.publishedAt ?? (input.status === 'published' ? now : null),
      createdAt: input.publishedAt ?? now,
      updatedAt: input.updatedAt ?? input.publishedAt ?? now,
      primaryCategoryId: input.primaryCategoryId ?? null,
      // The repository stores the primary section among the links itself.
      categoryIds: input.categoryIds ?? [],
      tagIds: input.tagIds ?? [],
      authorIds: input.authorIds,
      featuredMediaId: input.featuredMediaId ?? null,
      commentStatus: input.commentStatus ?? 'open',
      lang: input.lang ?? null,
      dir: input.dir ?? (input.lang && RTL_LANGUAGES.has(input.lang) ? 'rtl' : null),
    });
    await this.changed(id, 'article-service:created');
    return id;
  }

  /**
   * Changes an article's slug and/or publication time. The old public URL is kept as a redirect so
   * links and search engines follow it with a 301.
   */
  async changeUrl(id: number, change: { slug?: string; publishedAt?: string }): Promise<string> {
    const article = await this.deps.repository.findById(id);
    if (!article) throw new Error(`No article ${id}`);
    const oldPath = this.pathOf(article);
    const slug =
      change.slug !== undefined && change.slug !== article.slug
        ? await uniqueSlug(toSlug(change.slug), (s) => this.deps.repository.slugExists(s))
        : article.slug;
    const publishedAt = change.publishedAt ?? article.publishedAt;
    await this.deps.repository.updateUrlParts(id, slug, publishedAt, this.now());
    const newPath = this.pathOf({ type: article.type, slug, publishedAt });
    if (newPath !== oldPath && article.publishedAt) {
      await this.deps.repository.addRedirect(oldPath, id, this.now());
    }
    await this.changed(id, 'article-service:url-changed');
    return newPath;
  }

  /** Moves an article to the trash: its URL then answers 410 Gone. */
  async trash(id: number): Promise<void> {
    await this.deps.repository.updateStatus(id, 'trash', this.now());
    await this.changed(id, 'article-service:trashed');
  }

  /** Search first (listings read it), then the observers. */
  private async changed(id: number, reason: string): Promise<void> {
    await this.deps.searchIndexer?.articleChanged(id);
    await this.deps.events?.emit({ articleId: id, before: null, after: null, reason });
  }

  async setStatus(id: number, status: ArticleStatus): Promise<void> {
    await this.deps.repository.updateStatus(id, status, this.now());
    await this.changed(id, 'article-service:status-changed');
  }
}

export const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ckb', 'dv']);

/** About 40 words, ending on a whole word. */
export function excerptOf(text: string, words = 40): string {
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length <= words) return parts.join(' ');
  return `${parts.slice(0, words).join(' ')}…`;
}
