import sanitizeHtml from 'sanitize-html';
import { htmlToText, type SanitizedHtml, sanitizeArticleHtml } from '../text/sanitized-html.js';
import { autop } from './autop.js';

/** An image a `[gallery]` shows, as the importer found it. */
export interface GalleryImage {
  url: string;
  alt: string;
  caption: string;
  width: number;
  height: number;
}

export interface ConversionContext {
  /**
   * Images of a `[gallery]`: the attachments listed in `ids`, or when there are none, those
   * attached to the post (`parent`), in gallery order.
   */
  gallery(request: { ids: number[]; parent: number }): Promise<GalleryImage[]>;
  /** Where an old `/wp-content/uploads/...` URL now lives, or undefined to keep the original. */
  uploadUrl(url: string): string | undefined;
}

export interface ConvertedContent {
  html: SanitizedHtml;
  /** Shortcodes left in the text as they were, by name (reported in the import summary). */
  unknownShortcodes: string[];
  /** Dynamic or reusable blocks that have no content of their own in the export, by name. */
  droppedBlocks: string[];
}

// `<!-- wp:name {"attrs"} -->`, `<!-- /wp:name -->` and self-closing `<!-- wp:name /-->`.
const BLOCK_DELIMITER =
  /<!--\s+(\/)?wp:((?:[a-z][a-z0-9_-]*\/)?[a-z][a-z0-9_-]*)(\s+\{[\s\S]*?\})?\s+(\/)?-->/g;
// Shortcodes WordPress itself defines and Newsdesk turns into HTML.
const CAPTION = /\[(caption|wp_caption)(\s[^\]]*)?\]([\s\S]*?)\[\/\1\]/g;
const GALLERY = /\[gallery(\s[^\]]*)?\/?\]/g;
const EMBED = /\[embed(\s[^\]]*)?\]([\s\S]*?)\[\/embed\]/g;
const MEDIA_SOURCE = /\[(video|audio)(\s[^\]]*)?\/?\](?:[\s\S]*?\[\/\1\])?/g;
// Anything else that looks like a shortcode: `[name attr="x"]`, `[name /]` or `[name]...[/name]`.
const SHORTCODE_OPEN = /\[([a-zA-Z][\w-]*)((?:\s[^\]]*)?)\]/g;

/** Attributes of a shortcode: `a="x" b='y' c=z` and bare values. */
export function shortcodeAttributes(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (text ?? '').matchAll(
    /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"\]]+)/g,
  )) {
    const name = (m[1] ?? m[3] ?? m[5])!.toLowerCase();
    out[name] = m[2] ?? m[4] ?? m[6] ?? '';
  }
  return out;
}

const escapeAttribute = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function figureOfImages(images: GalleryImage[]): string {
  const items = images.map((img) => {
    const size = img.width && img.height ? ` width="${img.width}" height="${img.height}"` : '';
    const caption = img.caption ? `<figcaption>${escapeText(img.caption)}</figcaption>` : '';
    return `<figure><img src="${escapeAttribute(img.url)}" alt="${escapeAttribute(img.alt)}"${size} />${caption}</figure>`;
  });
  return `<figure>${items.join('')}</figure>`;
}

function linkParagraph(url: string): string {
  const u = url.trim();
  return /^https?:\/\//i.test(u)
    ? `<p><a href="${escapeAttribute(u)}">${escapeText(u)}</a></p>`
    : '';
}

/**
 * Turns a WordPress post body into Newsdesk's sanitized HTML: Gutenberg block comments are removed
 * (block markup is already HTML), classic-editor text gets `wpautop` paragraphs, `[caption]` and
 * `[gallery]` become figures, `[embed]`, `[video]` and `[audio]` become links, uploads are pointed
 * at their new home, and everything goes through the article sanitizer. Other shortcodes stay in
 * the text where readers and editors can see them, and are reported.
 */
export async function convertPostContent(
  content: string,
  context: ConversionContext,
  postId: number,
): Promise<ConvertedContent> {
  const droppedBlocks: string[] = [];
  const isBlockEditor = /<!--\s+wp:/.test(content);
  let html = content.replace(/\r\n?/g, '\n');
  if (isBlockEditor) {
    html = html.replace(BLOCK_DELIMITER, (_m, _close, name: string, _attrs, selfClosing) => {
      if (selfClosing) droppedBlocks.push(name.startsWith('core/') ? name.slice(5) : name);
      return '';
    });
    // An embed block holds only its URL as text: make it a link.
    html = html.replace(
      /<div class="wp-block-embed__wrapper">\s*(https?:\/\/[^\s<]+)\s*<\/div>/g,
      (_m, url: string) => linkParagraph(url),
    );
  }

  // Shortcodes become finished HTML kept out of `autop`'s way in numbered slots, as WordPress
  // runs shortcodes after paragraphs and unwraps them.
  const slots: string[] = [];
  const slot = (converted: string) => {
    slots.push(converted);
    return `<div data-shortcode-slot="${slots.length - 1}"></div>`;
  };
  html = html.replace(CAPTION, (_m, _name, attrText: string | undefined, inner: string) => {
    const attrs = shortcodeAttributes(attrText);
    let media = inner;
    let caption = attrs.caption ?? '';
    if (!attrs.caption) {
      const split = /^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
      if (split) {
        media = split[1]!;
        caption = split[2]!.trim();
      }
    }
    return slot(
      `<figure>${media.trim()}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`,
    );
  });
  const galleries = [...html.matchAll(GALLERY)];
  const galleryHtml = new Map<string, string>();
  for (const g of galleries) {
    if (galleryHtml.has(g[0])) continue;
    const attrs = shortcodeAttributes(g[1]);
    const ids = (attrs.ids ?? attrs.include ?? '')
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n > 0);
    const images = await context.gallery({ ids, parent: Number(attrs.id) || postId });
    galleryHtml.set(g[0], images.length ? figureOfImages(images) : '');
  }
  html = html.replace(GALLERY, (m) => slot(galleryHtml.get(m) ?? ''));
  html = html.replace(EMBED, (_m, _attrs, url: string) => slot(linkParagraph(url)));
  html = html.replace(MEDIA_SOURCE, (m, _name, attrText: string | undefined) => {
    const attrs = shortcodeAttributes(attrText);
    const source = attrs.src ?? attrs.mp4 ?? attrs.mp3 ?? attrs.m4a ?? attrs.ogg ?? attrs.webm;
    return source ? slot(linkParagraph(source)) : m;
  });

  const unknownShortcodes = findShortcodes(html);
  if (!isBlockEditor) html = autop(html);
  html = html.replace(
    /<div data-shortcode-slot="(\d+)"><\/div>/g,
    (_m, i: string) => slots[Number(i)]!,
  );
  html = rewriteUploads(html, context);
  // Removing what the sanitizer emptied (a paragraph that only held a script) keeps it sanitized.
  const clean = sanitizeArticleHtml(html)
    .replace(/<p>\s*<\/p>/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim() as SanitizedHtml;
  return { html: clean, unknownShortcodes, droppedBlocks };
}

