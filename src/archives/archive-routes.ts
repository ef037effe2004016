import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { ArticleService, Listing } from '../articles/article-service.js';
import { periodBounds } from '../articles/permalink.js';
import { notFound } from '../http/app-error.js';
import { pageCount, pagePath, parsePageSegment } from '../http/paging.js';
import { sendPage } from '../http/render.js';
import { profilePageLd } from '../seo/json-ld.js';
import type { SettingsService } from '../settings/settings-service.js';
import type { SiteService } from '../site/site-service.js';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.js';
import { ArchivePage } from './views/archive-page.js';
import { HomePage } from './views/home-page.js';

export interface ArchiveRoutesOptions {
  site: SiteService;
  articles: ArticleService;
  taxonomy: TaxonomyService;
  settings: SettingsService;
}

const page = { config: { cacheProfile: 'page' as const } };
const YEAR = ':year(^\\d{4}$)';
const MONTH = ':month(^\\d{2}$)';
const DAY = ':day(^\\d{2}$)';

/**
 * Guard for every listing: reached by another spelling of its URL (`/page/1/`, a partial category
 * path, doubled slashes), it answers 301 to the canonical one, keeping the query string. Returns
 * true when it redirected.
 */
function redirectedToCanonical(
  request: FastifyRequest,
  reply: FastifyReply,
  canonical: string,
): boolean {
  const q = request.url.indexOf('?');
  const path = q === -1 ? request.url : request.url.slice(0, q);
  if (path === canonical) return false;
  reply.redirect(`${canonical}${q === -1 ? '' : request.url.slice(q)}`, 301);
  return true;
}

/** Cache keys of the stories a listing shows: purged when any of them changes or leaves. */
const listed = (items: readonly { id: number }[]) => items.map((a) => `article:${a.id}`);

