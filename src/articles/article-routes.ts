import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import { discussionForRequest } from '../comments/comment-routes.js';
import type { CommentService } from '../comments/comment-service.js';
import type { CommentAssets } from '../comments/views/comments-section.js';
import { gone, notFound } from '../http/app-error.js';
import { applyCacheProfile } from '../http/cache-profiles.js';
import { sendPage } from '../http/render.js';
import type { SiteService } from '../site/site-service.js';
import { MAX_SLUG_LENGTH } from '../text/slug.js';
import type { ArticleService, Resolution } from './article-service.js';
import { ArticlePage } from './views/article-page.js';
import { StaticPage } from './views/static-page.js';

export interface ArticleRoutesOptions {
  site: SiteService;
  articles: ArticleService;
  comments: CommentService;
  /** The comments stylesheet and client script URLs. */
  commentAssets: CommentAssets;
  /** The click-to-load embeds script URL (`client/embeds-client.ts`). */
  embedScript: string;
  /** How many related stories the "More from" block shows. */
  moreFromCount: number;
}

const page = { config: { cacheProfile: 'page' as const } };
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** Article pages at `/YYYY/MM/DD/<slug>/` and static pages at `/<slug>/`. */
export async function articleRoutes(app: FastifyInstance, opts: ArticleRoutesOptions) {
  const { site: siteService, articles, comments } = opts;

  /** Answers everything but a found article; returns it when found. */
  function settle(resolution: Resolution, reply: FastifyReply) {
    switch (resolution.kind) {
      case 'article':
        return resolution.article;
      case 'redirect':
        reply.redirect(resolution.location, 301);
        return undefined;
      case 'gone':
        throw gone('This article has been removed');
      case 'missing':
        throw notFound('No such article');
    }
  }

  const requestedPath = (url: string) => url.split('?')[0]!;

  app.get<{ Params: { year: string; month: string; day: string; slug: string } }>(
    '/:year(^\\d{4}$)/:month(^\\d{2}$)/:day(^\\d{2}$)/:slug/',
    page,
    async (request, reply) => {
      const { slug } = request.params;
      const path = requestedPath(request.url);
      const { site, tree, settings } = await siteService.context();
      const resolution =
        slug.length <= MAX_SLUG_LENGTH && SLUG.test(slug)
          ? await articles.resolve('post', slug, path, tree)
          : await articles.resolveOldPath(path);
      const article = settle(resolution, reply);
      if (!article) return reply;
      const category = article.primaryCategory
        ? tree.byId.get(article.primaryCategory.id)
        : undefined;
      const [moreFrom, commentsView] = await Promise.all([
        articles.moreFrom(article, opts.moreFromCount, tree),
        discussionForRequest(
          comments,
          request,
          {
            id: article.id,
            title: article.title,
            path: article.path,
            commentStatus: article.commentStatus,
            publishedAt: article.publishedAt,
          },
          settings,
        ),
      ]);
      // A visitor's own held comment or remembered details make the page theirs alone.
      if (commentsView.personal) applyCacheProfile(reply, 'private');
      // Purged when it, its comments, a story it links to or its section's latest change.
      reply.cacheKeys(
        `article:${article.id}`,
        `comments:${article.id}`,
        ...(category ? [`category:${category.id}`] : []),
        ...moreFrom.map((a) => `article:${a.id}`),
      );
      return sendPage(
        reply,
        h(ArticlePage, {
          site,
          article,
          categoryPath: category ? tree.path(category) : null,
          moreFrom,
          discussion: commentsView.discussion,
          commentValues: commentsView.values,
          commentAssets: opts.commentAssets,
          embedScript: opts.embedScript,
        }),
      );
    },
  );

  app.get<{ Params: { slug: string } }>('/:slug/', page, async (request, reply) => {
    const { slug } = request.params;
    const path = requestedPath(request.url);
    const { site, tree } = await siteService.context();
    const resolution =
      slug.length <= MAX_SLUG_LENGTH && SLUG.test(slug)
        ? await articles.resolve('page', slug, path, tree)
        : await articles.resolveOldPath(path);
    const found = settle(resolution, reply);
    if (!found) return reply;
    reply.cacheKeys(`article:${found.id}`);
    return sendPage(reply, h(StaticPage, { site, page: found }));
  });
}
