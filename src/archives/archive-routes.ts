import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { ArticleService, Listing } from '../articles/article-service.js';
import { periodBounds } from '../articles/permalink.js';
import { notFound } from '../http/app-error.js';
import { pageCount, parsePageSegment } from '../http/paging.js';
import { sendPage } from '../http/render.js';
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

/** Home page and every listing of articles: category, tag, author and date archives. */
export async function archiveRoutes(app: FastifyInstance, opts: ArchiveRoutesOptions) {
  const { site: siteService, articles, taxonomy, settings } = opts;

  /** Loads one page of a listing; a page past the end is a 404, not an empty page. */
  async function listingPage(listing: Listing, pageNumber: number) {
    const [{ site, tree }, perPage] = await Promise.all([
      siteService.context(),
      settings.get('postsPerPage'),
    ]);
    const total = await articles.count(listing);
    const pages = pageCount(total, perPage);
    if (pageNumber > pages) throw notFound('No such page');
    const items = await articles.list(listing, perPage, (pageNumber - 1) * perPage, tree);
    return { site, tree, items, pages };
  }

  app.get('/', page, async (_request, reply) => {
    const { site, tree } = await siteService.context();
    const front = await articles.list({}, 7, 0, tree);
    const shown = front.map((a) => a.id);
    const sections = await Promise.all(
      tree.roots().map(async (category) => ({
        name: category.name,
        path: tree.path(category),
        articles: await articles.list(
          { categoryIds: tree.descendantIds(category.id), excludeIds: shown },
          4,
          0,
          tree,
        ),
      })),
    );
    return sendPage(reply, h(HomePage, { site, lead: front[0], latest: front.slice(1), sections }));
  });

  app.get<{ Params: { page: string } }>('/page/:page/', page, async (request, reply) => {
    const n = parsePageSegment(request.params.page);
    const { site, items, pages } = await listingPage({}, n);
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
  // partial path is redirected to its full path.
  app.get<{ Params: { '*': string } }>('/category/*', page, async (request, reply) => {
    const segments = request.params['*'].split('/').filter(Boolean);
    let n = 1;
    if (segments.length >= 2 && segments[segments.length - 2] === 'page') {
      n = parsePageSegment(segments.pop());
      segments.pop();
    }
    const { tree } = await siteService.context();
    const category = tree.bySlug.get(segments[segments.length - 1] ?? '');
    if (!category) throw notFound('No such category');
    const basePath = tree.path(category);
    const requested = `/category/${segments.join('/')}/`;
    if (requested !== basePath) {
      return reply.redirect(n > 1 ? `${basePath}page/${n}/` : basePath, 301);
    }
    const { site, items, pages } = await listingPage(
      { categoryIds: tree.descendantIds(category.id) },
      n,
    );
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

  const tagArchive = async (slug: string, n: number) => {
    const tag = await taxonomy.findTag(slug);
    if (!tag) throw notFound('No such tag');
    const { site, items, pages } = await listingPage({ tagId: tag.id }, n);
    return h(ArchivePage, {
      site,
      title: site.locale.t('archiveTag', { name: tag.name }),
      basePath: `/tag/${tag.slug}/`,
      page: n,
      pages,
      articles: items,
    });
  };
  app.get<{ Params: { slug: string } }>('/tag/:slug/', page, async (req, reply) =>
    sendPage(reply, await tagArchive(req.params.slug, 1)),
  );
  app.get<{ Params: { slug: string; page: string } }>(
    '/tag/:slug/page/:page/',
    page,
    async (req, reply) =>
      sendPage(reply, await tagArchive(req.params.slug, parsePageSegment(req.params.page))),
  );

  const authorArchive = async (slug: string, n: number) => {
    const author = await taxonomy.findAuthor(slug);
    if (!author) throw notFound('No such author');
    const { site, items, pages } = await listingPage({ authorId: author.id }, n);
    return h(ArchivePage, {
      site,
      title: author.name,
      description: author.bio || undefined,
      basePath: `/author/${author.slug}/`,
      page: n,
      pages,
      articles: items,
      ogType: 'profile',
      intro: author.bio
        ? h(
            'section',
            { class: 'author-bio', 'aria-label': site.locale.t('aboutAuthor') },
            h('p', null, author.bio),
          )
        : undefined,
    });
  };
  app.get<{ Params: { slug: string } }>('/author/:slug/', page, async (req, reply) =>
    sendPage(reply, await authorArchive(req.params.slug, 1)),
  );
  app.get<{ Params: { slug: string; page: string } }>(
    '/author/:slug/page/:page/',
    page,
    async (req, reply) =>
      sendPage(reply, await authorArchive(req.params.slug, parsePageSegment(req.params.page))),
  );

  const dateArchive = async (p: { year: string; month?: string; day?: string; page?: string }) => {
    const n = parsePageSegment(p.page);
    const year = Number(p.year);
    const month = p.month === undefined ? undefined : Number(p.month);
    const day = p.day === undefined ? undefined : Number(p.day);
    if (year < 1970 || (month !== undefined && (month < 1 || month > 12)))
      throw notFound('No such date');
    if (day !== undefined && (day < 1 || day > new Date(Date.UTC(year, month!, 0)).getUTCDate())) {
      throw notFound('No such date');
    }
    const { from, to } = periodBounds(siteService.config.siteTimezone, year, month, day);
    const { site, items, pages } = await listingPage({ publishedFrom: from, publishedTo: to }, n);
    const label =
      day !== undefined
        ? site.locale.formatDate(`${p.year}-${p.month}-${p.day}T12:00:00Z`)
        : month !== undefined
          ? site.locale.formatMonth(year, month)
          : p.year;
    const basePath = `/${[p.year, p.month, p.day].filter(Boolean).join('/')}/`;
    if (items.length === 0 && n === 1) throw notFound('Nothing was published then');
    return h(ArchivePage, {
      site,
      title: site.locale.t('archiveDate', { date: label }),
      basePath,
      page: n,
      pages,
      articles: items,
    });
  };
  for (const path of [
    `/${YEAR}/`,
    `/${YEAR}/page/:page/`,
    `/${YEAR}/${MONTH}/`,
    `/${YEAR}/${MONTH}/page/:page/`,
    `/${YEAR}/${MONTH}/${DAY}/`,
    `/${YEAR}/${MONTH}/${DAY}/page/:page/`,
  ]) {
    app.get<{ Params: { year: string; month?: string; day?: string; page?: string } }>(
      path,
      page,
      async (req, reply) => sendPage(reply, await dateArchive(req.params)),
    );
  }
}
