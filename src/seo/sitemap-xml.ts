import { Readable } from 'node:stream';
import type { NewsUrl, SitemapRef, SitemapUrl } from './sitemap-service.js';

// The `sitemap` package (and xml-js under it) is loaded when a sitemap is first rendered; sitemaps
// are cached pages, so most serving processes never need it. Every stream is built with
// `ErrorLevel.THROW`: a malformed URL or date is a bug to surface in tests, never a silently
// broken sitemap.
const sitemapLibrary = () => import('sitemap');

/** A `<urlset>` with the image extension. `urls` must not be empty (the protocol needs one). */
export async function urlsetXml(urls: SitemapUrl[]): Promise<string> {
  const { SitemapStream, streamToPromise, ErrorLevel } = await sitemapLibrary();
  const stream = new SitemapStream({
    level: ErrorLevel.THROW,
    xmlns: { news: false, image: true, video: false, xhtml: false },
  });
  const items = urls.map((u) => ({
    url: u.loc,
    lastmod: u.lastmod,
    img: u.images?.map((url) => ({ url })),
  }));
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/** The `<sitemapindex>`. */
export async function sitemapIndexXml(refs: SitemapRef[]): Promise<string> {
  const { SitemapIndexStream, streamToPromise, ErrorLevel } = await sitemapLibrary();
  const stream = new SitemapIndexStream({ level: ErrorLevel.THROW });
  const items = refs.map((r) => ({ url: r.loc, lastmod: r.lastmod }));
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/**
 * `sitemap` refuses to write a file without URLs, but Google News expects the news sitemap to stay
 * in place, empty, on a quiet weekend.
 */
const EMPTY_NEWS_URLSET =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>';

/** The Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap). */
export async function newsSitemapXml(urls: NewsUrl[], publicationName: string): Promise<string> {
  if (!urls.length) return EMPTY_NEWS_URLSET;
  const { SitemapStream, streamToPromise, ErrorLevel } = await sitemapLibrary();
  const stream = new SitemapStream({
    level: ErrorLevel.THROW,
    xmlns: { news: true, image: false, video: false, xhtml: false },
  });
  const items = urls.map((u) => ({
    url: u.loc,
    news: {
      publication: { name: publicationName, language: u.language },
      publication_date: u.publicationDate,
      title: u.title,
    },
  }));
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}
