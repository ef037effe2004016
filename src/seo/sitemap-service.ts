import type { ArticleService } from '../articles/article-service.js';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.js';
import { mediaUrl } from '../views/components.js';
import type { SitemapArticleRow, SitemapRepository, SitemapSummary } from './sitemap-repository.js';

/** One `<url>` of a sitemap: absolute location, W3C datetime of the last change, images. */
export interface SitemapUrl {
  loc: string;
  lastmod?: string;
  images?: string[];
}

/** One `<sitemap>` of the index. */
export interface SitemapRef {
  loc: string;
  lastmod?: string;
}

/** One `<url>` of the Google News sitemap. */
export interface NewsUrl {
  loc: string;
  title: string;
  /** ISO 639 code of the article's language. */
  language: string;
  publicationDate: string;
}

export interface SitemapServiceDeps {
  repository: SitemapRepository;
  articles: Pick<ArticleService, 'pathOf' | 'list'>;
  taxonomy: Pick<TaxonomyService, 'categoryTree'>;
  clock: () => Date;
  site: { url: string; locale: string };
  /** URLs per sitemap file; default 50,000, the protocol's limit. Tests lower it to see paging. */
  maxUrlsPerSitemap?: number;
}

/** The sitemaps protocol's ceiling on URLs in one file. */
export const SITEMAP_URL_LIMIT = 50_000;
/** Google News reads articles of the last two days, at most 1,000 of them. */
export const NEWS_WINDOW_MS = 48 * 3_600_000;
export const NEWS_URL_LIMIT = 1000;

type Group = 'pages' | 'categories' | 'tags' | 'authors' | `posts-${string}`;

/** `posts-2026-05` / `posts-2026-05-2` / `tags-3` → group and page. */
export function parseSitemapName(name: string): { group: Group; page: number } | undefined {
  const m =
    /^(pages|categories|tags|authors|posts-(\d{4})-(0[1-9]|1[0-2]))(?:-([2-9]|[1-9]\d{1,4}))?$/.exec(
      name,
    );
  if (!m) return undefined;
  return { group: m[1] as Group, page: m[4] ? Number(m[4]) : 1 };
}

function later(a: string | null | undefined, b: string | null | undefined): string | undefined {
  if (!a) return b ?? undefined;
  if (!b) return a;
  return a > b ? a : b;
}

/** Which sitemap files exist and what each one lists. Knows nothing of HTTP or XML. */
export class SitemapService {
  private readonly max: number;

