import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import type { SanitizedHtml } from '../text/sanitized-html.js';

/**
 * Reader text is plain: paragraphs and line breaks, URLs turned into links, and a small Markdown
 * allowlist (emphasis, strong, `code`, > blockquote, [links](https://…)). Raw HTML is never
 * interpreted: markdown-it escapes it and sanitize-html re-checks the result.
 */
const markdown = new MarkdownIt('zero', { linkify: true, breaks: true }).enable([
  'newline',
  'escape',
  'entity',
  'backticks',
  'emphasis',
  'link',
  'autolink',
  'linkify',
  'blockquote',
]);
// An address is not a link in a comment, and only web links are links at all: anything else stays text.
markdown.linkify.set({ fuzzyEmail: false });
markdown.validateLink = (url) => /^https?:\/\//i.test(url.trim());

const REL = 'nofollow ugc noopener';

const commentOptions: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'code', 'blockquote', 'a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: REL } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
};

/** Renders a comment's text to the comment allowlist; the result is safe to output unescaped. */
export function renderCommentBody(text: string): SanitizedHtml {
  return sanitizeHtml(markdown.render(text), commentOptions) as SanitizedHtml;
}

/** Links in rendered comment HTML (autolinked URLs and Markdown links alike). */
export function countLinks(html: string): number {
  return html.match(/<a\s/g)?.length ?? 0;
}

// Bidi embeddings, overrides and isolates let a name or text re-order what follows it on the
// page (spoofing); the BOM and other format controls serve no purpose in a comment.
const CONTROLS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF\uFFF9-\uFFFB\uFDD0-\uFDEF\uFFFE\uFFFF]/g;

/** Comment text as stored: NFC, Unix newlines, no control or bidi-override characters, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROLS, '').trim();
}

/** What the reader typed, made safe to give back in a form: control characters removed, nothing trimmed. */
export function printable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}

/** A single-line field (name, email, URL): cleaned, whitespace collapsed. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ');
}

/** Text as compared for duplicates: folded to lower case, whitespace collapsed. */
export function normaliseForDuplicates(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}
