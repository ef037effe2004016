import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

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
    '*': ['lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // A heading level 1 is the page's headline; body headings start at 2.
  transformTags: { h1: 'h2' },
};

/** Cleans HTML from the editor, an import or Markdown into the article allowlist. */
export function sanitizeArticleHtml(html: string): SanitizedHtml {
  return sanitizeHtml(html, articleOptions) as SanitizedHtml;
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

/** Minutes to read at 220 words a minute, never less than one. */
export function readingMinutes(html: string): number {
  const words = htmlToText(html).split(' ').filter(Boolean).length;
  return Math.max(1, Math.round(words / 220));
}
