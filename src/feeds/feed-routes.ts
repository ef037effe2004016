import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ArticleService } from '../articles/article-service.js';
import { gone, notFound } from '../http/app-error.js';
import { sendWithValidators } from '../http/conditional-get.js';
import type { SiteService } from '../site/site-service.js';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.js';
import { MAX_SLUG_LENGTH } from '../text/slug.js';
import { SITE_COMMENTS_FEED_PATH, SITE_FEED_PATH } from './feed-links.js';
import type { FeedService, RenderedFeed } from './feed-service.js';
import type { FeedFormat } from './feed-writer.js';

export interface FeedRoutesOptions {
  site: SiteService;
  articles: ArticleService;
  taxonomy: TaxonomyService;
  feeds: FeedService;
}

const feedRoute = { config: { cacheProfile: 'page' as const } };
const SLUG = /^[a-z0-9][a-z0-9-]*$/;
/** Categories nest; feeds are routed for paths up to this deep (deeper ones reach the archive's 404). */
const MAX_CATEGORY_DEPTH = 6;
/** Below a feed's root: which format each sub-path is. */
const FORMAT_PATHS: [string, FeedFormat][] = [
  ['', 'rss'],
  ['atom/', 'atom'],
  ['json/', 'json'],
];
/** WordPress's other names for the RSS feed answer 301 to the one canonical address. */
const RSS_ALIASES = ['rss2/', 'rss/'];

type Params = Record<string, string>;
/** Produces the feed, or a redirect target (site-relative feed root) when the archive moved. */
type FeedProducer = (
  params: Params,
  format: FeedFormat,
) => Promise<RenderedFeed | { redirectTo: string }>;

const pathOf = (request: FastifyRequest) => request.url.split('?')[0]!;

/**
 * Syndication: the site's stories (`/feed/`), each category, tag and author (`<archive>/feed/`),
 * and reader comments (`/comments/feed/`, `<article>/feed/`), in RSS 2.0 at the root, Atom 1.0 at
 * `atom/` and (for stories) JSON Feed 1.1 at `json/`. Every answer carries an ETag and
 * Last-Modified and may be a 304.
 */
export async function feedRoutes(app: FastifyInstance, opts: FeedRoutesOptions) {
  const { site: siteService, articles, taxonomy, feeds } = opts;

  function family(root: string, produce: FeedProducer, formats: FeedFormat[]) {
    for (const [sub, format] of FORMAT_PATHS) {
      if (!formats.includes(format)) continue;
      app.get<{ Params: Params }>(`${root}${sub}`, feedRoute, async (request, reply) => {
        const result = await produce(request.params, format);
        if ('redirectTo' in result) return reply.redirect(`${result.redirectTo}${sub}`, 301);
        // Every feed is purged on any story or comment change (src/cache/page-invalidation.ts).
        reply.cacheKeys('feeds');
        return sendWithValidators(request, reply, result);
      });
    }
    for (const alias of RSS_ALIASES) {
      app.get(`${root}${alias}`, feedRoute, async (request, reply: FastifyReply) =>
        reply.redirect(pathOf(request).slice(0, -alias.length), 301),
      );
    }
  }

  family(
    SITE_FEED_PATH,
    async (_params, format) => {
      const { site, tree } = await siteService.context();
      return feeds.articleFeed(
        site,
        tree,
        {
          title: site.name,
          description: site.description,
          htmlPath: '/',
          feedPath: SITE_FEED_PATH,
          listing: {},
        },
        format,
      );
    },
    ['rss', 'atom', 'json'],
  );

  // `/category/*` is the archive's wildcard; these static-suffixed routes are more specific, so
  // the router picks them for `…/feed/` and falls back to the wildcard for everything else.
  for (let depth = 1; depth <= MAX_CATEGORY_DEPTH; depth++) {
    const names = Array.from({ length: depth }, (_, i) => `c${i}`);
    family(
      `/category/${names.map((n) => `:${n}`).join('/')}/feed/`,
      async (params, format) => {
        const segments = names.map((n) => params[n]!);
        const { site, tree } = await siteService.context();
        const category = tree.bySlug.get(segments[segments.length - 1]!);
        if (!category) throw notFound('No such category');
        const htmlPath = tree.path(category);
        if (`/category/${segments.join('/')}/` !== htmlPath)
          return { redirectTo: `${htmlPath}feed/` };
        return feeds.articleFeed(
          site,
          tree,
          {
            title: `${site.name} » ${category.name}`,
            description: category.description || site.description,
            htmlPath,
            feedPath: `${htmlPath}feed/`,
            listing: { categoryIds: tree.descendantIds(category.id) },
          },
          format,
        );
      },
      ['rss', 'atom', 'json'],
    );
  }

  family(
    '/tag/:slug/feed/',
    async (params, format) => {
      const tag = await taxonomy.findTag(params.slug!);
      if (!tag) throw notFound('No such tag');
      const { site, tree } = await siteService.context();
      const htmlPath = `/tag/${tag.slug}/`;
      return feeds.articleFeed(
        site,
        tree,
        {
          title: `${site.name} » ${tag.name}`,
          description: site.locale.t('archiveTag', { name: tag.name }),
          htmlPath,
          feedPath: `${htmlPath}feed/`,
          listing: { tagId: tag.id },
        },
        format,
      );
    },
    ['rss', 'atom', 'json'],
  );

  family(
    '/author/:slug/feed/',
    async (params, format) => {
      const author = await taxonomy.findAuthor(params.slug!);
      if (!author) throw notFound('No such author');
      const { site, tree } = await siteService.context();
      const htmlPath = `/author/${author.slug}/`;
      return feeds.articleFeed(
        site,
        tree,
        {
          title: `${site.name} » ${author.name}`,
          description: author.bio || site.locale.t('archiveAuthor', { name: author.name }),
          htmlPath,
          feedPath: `${htmlPath}feed/`,
          listing: { authorId: author.id },
        },
        format,
      );
    },
    ['rss', 'atom', 'json'],
  );

  family(
    SITE_COMMENTS_FEED_PATH,
    async (_params, format) => {
      const { site } = await siteService.context();
      return feeds.commentFeed(site, {}, format as 'rss' | 'atom');
    },
    ['rss', 'atom'],
  );

  family(
    '/:year(^\\d{4}$)/:month(^\\d{2}$)/:day(^\\d{2}$)/:slug/feed/',
    async (params, format) => {
      const { year, month, day, slug } = params as Record<
        'year' | 'month' | 'day' | 'slug',
        string
      >;
      const articlePath = `/${year}/${month}/${day}/${slug}/`;
      const { site, tree } = await siteService.context();
      const resolution =
        slug.length <= MAX_SLUG_LENGTH && SLUG.test(slug)
          ? await articles.resolve('post', slug, articlePath, tree)
          : await articles.resolveOldPath(articlePath);
      switch (resolution.kind) {
        case 'redirect':
          return { redirectTo: `${resolution.location}feed/` };
        case 'gone':
          throw gone('This article has been removed');
        case 'missing':
          throw notFound('No such article');
        case 'article':
          return feeds.commentFeed(site, { article: resolution.article }, format as 'rss' | 'atom');
      }
    },
    ['rss', 'atom'],
  );
}
