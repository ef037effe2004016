import { Feed, type Item } from 'feed';
import { Fragment, h } from 'preact';
import { renderToString } from 'preact-render-to-string';

export type FeedFormat = 'rss' | 'atom' | 'json';

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/** Registered media types, with the charset every feed is written in. */
export const feedContentTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedPerson {
  name: string;
  url?: string;
}

/** One item of any feed, format-independent. Text fields are plain text, never HTML. */
export interface FeedEntry {
  /** Permanent identifier: never derived from the slug, so a URL change does not duplicate the item. */
  id: string;
  title: string;
  url: string;
  published: Date;
  modified: Date;
  summary: string;
  /** Full HTML content (absolute URLs); absent when the feed carries excerpts only. */
  contentHtml?: string;
  /** Language of the item when it differs from the feed's. */
  language?: string;
  authors: FeedPerson[];
  categories: { name: string; term: string; scheme: string; url: string }[];
  enclosure?: { url: string; type: string; length: number };
}

/** A whole feed, format-independent. */
export interface FeedDocument {
  /** Permanent feed identifier (Atom `id`). */
  id: string;
  title: string;
  description: string;
  /** The HTML page the feed mirrors. */
  homeUrl: string;
  /** Where each format of this feed lives (self and alternate links). */
  urls: Record<FeedFormat, string>;
  language: string;
  iconUrl: string;
  /** Newest change among the entries: deterministic, so the same content gives the same bytes. */
  updated: Date;
  copyright: string;
  author: FeedPerson;
  entries: FeedEntry[];
}

const DC = 'http://purl.org/dc/elements/1.1/';
const GENERATOR = 'Newsdesk';

/** Escapes text for an HTML context (RSS descriptions and Atom `type="html"` constructs). */
export function escapeHtml(text: string): string {
  return renderToString(h(Fragment, null, text));
}

function baseFeed(doc: FeedDocument): Feed {
  return new Feed({
    id: doc.id,
    title: doc.title,
    description: doc.description,
    link: doc.homeUrl,
    language: doc.language,
    favicon: doc.iconUrl,
    updated: doc.updated,
    generator: GENERATOR,
    copyright: doc.copyright,
    author: { name: doc.author.name, link: doc.author.url },
    feedLinks: { rss: doc.urls.rss, atom: doc.urls.atom, json: doc.urls.json },
  });
}

function rss(doc: FeedDocument): string {
  const feed = baseFeed(doc);
  for (const e of doc.entries) {
    const item: Item = {
      title: e.title,
      id: e.id,
      guid: e.id,
      link: e.url,
      date: e.modified,
      published: e.published,
      description: escapeHtml(e.summary),
      content: e.contentHtml,
      category: e.categories.map((c) => ({ name: c.name, domain: c.url })),
      enclosure: e.enclosure,
    };
    // RSS `<author>` must be an email address, which is never published: Dublin Core's creator
    // carries the name instead (declared on the element, since `feed` only declares `dc` when
    // there is full content).
    if (e.authors.length) {
      item.extensions = [
        {
          name: 'dc:creator',
          // An array is written as one element per author (xml-js compact form); `feed` types
          // `objects` as a record only.
          objects: e.authors.map((a) => ({
            _attributes: { 'xmlns:dc': DC },
            _text: a.name,
          })) as unknown as Record<string, unknown>,
        },
      ];
    }
    feed.addItem(item);
  }
  return feed.rss2();
}

function atom(doc: FeedDocument): string {
  const feed = baseFeed(doc);
  const enclosureTypes = new Map<string, string>();
  for (const e of doc.entries) {
    if (e.enclosure) enclosureTypes.set(e.enclosure.url, e.enclosure.type);
    feed.addItem({
      // `feed` marks Atom titles and summaries `type="html"`, so plain text is escaped first.
      title: escapeHtml(e.title),
      id: e.id,
      link: e.url,
      date: e.modified,
      published: e.published,
      description: escapeHtml(e.summary),
      content: e.contentHtml,
      author: e.authors.map((a) => ({ name: a.name, link: a.url })),
      category: e.categories.map((c) => ({ name: c.name, term: c.term, scheme: c.scheme })),
      enclosure: e.enclosure,
    });
  }
  // `feed` guesses an Atom enclosure's type from the file extension (`image/jpg` for .jpg, which is
  // not a registered type); put back the type we know. Only enclosure links we wrote can match:
  // sanitized content has no <link> elements and escaped text has no raw `<`.
  return feed
    .atom1()
    .replace(
      /(<link rel="enclosure" href="([^"]*)"(?: title="[^"]*")?) type="[^"]*"/g,
      (whole, head: string, href: string) => {
        const type = enclosureTypes.get(href.replace(/&amp;/g, '&'));
        return type ? `${head} type="${type}"` : whole;
      },
    );
}

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). `feed` 5 writes version 1.0 (a single
 * `author`, no `language`, no attachments), and 1.1 is plain data, so it is built here.
 */
function json(doc: FeedDocument): string {
  const person = (p: FeedPerson) => (p.url ? { name: p.name, url: p.url } : { name: p.name });
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.homeUrl,
    feed_url: doc.urls.json,
    description: doc.description,
    icon: doc.iconUrl,
    favicon: doc.iconUrl,
    language: doc.language,
    authors: [person(doc.author)],
    items: doc.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      ...(e.contentHtml
        ? { content_html: e.contentHtml, summary: e.summary }
        : { content_text: e.summary }),
      ...(e.enclosure
        ? {
            image: e.enclosure.url,
            attachments: [
              {
                url: e.enclosure.url,
                mime_type: e.enclosure.type,
                size_in_bytes: e.enclosure.length,
              },
            ],
          }
        : {}),
      date_published: e.published.toISOString(),
      date_modified: e.modified.toISOString(),
      ...(e.authors.length ? { authors: e.authors.map(person) } : {}),
      ...(e.categories.length ? { tags: e.categories.map((c) => c.name) } : {}),
      ...(e.language ? { language: e.language } : {}),
    })),
  });
}

/** Serializes `doc` as RSS 2.0, Atom 1.0 or JSON Feed 1.1. */
export function writeFeed(doc: FeedDocument, format: FeedFormat): string {
  switch (format) {
    case 'rss':
      return rss(doc);
    case 'atom':
      return atom(doc);
    case 'json':
      return json(doc);
  }
}
