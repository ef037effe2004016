import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { EMBED_KINDS, embedInfo } from './embeds.js';

/**
 * HTML that has been through the sanitizer. It is the only kind of string templates render
 * unescaped (see `views/raw-html.tsx`); the brand keeps arbitrary strings out of that path.
 */
export type SanitizedHtml = string & { readonly __sanitized: unique symbol };

const articleOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'em',
    'strong',
    'b',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'code',
    'pre',
    'figure',
    'figcaption',
    'img',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
    'cite',
    'q',
    'abbr',
    'mark',
    'small',
    'span',
    'dl',
    'dt',
    'dd',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'hreflang'],
    img: ['src', 'alt', 'width', 'height', 'srcset', 'sizes', 'loading', 'decoding'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
    // A click-to-load embed (see embeds.ts); checked against its link below.
    figure: [{ name: 'data-embed', values: [...EMBED_KINDS] }],
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // A heading level 1 is the page's headline; body headings start at 2.
  transformTags: { h1: 'h2' },
};

/**
 * An embed figure and the link that opens it, in sanitize-html's output (attributes double-quoted,
 * `"`, `<` and `>` inside values escaped, so the pattern cannot be fooled by a value).
 */
const EMBED_FIGURE = /<figure([^>]*?) data-embed(?:="([a-z]*)")?([^>]*)>(\s*<a href="([^"]*)")?/g;

/** Cleans HTML from the editor, an import or Markdown into the article allowlist. */
export function sanitizeArticleHtml(html: string): SanitizedHtml {
  const clean = sanitizeHtml(html, articleOptions);
  // A figure keeps `data-embed` only when its first child links to that provider's canonical
  // address: the reader's island loads exactly what the link says, never a spoofed provider.
  return clean.replace(EMBED_FIGURE, (all, before, kind, after, link = '', href) => {
    const url = href?.replace(/&amp;/g, '&');
    const info = url ? embedInfo(url) : null;
    return info && info.kind === kind && info.url === url
      ? all
      : `<figure${before}${after}>${link}`;
  }) as SanitizedHtml;
}

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true });

/** Renders Markdown (raw HTML in it is escaped) and sanitizes the result. */
export function markdownToSafeHtml(source: string): SanitizedHtml {
  return sanitizeArticleHtml(markdown.render(source));
}

/** Plain text of sanitized HTML: for excerpts, descriptions and word counts. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** A tag of sanitized HTML: the sanitizer escapes `<` and `>` inside attribute values. */
const TAG = /<[^>]*>/g;

/**
 * Minutes to read sanitized HTML at 220 words a minute, never less than one. Runs on every
 * uncached article page, so it counts words between tags with one pattern instead of a parse
 * (a tag counts as a word break: "<p>one</p><p>two</p>" is two words).
 */
export function readingMinutes(html: SanitizedHtml | string): number {
  const words = html.replace(TAG, ' ').match(/\S+/g)?.length ?? 0;
  return Math.max(1, Math.round(words / 220));
}