  constructor(private readonly deps: SitemapServiceDeps) {
    this.max = deps.maxUrlsPerSitemap ?? SITEMAP_URL_LIMIT;
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  private fileUrl(group: Group, page: number): string {
    return `${this.deps.site.url}/sitemaps/${group}${page > 1 ? `-${page}` : ''}.xml`;
  }

  /** One reference per file the group needs at `max` URLs per file; none when it is empty. */
  private refs(group: Group, summary: SitemapSummary): SitemapRef[] {
    const files = Math.ceil(summary.count / this.max);
    return Array.from({ length: files }, (_, i) => ({
      loc: this.fileUrl(group, i + 1),
      lastmod: summary.lastmod ?? undefined,
    }));
  }

  private async categories(): Promise<SitemapUrl[]> {
    const [tree, lastmods] = await Promise.all([
      this.deps.taxonomy.categoryTree(),
      this.deps.repository.categoryLastmods(this.now()),
    ]);
    const own = new Map(lastmods.map((r) => [r.categoryId, r.lastmod]));
    const out: SitemapUrl[] = [];
    for (const category of tree.all) {
      // A category archive lists its subsections' stories too (as WordPress does).
      let lastmod: string | undefined;
      for (const id of tree.descendantIds(category.id)) lastmod = later(lastmod, own.get(id));
      if (lastmod) out.push({ loc: `${this.deps.site.url}${tree.path(category)}`, lastmod });
    }
    return out;
  }

  /** The sitemap index: every non-empty sitemap file, each with its newest change. */
  async index(): Promise<SitemapRef[]> {
    const now = this.now();
    const { repository } = this.deps;
    const [months, pages, categories, tags, authors, news] = await Promise.all([
      repository.postMonths(now),
      repository.summary('page', now),
      this.categories(),
      repository.archivesSummary('tag', now),
      repository.archivesSummary('author', now),
      this.news(),
    ]);
    const newestPost = months.reduce<string | undefined>((a, m) => later(a, m.lastmod), undefined);
    return [
      // The home page heads the pages group; it changes whenever a story does.
      ...this.refs('pages', {
        count: pages.count + 1,
        lastmod: later(pages.lastmod, newestPost) ?? null,
      }),
      ...this.refs('categories', {
        count: categories.length,
        lastmod:
          categories.reduce<string | undefined>((a, c) => later(a, c.lastmod), undefined) ?? null,
      }),
      ...this.refs('tags', tags),
      ...this.refs('authors', authors),
      ...months.toReversed().flatMap((m) => this.refs(`posts-${m.month}`, m)),
      ...(news.length
        ? [{ loc: `${this.deps.site.url}/sitemaps/news.xml`, lastmod: news[0]!.publicationDate }]
        : []),
    ];
  }

  private articleUrl(row: SitemapArticleRow): SitemapUrl {
    return {
      loc: `${this.deps.site.url}${this.deps.articles.pathOf(row)}`,
      lastmod: later(row.publishedAt, row.updatedAt),
      images: row.imagePath
        ? [`${this.deps.site.url}${mediaUrl({ path: row.imagePath })}`]
        : undefined,
    };
  }

  /** The URLs of sitemap file `name` (without `.xml`); undefined when there is no such file. */
  async urlset(name: string): Promise<SitemapUrl[] | undefined> {
    const parsed = parseSitemapName(name);
    if (!parsed) return undefined;
    const { group, page } = parsed;
    const now = this.now();
    const offset = (page - 1) * this.max;
    const { repository } = this.deps;
    let urls: SitemapUrl[];
    if (group.startsWith('posts-')) {
      const [year, month] = group.slice(6).split('-').map(Number) as [number, number];
      const from = new Date(Date.UTC(year, month - 1, 1)).toISOString();
      const to = new Date(Date.UTC(year, month, 1)).toISOString();
      const rows = await repository.articles({
        type: 'post',
        from,
        to,
        publishedBefore: now,
        limit: this.max,
        offset,
      });
      urls = rows.map((r) => this.articleUrl(r));
    } else if (group === 'pages') {
      // Index 0 of the group is the home page; static pages follow.
      const rows = await repository.articles({
        type: 'page',
        publishedBefore: now,
        limit: page === 1 ? this.max - 1 : this.max,
        offset: Math.max(offset - 1, 0),
      });
      urls = rows.map((r) => this.articleUrl(r));
      if (page === 1) {
        const [posts, pages] = await Promise.all([
          repository.summary('post', now),
          repository.summary('page', now),
        ]);
        urls.unshift({
          loc: `${this.deps.site.url}/`,
          lastmod: later(posts.lastmod, pages.lastmod),
        });
      }
    } else if (group === 'categories') {
      urls = (await this.categories()).slice(offset, offset + this.max);
    } else {
      const kind = group === 'tags' ? 'tag' : 'author';
      const rows = await repository.archives(kind, {
        publishedBefore: now,
        limit: this.max,
        offset,
      });
      urls = rows.map((r) => ({
        loc: `${this.deps.site.url}/${kind}/${r.slug}/`,
        lastmod: r.lastmod,
      }));
    }
    return urls.length ? urls : undefined;
  }

  /** Stories published in the last 48 hours, newest first, for the Google News sitemap. */
  async news(): Promise<NewsUrl[]> {
    const from = new Date(this.deps.clock().getTime() - NEWS_WINDOW_MS).toISOString();
    const tree = await this.deps.taxonomy.categoryTree();
    const stories = await this.deps.articles.list({ publishedFrom: from }, NEWS_URL_LIMIT, 0, tree);
    return stories.map((a) => ({
      loc: `${this.deps.site.url}${a.path}`,
      title: a.title,
      language: a.lang ?? this.deps.site.locale,
      publicationDate: a.publishedAt,
    }));
  }
}
