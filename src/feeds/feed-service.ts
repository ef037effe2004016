import sanitizeHtml from 'sanitize-html';
import type { PublishedArticle } from '../articles/article.js';
import { type ArticleService, excerptOf, type Listing } from '../articles/article-service.js';
import { renderCommentBody } from '../comments/comment-text.js';
import type { Locale } from '../i18n/i18n.js';
import { publisherLogoUrl } from '../seo/publisher-logo.js';
import type { Settings } from '../settings/settings.js';
import type { CategoryTree } from '../taxonomy/taxonomy-service.js';
import { htmlToText } from '../text/sanitized-html.js';
import { mediaUrl } from '../views/components.js';
import { commentsFeedPath, feedPaths, SITE_COMMENTS_FEED_PATH } from './feed-links.js';
import type { FeedComment, FeedRepository } from './feed-repository.js';
import {
  type FeedDocument,
  type FeedEntry,
  type FeedFormat,
  feedContentTypes,
  writeFeed,
} from './feed-writer.js';

/** What a feed says about the site it belongs to (a page's `SiteContext` fits). */
export interface FeedSite {
  name: string;
  description: string;
  /** Absolute origin, no trailing slash. */
  url: string;
  locale: Locale;
}

/** What a feed of stories mirrors: the whole site or one archive. */
export interface ArticleFeedSource {
  title: string;
  description: string;
  /** Site-relative path of the HTML listing, e.g. `/category/sport/`. */
  htmlPath: string;
  /** Site-relative path of the feed's RSS format; the others sit below it (see `feedPaths`). */
  feedPath: string;
  listing: Listing;
}

/** A serialized feed and what conditional GET needs to know about it. */
export interface RenderedFeed {
  body: string;
  contentType: string;
  /** Newest change among the items; undefined for an empty feed. */
  lastModified: Date | undefined;
}

export interface FeedServiceDeps {
  articles: Pick<ArticleService, 'list' | 'pathOf'> &
    Partial<Pick<ArticleService, 'correctionsOf'>>;
  settings: { get<K extends 'feedFullContent' | 'feedItems'>(key: K): Promise<Settings[K]> };
  repository: FeedRepository;
  /** Size in bytes of a file below the media directory; undefined when it is missing. */
  mediaFileSize(path: string): Promise<number | undefined>;
  clock: () => Date;
}

/** Feed readers and aggregators rarely want more; a bad setting must not dump the archive. */
const MAX_ITEMS = 100;

/**
 * The permanent id of an article in every feed: WordPress's `?p=<id>` form, from the numeric id,
 * so changing the slug or date of a story never shows it to subscribers twice.
 */
export function articleGuid(siteUrl: string, articleId: number): string {
  return `${siteUrl}/?p=${articleId}`;
}

export function commentGuid(siteUrl: string, articleId: number, commentId: number): string {
  return `${siteUrl}/?p=${articleId}#comment-${commentId}`;
}

/** Rewrites root-relative links and image sources to absolute URLs: feeds are read off-site. */
function absoluteUrls(html: string, siteUrl: string): string {
  const absolute = (value: string) => {
    try {
      return new URL(value, `${siteUrl}/`).href;
    } catch {
      return value;
    }
  };
  return sanitizeHtml(html, {
    // The body was sanitized on save; this pass only rewrites URLs, so it keeps what it is given
    // (and still drops anything executable, should an unsanitized body ever reach it).
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    exclusiveFilter: (frame) => frame.tag === 'script' || frame.tag === 'style',
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: attribs.href ? { ...attribs, href: absolute(attribs.href) } : attribs,
      }),
      img: (tagName, attribs) => ({
        tagName,
        attribs: {
          ...attribs,
          ...(attribs.src ? { src: absolute(attribs.src) } : {}),
          ...(attribs.srcset
            ? {
                srcset: attribs.srcset
                  .split(',')
                  .map((part) => {
                    const [url = '', ...rest] = part.trim().split(/\s+/);
                    return [absolute(url), ...rest].join(' ');
                  })
                  .join(', '),
              }
            : {}),
        },
      }),
    },
  });
}

const latest = (dates: Date[]): Date | undefined =>
  dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : undefined;

/** Builds the site's syndication feeds of stories and of reader comments. No HTTP, no SQL. */
export class FeedService {
  constructor(private readonly deps: FeedServiceDeps) {}

  private async itemCount(): Promise<number> {
    const n = await this.deps.settings.get('feedItems');
    return Math.min(Math.max(1, Math.floor(n)), MAX_ITEMS);
  }

  private document(
    site: FeedSite,
    meta: { title: string; description: string; htmlPath: string; feedPath: string },
    entries: FeedEntry[],
    emptyUpdated: Date,
  ): FeedDocument {
    const paths = feedPaths(meta.feedPath);
    const updated = latest(entries.map((e) => e.modified)) ?? emptyUpdated;
    return {
      id: `${site.url}${paths.atom}`,
      title: meta.title,
      description: meta.description,
      homeUrl: `${site.url}${meta.htmlPath}`,
      urls: {
        rss: `${site.url}${paths.rss}`,
        atom: `${site.url}${paths.atom}`,
        json: `${site.url}${paths.json}`,
      },
      language: site.locale.code,
      iconUrl: publisherLogoUrl(site.url),
      updated,
      copyright: `© ${this.deps.clock().getUTCFullYear()} ${site.name}. ${site.locale.t('allRightsReserved')}`,
      author: { name: site.name, url: `${site.url}/` },
      entries,
    };
  }