/** Names of the shortcodes still in `html`: those with attributes, a closing tag or `/]`. */
function findShortcodes(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(SHORTCODE_OPEN)) {
    const name = m[1]!;
    const rest = m[2] ?? '';
    const looksLikeShortcode =
      rest.includes('=') || rest.trimEnd().endsWith('/') || html.includes(`[/${name}]`);
    if (looksLikeShortcode) found.push(name.toLowerCase());
  }
  return found;
}

/** Points `src` and `href` attributes at uploads the importer copied. */
function rewriteUploads(html: string, context: ConversionContext): string {
  return html.replace(
    /(\s(?:src|href)=)(["'])([^"']*\/wp-content\/uploads\/[^"']*)\2/gi,
    (m, attr: string, quote: string, url: string) => {
      const local = context.uploadUrl(url);
      return local ? `${attr}${quote}${escapeAttribute(local)}${quote}` : m;
    },
  );
}

const commentAllowlist: sanitizeHtml.IOptions = {
  allowedTags: ['a', 'em', 'i', 'strong', 'b', 'code', 'blockquote', 'p', 'br'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
};

const decodeBasicEntities = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');

/**
 * A WordPress comment (HTML with a small tag set) as Newsdesk comment text: plain paragraphs
 * with the Markdown the comment renderer understands for emphasis, code, quotes and links.
 */
export function commentHtmlToText(html: string): string {
  const text = html.replace(/\r\n?/g, '\n');
  // Most comments are plain text: nothing to parse.
  if (!/[<&]/.test(text)) return text.replace(/\n{3,}/g, '\n\n').trim();
  const clean = sanitizeHtml(text, commentAllowlist);
  const converted = clean
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_m, href: string, label: string) => {
      const url = decodeBasicEntities(href);
      const shown = label.replace(/<[^>]+>/g, '');
      return decodeBasicEntities(shown) === url ? url : `[${shown}](${url})`;
    })
    .replace(/<a>([\s\S]*?)<\/a>/g, '$1')
    .replace(/<\/?(?:strong|b)>/g, '**')
    .replace(/<\/?(?:em|i)>/g, '*')
    .replace(/<\/?code>/g, '`')
    .replace(
      /<blockquote>([\s\S]*?)<\/blockquote>/g,
      (_m, quoted: string) =>
        `\n\n${quoted
          .replace(/<\/?p>/g, '\n')
          .trim()
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}\n\n`,
    )
    .replace(/<br \/>\n?/g, '\n')
    .replace(/<\/p>\s*<p>/g, '\n\n')
    .replace(/<\/?p>/g, '\n');
  return decodeBasicEntities(converted)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Titles, names and excerpts are HTML in WordPress and plain text in Newsdesk. */
export function wordpressTextToPlain(html: string): string {
  return htmlToText(html);
}

/** Escapes plain text for a WordPress field that is read as HTML. */
export function plainToWordpressText(text: string): string {
  return escapeText(text);
}

const ARABIC_SCRIPT = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g;
const HEBREW_SCRIPT = /[\u0590-\u05FF\uFB1D-\uFB4F]/g;
const LETTERS = /\p{L}/gu;

/**
 * The language and direction of a story written mostly in a right-to-left script, which
 * WordPress does not record per post: Arabic (Persian or Urdu when their own letters appear) or
 * Hebrew. Undefined for anything else: a Latin-script language cannot be told apart reliably.
 */
export function detectRightToLeft(text: string): { lang: string; dir: 'rtl' } | undefined {
  const letters = text.match(LETTERS)?.length ?? 0;
  if (letters === 0) return undefined;
  const arabic = text.match(ARABIC_SCRIPT)?.length ?? 0;
  const hebrew = text.match(HEBREW_SCRIPT)?.length ?? 0;
  if (arabic * 2 > letters) {
    if (/[ٹڈڑںے]/.test(text)) return { lang: 'ur', dir: 'rtl' };
    if (/[پچژگکی]/.test(text)) return { lang: 'fa', dir: 'rtl' };
    return { lang: 'ar', dir: 'rtl' };
  }
  if (hebrew * 2 > letters) return { lang: 'he', dir: 'rtl' };
  return undefined;
}
