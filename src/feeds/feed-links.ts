import type { FeedLink, SiteContext } from '../views/site-context.js';
import { type FeedFormat, feedContentTypes } from './feed-writer.js';

/** The site-wide feed of stories. WordPress serves the same paths, so subscribers carry over. */
export const SITE_FEED_PATH = '/feed/';
/** The site-wide feed of reader comments. */
export const SITE_COMMENTS_FEED_PATH = '/comments/feed/';

/** Where each format of the feed rooted at `basePath` lives: RSS at the root, then `atom/`, `json/`. */
export function feedPaths(basePath: string): Record<FeedFormat, string> {
  return { rss: basePath, atom: `${basePath}atom/`, json: `${basePath}json/` };
}

/** The feed of an archive page (`/category/…/`, `/tag/…/`, `/author/…/`); undefined for others. */
export function archiveFeedPath(archivePath: string): string | undefined {
  return /^\/(category|tag|author)\/.+\/$/.test(archivePath) ? `${archivePath}feed/` : undefined;
}

/** The comments feed of the article at `articlePath`. */
export function commentsFeedPath(articlePath: string): string {
  return `${articlePath}feed/`;
}

const typeOf = (format: FeedFormat) => feedContentTypes[format].split(';')[0]!;
const suffix: Record<FeedFormat, string> = { rss: '', atom: ' (Atom)', json: ' (JSON Feed)' };

function links(
  site: SiteContext,
  title: string,
  basePath: string,
  formats: FeedFormat[],
): FeedLink[] {
  const paths = feedPaths(basePath);
  return formats.map((f) => ({
    type: typeOf(f),
    title: `${title}${suffix[f]}`,
    href: `${site.url}${paths[f]}`,
  }));
}

/** Autodiscovery links every page carries: the site's story feed in each format. */
export function siteFeedLinks(site: SiteContext): FeedLink[] {
  return links(site, site.locale.t('feedLinkSite', { site: site.name }), SITE_FEED_PATH, [
    'rss',
    'atom',
    'json',
  ]);
}

/** Autodiscovery links of an archive page with a feed of its own. */
export function archiveFeedLinks(site: SiteContext, name: string, archivePath: string): FeedLink[] {
  const base = archiveFeedPath(archivePath);
  if (!base) return [];
  return links(site, site.locale.t('feedLinkArchive', { site: site.name, name }), base, [
    'rss',
    'atom',
    'json',
  ]);
}

/** Autodiscovery links of an article: its comments feed. */
export function commentFeedLinks(site: SiteContext, title: string, articlePath: string) {
  return links(
    site,
    site.locale.t('feedLinkComments', { site: site.name, title }),
    commentsFeedPath(articlePath),
    ['rss', 'atom'],
  );
}