  private render(doc: FeedDocument, format: FeedFormat): RenderedFeed {
    return {
      body: writeFeed(doc, format),
      contentType: feedContentTypes[format],
      lastModified: latest(doc.entries.map((e) => e.modified)),
    };
  }

  private async articleEntry(
    site: FeedSite,
    tree: CategoryTree,
    a: PublishedArticle,
    fullContent: boolean,
  ): Promise<FeedEntry> {
    const category = a.primaryCategory ? tree.byId.get(a.primaryCategory.id) : undefined;
    const length = a.image ? await this.deps.mediaFileSize(a.image.path) : undefined;
    // Corrections travel with the story: appended to the content (or the summary without it).
    const corrections = (await this.deps.articles.correctionsOf?.(a.id)) ?? [];
    const noted = corrections.map(
      (c) =>
        `${site.locale.t(`correctionKind_${c.kind}`)} (${c.createdAt.slice(0, 10)}): ${c.text}`,
    );
    const escapeText = (text: string) =>
      text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const correctionsHtml = noted.length
      ? `<section class="corrections"><h2>${escapeText(site.locale.t('corrections'))}</h2><ul>${noted
          .map((n) => `<li>${escapeText(n)}</li>`)
          .join('')}</ul></section>`
      : '';
    return {
      id: articleGuid(site.url, a.id),
      title: a.title,
      url: `${site.url}${a.path}`,
      published: new Date(a.publishedAt),
      // A story scheduled after its last edit was still changed when it went out.
      modified: new Date(Math.max(Date.parse(a.updatedAt), Date.parse(a.publishedAt))),
      summary: [a.excerpt || a.dek, ...(fullContent ? [] : noted)].join(' '),
      contentHtml: fullContent ? absoluteUrls(a.bodyHtml, site.url) + correctionsHtml : undefined,
      language: a.lang && a.lang !== site.locale.code ? a.lang : undefined,
      authors: a.authors.map((p) => ({ name: p.name, url: `${site.url}/author/${p.slug}/` })),
      categories: category
        ? [
            {
              name: category.name,
              term: category.slug,
              scheme: `${site.url}/category/`,
              url: `${site.url}${tree.path(category)}`,
            },
          ]
        : [],
      enclosure:
        a.image && length !== undefined
          ? { url: `${site.url}${mediaUrl(a.image)}`, type: a.image.mime, length }
          : undefined,
    };
  }

  /** The newest published stories of `source` in `format`, full text or excerpts by setting. */
  async articleFeed(
    site: FeedSite,
    tree: CategoryTree,
    source: ArticleFeedSource,
    format: FeedFormat,
  ): Promise<RenderedFeed> {
    const [fullContent, count] = await Promise.all([
      this.deps.settings.get('feedFullContent'),
      this.itemCount(),
    ]);
    const stories = await this.deps.articles.list(source.listing, count, 0, tree);
    const entries = await Promise.all(
      stories.map((a) => this.articleEntry(site, tree, a, fullContent)),
    );
    return this.render(this.document(site, source, entries, new Date(0)), format);
  }

  private commentEntry(site: FeedSite, c: FeedComment): FeedEntry {
    const articleUrl = `${site.url}${this.deps.articles.pathOf(c.article)}`;
    // Rendered exactly as on the article page: the comment allowlist, never raw reader HTML.
    const html = c.bodyHtml ?? renderCommentBody(c.body);
    return {
      id: commentGuid(site.url, c.article.id, c.id),
      title: site.locale.t('commentFeedItemTitle', { title: c.article.title, name: c.authorName }),
      url: `${articleUrl}#comment-${c.id}`,
      published: new Date(c.createdAt),
      modified: new Date(c.editedAt && c.editedAt > c.createdAt ? c.editedAt : c.createdAt),
      summary: excerptOf(htmlToText(html), 55),
      contentHtml: html,
      // The name only: a commenter's email and website are never syndicated.
      authors: [{ name: c.authorName }],
      categories: [],
    };
  }

  /**
   * Approved comments, newest first: on the whole site, or on `article` (which the caller has
   * resolved as published). Only RSS and Atom are offered for comments, as WordPress does.
   */
  async commentFeed(
    site: FeedSite,
    scope: { article?: PublishedArticle },
    format: Exclude<FeedFormat, 'json'>,
  ): Promise<RenderedFeed> {
    const { article } = scope;
    const comments = await this.deps.repository.latestApprovedComments({
      articleId: article?.id,
      publishedBefore: this.deps.clock().toISOString(),
      limit: await this.itemCount(),
    });
    const { t } = site.locale;
    const meta = article
      ? {
          title: t('articleCommentsFeedTitle', { title: article.title }),
          description: article.excerpt || article.dek || site.description,
          htmlPath: article.path,
          feedPath: commentsFeedPath(article.path),
        }
      : {
          title: t('commentsFeedTitle', { site: site.name }),
          description: site.description,
          htmlPath: '/',
          feedPath: SITE_COMMENTS_FEED_PATH,
        };
    const entries = comments.map((c) => this.commentEntry(site, c));
    const emptyUpdated = article ? new Date(article.publishedAt) : new Date(0);
    return this.render(this.document(site, meta, entries, emptyUpdated), format);
  }
}
