import type { PublishedArticle, TagRef } from '../articles/article.js';
import type { JsonLd, SiteContext } from '../views/site-context.js';
import { PUBLISHER_LOGO, publisherLogoUrl } from './publisher-logo.js';

const CONTEXT = 'https://schema.org';

/** What the builders need of the site (a page's `SiteContext` fits). */
export type LdSite = Pick<SiteContext, 'name' | 'description' | 'url' | 'locale'>;

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` (and the two JavaScript
 * line terminators) become `\u` escapes, so no content — not even `</script>` in a headline — can
 * end the block or open markup, while `JSON.parse` still reads the same values.
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The publisher: the site as a news organization with its raster logo. */
export function organizationLd(site: LdSite): JsonLd {
  return {
    '@type': 'Organization',
    '@id': `${site.url}/#organization`,
    name: site.name,
    url: `${site.url}/`,
    logo: {
      '@type': 'ImageObject',
      url: publisherLogoUrl(site.url),
      width: PUBLISHER_LOGO.width,
      height: PUBLISHER_LOGO.height,
    },
  };
}

/** The home page's WebSite with a SearchAction, so search engines can offer a site search box. */
export function webSiteLd(site: LdSite): JsonLd {
  return {
    '@context': CONTEXT,
    '@type': 'WebSite',
    '@id': `${site.url}/#website`,
    url: `${site.url}/`,
    name: site.name,
    description: site.description,
    inLanguage: site.locale.code,
    publisher: organizationLd(site),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${site.url}/search/?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** Absolute URL of an author's archive, which is their profile page. */
export function authorUrl(site: Pick<LdSite, 'url'>, slug: string): string {
  return `${site.url}/author/${slug}/`;
}

/**
 * Google's Article structured data as a NewsArticle: headline, images, dates, authors as people
 * with their profile URL, the publisher with its logo, section, language and free access.
 */
export function newsArticleLd(
  site: LdSite,
  article: PublishedArticle & { tags?: TagRef[] },
  images: string[],
): JsonLd {
  const url = `${site.url}${article.path}`;
  const modified = Date.parse(article.updatedAt) > Date.parse(article.publishedAt);
  return {
    '@context': CONTEXT,
    '@type': 'NewsArticle',
    '@id': `${url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.title,
    description: article.seoDescription || article.dek || article.excerpt || undefined,
    image: images.length ? images : undefined,
    datePublished: article.publishedAt,
    dateModified: modified ? article.updatedAt : article.publishedAt,
    // A story without a byline is the publisher's own.
    author: article.authors.length
      ? article.authors.map((a) => ({
          '@type': 'Person',
          name: a.name,
          url: authorUrl(site, a.slug),
        }))
      : [organizationLd(site)],
    publisher: organizationLd(site),
    articleSection: article.primaryCategory?.name,
    keywords: article.tags?.length ? article.tags.map((t) => t.name) : undefined,
    inLanguage: article.lang ?? site.locale.code,
    isAccessibleForFree: true,
  };
}

export interface Crumb {
  name: string;
  /** Site-relative path. */
  path: string;
}

/** A BreadcrumbList starting at the home page. */
export function breadcrumbLd(site: LdSite, crumbs: Crumb[]): JsonLd {
  const trail = [{ name: site.locale.t('home'), path: '/' }, ...crumbs];
  return {
    '@context': CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.name,
      item: `${site.url}${c.path}`,
    })),
  };
}

/** An author's archive as a ProfilePage about the Person (never their email). */
export function profilePageLd(
  site: LdSite,
  person: { name: string; slug: string; bio: string },
): JsonLd {
  const url = authorUrl(site, person.slug);
  return {
    '@context': CONTEXT,
    '@type': 'ProfilePage',
    url,
    mainEntity: {
      '@type': 'Person',
      '@id': `${url}#person`,
      name: person.name,
      url,
      description: person.bio || undefined,
      worksFor: { '@id': `${site.url}/#organization` },
    },
  };
}

/**
 * hreflang alternates for a page in `self.lang` with `translations`: empty when there are none
 * (there is no translation model yet; this is the path one will feed), else every version.
 */
export function hreflangAlternates(
  site: Pick<LdSite, 'url'>,
  self: { lang: string; path: string },
  translations: { lang: string; path: string }[],
): { hreflang: string; href: string }[] {
  if (!translations.length) return [];
  return [self, ...translations].map((v) => ({ hreflang: v.lang, href: `${site.url}${v.path}` }));
}
