import type { ArticleChange } from '../newsroom/article-events.js';
import { MISSING_KEY } from './page-cache-plugin.js';
import { ALL_PAGES } from './page-cache-store.js';
import type { PagePurger } from './page-purger.js';
import type { SiteChange } from './site-changes.js';

/** What an article currently appears under: the archives that list it. */
export interface ArticleSurface {
  categoryIds: number[];
  tagIds: number[];
  authorIds: number[];
  /** Its public path when public (`/2026/05/01/slug/`), else null. */
  path: string | null;
}

export type ArticleSurfaceLookup = (articleId: number) => Promise<ArticleSurface | undefined>;

/**
 * Keys of every listing any article change may alter: the front page, feeds, sitemaps, search,
 * the API listings, taxonomy lists (counts, tags in use), corrections, and stored 404/410/301s (a
 * URL may have appeared, moved or gone).
 */
export const LISTING_KEYS = [
  'home',
  'feeds',
  'sitemaps',
  'search',
  'api:articles',
  'taxonomy',
  'corrections',
  MISSING_KEY,
] as const;

const DATED_PATH = /^\/(\d{4})\/(\d{2})\/(\d{2})\//;

/** `archive:2026`, `archive:2026-05`, `archive:2026-05-01` for a dated path. */
export function dateArchiveKeys(path: string | null | undefined): string[] {
  const m = path ? DATED_PATH.exec(path) : null;
  if (!m) return [];
  const [, y, mo, d] = m;
  return [`archive:${y}`, `archive:${y}-${mo}`, `archive:${y}-${mo}-${d}`];
}

/**
 * The keys to purge when an article changed. Pages that listed it before the change carry its
 * `article:<id>` key (so a category or tag it left is purged); the archives it appears in now
 * are named from its current state (so a category it joined is purged too).
 */
export function articleChangeKeys(
  articleId: number,
  surface: ArticleSurface | undefined,
  paths: readonly (string | null | undefined)[] = [],
): string[] {
  const keys = new Set<string>([`article:${articleId}`, ...LISTING_KEYS]);
  for (const id of surface?.categoryIds ?? []) keys.add(`category:${id}`);
  for (const id of surface?.tagIds ?? []) keys.add(`tag:${id}`);
  for (const id of surface?.authorIds ?? []) keys.add(`author:${id}`);
  for (const path of [surface?.path, ...paths]) {
    for (const key of dateArchiveKeys(path)) keys.add(key);
  }
  return [...keys];
}

/** Turns domain changes into purges. */
export class PageInvalidator {
  constructor(
    private readonly deps: { purger: PagePurger; describeArticle: ArticleSurfaceLookup },
  ) {}

  async articleChanged(change: Pick<ArticleChange, 'articleId' | 'before' | 'after'>) {
    const surface = await this.deps.describeArticle(change.articleId);
    await this.deps.purger.purge(
      articleChangeKeys(change.articleId, surface, [change.before?.path, change.after?.path]),
    );
  }

  /**
   * Comments shown or hidden: the article (and every listing carrying its key, which may show
   * its comment count), its comment list in the API, and the comment feeds.
   */
  async commentsChanged(articleIds: readonly number[]) {
    const keys = articleIds.flatMap((id) => [`article:${id}`, `comments:${id}`]);
    await this.deps.purger.purge([...keys, 'feeds']);
  }

  /** Settings, categories, tags and people show on every page (navigation, bylines, titles). */
  async siteChanged() {
    await this.deps.purger.purge([ALL_PAGES]);
  }

  async handle(change: SiteChange) {
    if (change.kind === 'comments') await this.commentsChanged(change.articleIds);
    else await this.siteChanged();
  }
}

/** What `articleSurfaces` reads: storage and the permalink rule, nothing of HTTP. */
export interface ArticleSurfaceSources {
  findById(id: number): Promise<
    | {
        type: 'post' | 'page';
        slug: string;
        publishedAt: string | null;
        primaryCategoryId: number | null;
        authors: { id: number }[];
      }
    | undefined
  >;
  categoryIdsOf(id: number): Promise<number[]>;
  tagsOf(id: number): Promise<{ id: number }[]>;
  /** Ancestors of a category, itself included (a parent's archive lists its children's stories). */
  lineageIds(categoryId: number): Promise<number[]>;
  pathOf(article: { type: 'post' | 'page'; slug: string; publishedAt: string | null }): string;
}

/** Looks up the archives an article appears under now. */
export function articleSurfaces(sources: ArticleSurfaceSources): ArticleSurfaceLookup {
  return async (id) => {
    const article = await sources.findById(id);
    if (!article) return undefined;
    const [linked, tags] = await Promise.all([sources.categoryIdsOf(id), sources.tagsOf(id)]);
    const categoryIds =
      article.primaryCategoryId === null ? linked : [article.primaryCategoryId, ...linked];
    const withAncestors = (await Promise.all(categoryIds.map((c) => sources.lineageIds(c)))).flat();
    return {
      categoryIds: [...new Set([...categoryIds, ...withAncestors])],
      tagIds: tags.map((t) => t.id),
      authorIds: article.authors.map((a) => a.id),
      path: article.publishedAt ? sources.pathOf(article) : null,
    };
  };
}
