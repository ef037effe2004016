import type { ArticleWithDetails } from '../articles/article.js';
import { archiveFeedLinks, commentFeedLinks } from '../feeds/feed-links.js';
import { mediaUrl } from '../views/components.js';
import type { JsonLd, PageMeta, SiteContext } from '../views/site-context.js';
import {
  breadcrumbLd,
  type Crumb,
  hreflangAlternates,
  newsArticleLd,
  organizationLd,
  webSiteLd,
} from './json-ld.js';

type SeoMeta = Pick<PageMeta, 'feeds' | 'jsonLd' | 'article' | 'alternates'>;

/** A language version of a page, for hreflang. */
export interface Translation {
  lang: string;
  /** Site-relative path. */
  path: string;
}

/**
 * Head data of an article page: its comments feed, NewsArticle and BreadcrumbList, Open Graph
 * article times and hreflang alternates when `translations` exist.
 */
export function articleSeo(
  site: SiteContext,
  article: ArticleWithDetails,
  categoryPath: string | null,
  translations: Translation[] = [],
): SeoMeta {
  const category = article.primaryCategory;
  const images = article.image ? [`${site.url}${mediaUrl(article.image)}`] : [];
  const crumbs: Crumb[] = [
    ...(category && categoryPath ? [{ name: category.name, path: categoryPath }] : []),
    { name: article.title, path: article.path },
  ];
  const modified =
    Date.parse(article.updatedAt) > Date.parse(article.publishedAt)
      ? article.updatedAt
      : article.publishedAt;
  return {
    feeds: commentFeedLinks(site, article.title, article.path),
    jsonLd: [newsArticleLd(site, article, images), breadcrumbLd(site, crumbs)],
    article: {
      publishedTime: article.publishedAt,
      modifiedTime: modified,
      section: category?.name,
      tags: article.tags.map((t) => t.name),
    },
    alternates: hreflangAlternates(
      site,
      { lang: article.lang ?? site.locale.code, path: article.path },
      translations,
    ),
  };
}

/** Head data of an archive page: its own feed (when it has one) and a BreadcrumbList. */
export function archiveSeo(
  site: SiteContext,
  archive: { title: string; basePath: string; breadcrumbs?: Crumb[]; jsonLd?: JsonLd[] },
): SeoMeta {
  const crumbs = archive.breadcrumbs ?? [{ name: archive.title, path: archive.basePath }];
  return {
    feeds: archiveFeedLinks(site, archive.title, archive.basePath),
    jsonLd: [
      // The paged front (`/page/2/`) is the home page's own listing: no trail beyond Home.
      ...(archive.basePath === '/' ? [] : [breadcrumbLd(site, crumbs)]),
      ...(archive.jsonLd ?? []),
    ],
  };
}

/** Head data of the home page: the WebSite with its search action, and the publisher. */
export function homeSeo(site: SiteContext): SeoMeta {
  return {
    jsonLd: [webSiteLd(site), { '@context': 'https://schema.org', ...organizationLd(site) }],
  };
}