/** Home page and every listing of articles: category, tag, author and date archives. */
export async function archiveRoutes(app: FastifyInstance, opts: ArchiveRoutesOptions) {
  const { site: siteService, articles, taxonomy, settings } = opts;

  /**
   * Loads one page of a listing; a page past the end is a 404, not an empty page. With
   * `emptyIsMissing`, a listing with nothing published is a 404 too: a tag or a person is only
   * public through published stories, so an embargoed story's tag or a staff account stays hidden.
   */
  async function listingPage(listing: Listing, pageNumber: number, emptyIsMissing = false) {
    const [{ site, tree }, perPage] = await Promise.all([
      siteService.context(),
      settings.get('postsPerPage'),
    ]);
    const total = await articles.count(listing);
    if (total === 0 && emptyIsMissing) throw notFound('Nothing is published here');
    const pages = pageCount(total, perPage);
    if (pageNumber > pages) throw notFound('No such page');
    const items = await articles.summaries(listing, perPage, (pageNumber - 1) * perPage, tree);
    return { site, tree, items, pages };
  }

  app.get('/', page, async (_request, reply) => {
    const { site, tree } = await siteService.context();
    const front = await articles.summaries({}, 7, 0, tree);
    const shown = front.map((a) => a.id);
    const roots = tree.roots();
    const lists = await articles.listMany(
      roots.map((category) => ({
        listing: { categoryIds: tree.descendantIds(category.id), excludeIds: shown },
        limit: 4,
      })),
      tree,
    );
    const sections = roots.map((category, i) => ({
      name: category.name,
      path: tree.path(category),
      articles: lists[i]!,
    }));
    reply.cacheKeys('home');
    return sendPage(reply, h(HomePage, { site, lead: front[0], latest: front.slice(1), sections }));
  });

  app.get<{ Params: { page: string } }>('/page/:page/', page, async (request, reply) => {
    const n = parsePageSegment(request.params.page);
    if (redirectedToCanonical(request, reply, pagePath('/', n))) return reply;
    const { site, items, pages } = await listingPage({}, n);
    reply.cacheKeys('home');
    return sendPage(
      reply,
      h(ArchivePage, {
        site,
        title: site.locale.t('latestStories'),
        basePath: '/',
        page: n,
        pages,
        articles: items,
      }),
    );
  });

  // `/category/parent/child/` and `/category/parent/child/page/N/`; a child reached by a wrong or
  // partial path (`/category/child/`) is redirected to its full path.
  app.get<{ Params: { '*': string } }>('/category/*', page, async (request, reply) => {
    const segments = request.params['*'].split('/').filter(Boolean);
    let n = 1;
    if (segments.length >= 2 && segments[segments.length - 2] === 'page') {
      n = parsePageSegment(segments.pop());
      segments.pop();
    }
    const { tree } = await siteService.context();
    const lastSlug = segments[segments.length - 1] ?? '';
    // A slug changed in the newsroom (or a merged category) keeps its old links: 301 below.
    const category = tree.bySlug.get(lastSlug) ?? (await taxonomy.formerCategory(lastSlug));
    if (!category) throw notFound('No such category');
    const basePath = tree.path(category);
    if (redirectedToCanonical(request, reply, pagePath(basePath, n))) return reply;
    const { site, items, pages } = await listingPage(
      { categoryIds: tree.descendantIds(category.id) },
      n,
    );
    reply.cacheKeys(`category:${category.id}`, ...listed(items));
    const children = tree.children(category.id);
    const rootPath = tree.path(tree.lineage(category)[0]!);
    return sendPage(
      reply,
      h(ArchivePage, {
        site,
        title: category.name,
        description: category.description || undefined,
        basePath,
        page: n,
        pages,
        articles: items,
        activeNavPath: rootPath,
        breadcrumbs: tree.lineage(category).map((c) => ({ name: c.name, path: tree.path(c) })),
        intro: h('div', { class: 'archive__intro' }, [
          category.description
            ? h('p', { class: 'archive__description' }, category.description)
            : null,
          children.length
            ? h('nav', { class: 'subsections', 'aria-label': site.locale.t('subcategories') }, [
                h(
                  'ul',
                  null,
                  children.map((c) =>
                    h('li', { key: c.id }, h('a', { href: tree.path(c) }, c.name)),
                  ),
                ),
              ])
            : null,
        ]),
      }),
    );
  });

  type SlugPage = { Params: { slug: string; page?: string } };
  const tagArchive = async (request: FastifyRequest<SlugPage>, reply: FastifyReply) => {
    const n = parsePageSegment(request.params.page);
    const tag =
      (await taxonomy.findTag(request.params.slug)) ??
      (await taxonomy.formerTag(request.params.slug));
    if (!tag) throw notFound('No such tag');
    const basePath = `/tag/${tag.slug}/`;
    if (redirectedToCanonical(request, reply, pagePath(basePath, n))) return reply;
    const { site, items, pages } = await listingPage({ tagId: tag.id }, n, true);
    reply.cacheKeys(`tag:${tag.id}`, ...listed(items));
    return sendPage(
      reply,
      h(ArchivePage, {
        site,
        title: site.locale.t('archiveTag', { name: tag.name }),
        basePath,
        page: n,
        pages,
        articles: items,
      }),
    );
  };
  app.get<SlugPage>('/tag/:slug/', page, tagArchive);
  app.get<SlugPage>('/tag/:slug/page/:page/', page, tagArchive);

  const authorArchive = async (request: FastifyRequest<SlugPage>, reply: FastifyReply) => {
    const n = parsePageSegment(request.params.page);
    const author = await taxonomy.findAuthor(request.params.slug);
    if (!author) throw notFound('No such author');
    const basePath = `/author/${author.slug}/`;
    if (redirectedToCanonical(request, reply, pagePath(basePath, n))) return reply;
    const { site, items, pages } = await listingPage({ authorId: author.id }, n, true);
    reply.cacheKeys(`author:${author.id}`, ...listed(items));
    return sendPage(
      reply,
      h(ArchivePage, {
        site,
        title: author.name,
        description: author.bio || undefined,
        basePath,
        page: n,
        pages,
        articles: items,
        ogType: 'profile',
        jsonLd: [profilePageLd(site, author)],
        intro: author.bio
          ? h(
              'section',
              { class: 'author-bio', 'aria-label': site.locale.t('aboutAuthor') },
              h('p', null, author.bio),
            )
          : undefined,
      }),
    );
  };
  app.get<SlugPage>('/author/:slug/', page, authorArchive);
  app.get<SlugPage>('/author/:slug/page/:page/', page, authorArchive);

  type DatePage = { Params: { year: string; month?: string; day?: string; page?: string } };
  const dateArchive = async (request: FastifyRequest<DatePage>, reply: FastifyReply) => {
    const p = request.params;
    const n = parsePageSegment(p.page);
    const year = Number(p.year);
    const month = p.month === undefined ? undefined : Number(p.month);
    const day = p.day === undefined ? undefined : Number(p.day);
    if (year < 1970 || (month !== undefined && (month < 1 || month > 12)))
      throw notFound('No such date');
    if (day !== undefined && (day < 1 || day > new Date(Date.UTC(year, month!, 0)).getUTCDate())) {
      throw notFound('No such date');
    }
    const basePath = `/${[p.year, p.month, p.day].filter(Boolean).join('/')}/`;
    if (redirectedToCanonical(request, reply, pagePath(basePath, n))) return reply;
    const { from, to } = periodBounds(siteService.config.siteTimezone, year, month, day);
    const { site, items, pages } = await listingPage(
      { publishedFrom: from, publishedTo: to },
      n,
      true,
    );
    // The same names as `dateArchiveKeys` in src/cache/page-invalidation.ts.
    reply.cacheKeys(
      `archive:${[p.year, p.month, p.day].filter(Boolean).join('-')}`,
      ...listed(items),
    );
    const label =
      day !== undefined
        ? site.locale.formatDate(`${p.year}-${p.month}-${p.day}T12:00:00Z`)
        : month !== undefined
          ? site.locale.formatMonth(year, month)
          : p.year;
    return sendPage(
      reply,
      h(ArchivePage, {
        site,
        title: site.locale.t('archiveDate', { date: label }),
        basePath,
        page: n,
        pages,
        articles: items,
      }),
    );
  };
  for (const path of [
    `/${YEAR}/`,
    `/${YEAR}/page/:page/`,
    `/${YEAR}/${MONTH}/`,
    `/${YEAR}/${MONTH}/page/:page/`,
    `/${YEAR}/${MONTH}/${DAY}/`,
    `/${YEAR}/${MONTH}/${DAY}/page/:page/`,
  ]) {
    app.get<DatePage>(path, page, dateArchive);
  }
}
