import { createReadStream } from 'node:fs';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * Why a WordPress export could not be read. Tests and the CLI rely on these codes, not on messages.
 */
export type WxrErrorCode =
  /** Not well-formed XML (bad tag, bad attribute, undefined entity, stray character). */
  | 'WXR_MALFORMED'
  /** The file ends before the document does: a cut-off download or a full disk. */
  | 'WXR_TRUNCATED'
  /** A DOCTYPE: WordPress never writes one; it is how entity-expansion and XXE attacks start. */
  | 'WXR_DOCTYPE'
  /** The bytes are not in the declared (or an unsupported) character encoding. */
  | 'WXR_ENCODING'
  /** A single field or item larger than the configured maximum. */
  | 'WXR_TOO_LARGE'
  /** Well-formed XML, but not a WordPress eXtended RSS export. */
  | 'WXR_NOT_WXR';

/** A file that cannot be imported, with the line (1-based) where reading stopped. */
export class WxrError extends Error {
  constructor(
    readonly code: WxrErrorCode,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`line ${line}, column ${column}: ${detail}`);
    this.name = 'WxrError';
  }
}

/** The exported site, as described in the channel header. */
export interface WxrSite {
  title: string;
  link: string;
  description: string;
  language: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  generator: string;
}

export interface WxrAuthor {
  line: number;
  id: number | null;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  /** Newsdesk extensions (`newsdesk:bio`, `newsdesk:role`); WordPress exports neither. */
  bio: string;
  role: string;
}

/** A category, tag or other term from the channel header. */
export interface WxrTerm {
  line: number;
  taxonomy: string;
  termId: number | null;
  slug: string;
  /** The parent's slug (WordPress refers to parents by slug, not id). */
  parent: string;
  name: string;
  description: string;
  meta: Record<string, string>;
}

export interface WxrComment {
  id: number;
  author: string;
  authorEmail: string;
  authorUrl: string;
  date: string;
  dateGmt: string;
  content: string;
  /** `1`, `0`, `spam`, `trash` or `post-trashed`. */
  approved: string;
  /** Empty or `comment` for reader comments; `pingback`, `trackback` and others for the rest. */
  type: string;
  parent: number;
  meta: Record<string, string>;
}

/** A post, page, attachment, menu item or any other post type. */
export interface WxrItem {
  line: number;
  title: string;
  link: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  postId: number;
  postDate: string;
  postDateGmt: string;
  postModified: string;
  postModifiedGmt: string;
  commentStatus: string;
  postName: string;
  status: string;
  postParent: number;
  menuOrder: number;
  postType: string;
  postPassword: string;
  isSticky: boolean;
  attachmentUrl: string;
  /** Categories, tags, post formats and any other taxonomy the item is in. */
  terms: { domain: string; slug: string; name: string }[];
  meta: Record<string, string>;
  comments: WxrComment[];
}

export type WxrRecord =
  | { type: 'site'; site: WxrSite }
  | { type: 'author'; author: WxrAuthor }
  | { type: 'term'; term: WxrTerm }
  | { type: 'item'; item: WxrItem };

export interface WxrReadOptions {
  /**
   * Largest single field (a post body, a meta value, an attribute) in characters. Default 64 MiB:
   * far above any real post, small enough that a hostile multi-gigabyte field is refused long
   * before it exhausts memory.
   */
  maxFieldSize?: number;
  /**
   * Largest single item with all its meta and comments, in characters. Default 256 MiB, for the
   * same reason: one item is held in memory at a time.
   */
  maxItemSize?: number;
  /** Told how many bytes of the file have been read, after every chunk. */
  onBytes?: (bytesRead: number) => void;
}

export const DEFAULT_MAX_FIELD_SIZE = 64 * 1024 * 1024;
export const DEFAULT_MAX_ITEM_SIZE = 256 * 1024 * 1024;
const CHUNK_SIZE = 64 * 1024;
const MAX_DEPTH = 32;

/** Prefixes WordPress writes, by namespace URI, so that `wp:post_id` means the same in WXR 1.0–1.2. */
const NAMESPACES: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://wellformedweb.org/CommentAPI/': 'wfw',
  'urn:newsdesk:wxr:1': 'newsdesk',
};
for (const v of ['1.0', '1.1', '1.2']) {
  NAMESPACES[`http://wordpress.org/export/${v}/`] = 'wp';
  NAMESPACES[`http://wordpress.org/export/${v}/excerpt/`] = 'excerpt';
}
const WP_NAMESPACE = /^http:\/\/wordpress\.org\/export\/1\.[0-2]\/$/;

/** A small element tree for one record (an item with its meta and comments); never the document. */
interface Node {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: Node[];
}

const RECORDS = new Set(['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term']);

// XML 1.0 forbids these even as references; WordPress writes them unescaped when an editor pasted
// them (Word, PDF). They carry no meaning, so they are dropped rather than failing the import.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Counters the reader keeps while it reads, for the import summary. */
export interface WxrReadStats {
  /** Control characters removed because XML forbids them. */
  controlCharactersRemoved: number;
}

/**
 * Streams a WordPress export (WXR 1.0–1.2) from `file`, yielding the site header, authors, terms
 * and items one at a time: memory holds one item, never the document. Throws `WxrError` naming the
 * line for anything that is not a well-formed WXR file, including any DOCTYPE (so no entity is
 * ever declared, expanded or fetched) and any field over the size limit.
 */
export async function* readWxr(
  file: string,
  options: WxrReadOptions = {},
  stats: WxrReadStats = { controlCharactersRemoved: 0 },
): AsyncGenerator<WxrRecord> {
  const maxField = options.maxFieldSize ?? DEFAULT_MAX_FIELD_SIZE;
  const maxItem = options.maxItemSize ?? DEFAULT_MAX_ITEM_SIZE;
  const parser = new SaxesParser({ xmlns: true, position: true });
  // saxes keeps the text, CDATA or attribute value it is reading in `text` until the construct
  // ends; reading it after each chunk is the only way to refuse a huge field before it is whole.
  const pending = parser as unknown as { text: string; name: string };
  if (typeof pending.text !== 'string') {
    throw new Error('saxes internals changed: the field size limit cannot be enforced');
  }

  const out: WxrRecord[] = [];
  /** Open elements with the line each starts on, so that errors can name where a field began. */
  const stack: { name: string; line: number }[] = [];
  const site: WxrSite = {
    title: '',
    link: '',
    description: '',
    language: '',
    wxrVersion: '',
    baseSiteUrl: '',
    baseBlogUrl: '',
    generator: '',
  };
  let siteSent = false;
  let record: { node: Node; line: number; size: number } | undefined;
  const open: Node[] = [];
  let channelField: { name: string; text: string } | undefined;

  const fail = (code: WxrErrorCode, detail: string): never => {
    throw new WxrError(code, parser.line, parser.column + 1, detail);
  };
  /** Names the innermost open element and the line it starts on: that is the oversized field. */
  const tooLarge = (limit: number, what = 'field'): never => {
    const top = stack[stack.length - 1];
    if (!top) return fail('WXR_TOO_LARGE', `a ${what} is larger than ${limit} characters`);
    throw new WxrError(
      'WXR_TOO_LARGE',
      top.line,
      1,
      `the <${top.name}> ${what} starting here is larger than ${limit} characters (the limit is configurable)`,
    );
  };
  const sendSite = () => {
    if (siteSent) return;
    siteSent = true;
    out.push({ type: 'site', site });
  };
  const nameOf = (tag: SaxesTagNS) => {
    const prefix = NAMESPACES[tag.uri];
    if (prefix) return `${prefix}:${tag.local}`;
    return tag.uri ? `{${tag.uri}}${tag.local}` : tag.local;
  };
  const addText = (text: string) => {
    const node = open[open.length - 1];
    if (node) {
      if (node.text.length + text.length > maxField) tooLarge(maxField);
      node.text += text;
      record!.size += text.length;
      if (record!.size > maxItem) {
        throw new WxrError(
          'WXR_TOO_LARGE',
          record!.line,
          1,
          `the item starting here is larger than ${maxItem} characters with all its fields`,
        );
      }
    } else if (channelField) {
      if (channelField.text.length + text.length > maxField) tooLarge(maxField);
      channelField.text += text;
    }
  };

  parser.on('doctype', (doctype) => {
    // saxes reports the DOCTYPE once it has read all of it; name the line where it starts.
    const line = parser.line - (doctype.match(/\n/g)?.length ?? 0);
    throw new WxrError(
      'WXR_DOCTYPE',
      line,
      1,
      'the file declares a DOCTYPE; WordPress exports never do, and entity declarations (entity expansion, external entities) are refused',
    );
  });
  parser.on('opentag', (tag) => {
    const name = nameOf(tag);
    if (stack.length === 0) {
      const declaresWp = Object.values(tag.ns ?? {}).some((uri) => WP_NAMESPACE.test(uri));
      if (name !== 'rss' || !declaresWp) {
        fail('WXR_NOT_WXR', 'this is not a WordPress export (no <rss> with the WXR namespace)');
      }
    }
    stack.push({ name, line: parser.line });
    if (stack.length > MAX_DEPTH) fail('WXR_MALFORMED', 'elements are nested too deeply');
    const inChannel = stack.length === 3 && stack[1]!.name === 'channel';
    if (!record && inChannel && RECORDS.has(name)) {
      sendSite();
      record = { node: newNode(name, tag), line: parser.line, size: 0 };
      open.push(record.node);
      return;
    }
    if (record) {
      const node = newNode(name, tag);
      open[open.length - 1]!.children.push(node);
      open.push(node);
      return;
    }
    if (inChannel) channelField = { name, text: '' };
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    stack.pop();
    if (record) {
      open.pop();
      if (open.length === 0) {
        out.push(toRecord(record.node, record.line));
        record = undefined;
      }
      return;
    }
    if (channelField) {
      assignSiteField(site, channelField.name, channelField.text.trim());
      channelField = undefined;
    }
    if (stack.length === 1) sendSite();
  });

  const decoder = await openDecoder(file);
  let bytesRead = 0;
  let completed = false;
  const stream = createReadStream(file, { highWaterMark: CHUNK_SIZE });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decoder.decode(chunk, { stream: true });
      } catch {
        throw encodingError(decoder.label, chunk, parser.line);
      }
      text = removeControls(text, stats);
      write(parser, text);
      if (pending.text.length > maxField || pending.name.length > maxField) tooLarge(maxField);
      bytesRead += chunk.length;
      options.onBytes?.(bytesRead);
      yield* out.splice(0);
    }
    try {
      write(parser, removeControls(decoder.decoder.decode(), stats));
    } catch (error) {
      if (error instanceof TypeError)
        throw encodingError(decoder.label, Buffer.alloc(0), parser.line);
      throw error;
    }
    close(parser);
    completed = true;
    yield* out.splice(0);
  } finally {
    if (!completed) stream.destroy();
  }
}

function newNode(name: string, tag: SaxesTagNS): Node {
  const attributes: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attributes[a.local] = a.value;
  }
  return { name, attributes, text: '', children: [] };
}

/** Feeds saxes, turning its errors (thrown with "file:line:col: message") into WxrErrors. */
function write(parser: SaxesParser<{ xmlns: true; position: true }>, text: string) {
  try {
    parser.write(text);
  } catch (error) {
    throw asWxrError(parser, error, 'WXR_MALFORMED');
  }
}

function close(parser: SaxesParser<{ xmlns: true; position: true }>) {
  try {
    parser.close();
  } catch (error) {
    throw asWxrError(parser, error, 'WXR_TRUNCATED');
  }
}

function asWxrError(parser: SaxesParser, error: unknown, code: WxrErrorCode): Error {
  if (error instanceof WxrError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const match = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
  const detail = match?.[3] ?? message;
  // saxes reports what is still open at the end of input as an ordinary error from close().
  const finalCode = /unclosed|document must contain a root element/i.test(detail)
    ? 'WXR_TRUNCATED'
    : code;
  const line = match ? Number(match[1]) : parser.line;
  const column = match ? Number(match[2]) : parser.column + 1;
  const explained =
    finalCode === 'WXR_TRUNCATED'
      ? `the file ends before the export does (${detail}); was it cut off?`
      : detail;
  return new WxrError(finalCode, line, column, explained);
}

function removeControls(text: string, stats: WxrReadStats): string {
  return text.replace(FORBIDDEN_CONTROLS, () => {
    stats.controlCharactersRemoved++;
    return '';
  });
}

/** Picks the decoder from the byte-order mark or the XML declaration; UTF-8 when neither says. */
async function openDecoder(file: string): Promise<{ decoder: TextDecoder; label: string }> {
  const head = await readHead(file, 1024);
  let label = 'utf-8';
  if (head[0] === 0xfe && head[1] === 0xff) label = 'utf-16be';
  else if (head[0] === 0xff && head[1] === 0xfe) label = 'utf-16le';
  else {
    const declared = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
      head.toString('latin1'),
    )?.[1];
    if (declared) label = declared.toLowerCase();
  }
  try {
    return { decoder: new TextDecoder(label, { fatal: true }), label };
  } catch {
    throw new WxrError('WXR_ENCODING', 1, 1, `the character encoding "${label}" is not supported`);
  }
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of createReadStream(file, {
    start: 0,
    end: bytes - 1,
  }) as AsyncIterable<Buffer>) {
    parts.push(chunk);
    length += chunk.length;
  }
  return Buffer.concat(parts, length);
}

/** Names the line of the first byte that is not valid in `label` (UTF-8 is the only one that can fail this way in practice). */
function encodingError(label: string, chunk: Buffer, linesBefore: number): WxrError {
  const bad = label === 'utf-8' || label === 'utf8' ? firstInvalidUtf8(chunk) : 0;
  let line = linesBefore;
  for (let i = 0; i < bad; i++) if (chunk[i] === 0x0a) line++;
  return new WxrError(
    'WXR_ENCODING',
    line,
    1,
    `the file is not valid ${label.toUpperCase()} although it says it is (byte 0x${(chunk[bad] ?? 0)
      .toString(16)
      .padStart(
        2,
        '0',
      )}); was it saved as Latin-1 or Windows-1252? Convert it to UTF-8 or fix the encoding in the XML declaration`,
  );
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (a sequence cut at the end is fine). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) return bytes.length;
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

function assignSiteField(site: WxrSite, name: string, value: string) {
  switch (name) {
    case 'title':
      site.title = value;
      break;
    case 'link':
      site.link = value;
      break;
    case 'description':
      site.description = value;
      break;
    case 'language':
      site.language = value;
      break;
    case 'generator':
      site.generator = value;
      break;
    case 'wp:wxr_version':
      site.wxrVersion = value;
      break;
    case 'wp:base_site_url':
      site.baseSiteUrl = value;
      break;
    case 'wp:base_blog_url':
      site.baseBlogUrl = value;
      break;
  }
}

// ---- element trees to typed records ------------------------------------------------------------

function field(node: Node, name: string): string {
  return node.children.find((c) => c.name === name)?.text.trim() ?? '';
}

/** Body fields keep their whitespace: it is significant for `wpautop` paragraphs. */
function rawField(node: Node, name: string): string {
  return node.children.find((c) => c.name === name)?.text ?? '';
}

function int(value: string): number | null {
  return /^\d+$/.test(value) ? Number(value) : null;
}

function metaOf(node: Node, element: string): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const m of node.children) {
    if (m.name !== element) continue;
    const key = field(m, 'wp:meta_key');
    if (key) meta[key] = rawField(m, 'wp:meta_value');
  }
  return meta;
}

function toRecord(node: Node, line: number): WxrRecord {
  switch (node.name) {
    case 'wp:author':
      return {
        type: 'author',
        author: {
          line,
          id: int(field(node, 'wp:author_id')),
          login: field(node, 'wp:author_login'),
          email: field(node, 'wp:author_email'),
          displayName: field(node, 'wp:author_display_name'),
          firstName: field(node, 'wp:author_first_name'),
          lastName: field(node, 'wp:author_last_name'),
          bio: field(node, 'newsdesk:bio'),
          role: field(node, 'newsdesk:role'),
        },
      };
    case 'wp:category':
      return {
        type: 'term',
        term: {
          line,
          taxonomy: 'category',
          termId: int(field(node, 'wp:term_id')),
          slug: field(node, 'wp:category_nicename'),
          parent: field(node, 'wp:category_parent'),
          name: field(node, 'wp:cat_name'),
          description: field(node, 'wp:category_description'),
          meta: metaOf(node, 'wp:termmeta'),
        },
      };
    case 'wp:tag':
      return {
        type: 'term',
        term: {
          line,
          taxonomy: 'post_tag',
          termId: int(field(node, 'wp:term_id')),
          slug: field(node, 'wp:tag_slug'),
          parent: '',
          name: field(node, 'wp:tag_name'),
          description: field(node, 'wp:tag_description'),
          meta: metaOf(node, 'wp:termmeta'),
        },
      };
    case 'wp:term':
      return {
        type: 'term',
        term: {
          line,
          taxonomy: field(node, 'wp:term_taxonomy'),
          termId: int(field(node, 'wp:term_id')),
          slug: field(node, 'wp:term_slug'),
          parent: field(node, 'wp:term_parent'),
          name: field(node, 'wp:term_name'),
          description: field(node, 'wp:term_description'),
          meta: metaOf(node, 'wp:termmeta'),
        },
      };
    default:
      return { type: 'item', item: toItem(node, line) };
  }
}

function toItem(node: Node, line: number): WxrItem {
  return {
    line,
    title: field(node, 'title'),
    link: field(node, 'link'),
    creator: field(node, 'dc:creator'),
    guid: field(node, 'guid'),
    content: rawField(node, 'content:encoded'),
    excerpt: rawField(node, 'excerpt:encoded'),
    postId: int(field(node, 'wp:post_id')) ?? 0,
    postDate: field(node, 'wp:post_date'),
    postDateGmt: field(node, 'wp:post_date_gmt'),
    postModified: field(node, 'wp:post_modified'),
    postModifiedGmt: field(node, 'wp:post_modified_gmt'),
    commentStatus: field(node, 'wp:comment_status'),
    postName: field(node, 'wp:post_name'),
    status: field(node, 'wp:status'),
    postParent: int(field(node, 'wp:post_parent')) ?? 0,
    menuOrder: Number(field(node, 'wp:menu_order')) || 0,
    postType: field(node, 'wp:post_type') || 'post',
    postPassword: field(node, 'wp:post_password'),
    isSticky: field(node, 'wp:is_sticky') === '1',
    attachmentUrl: field(node, 'wp:attachment_url'),
    terms: node.children
      .filter((c) => c.name === 'category')
      .map((c) => ({
        domain: c.attributes.domain ?? 'category',
        slug: c.attributes.nicename ?? '',
        name: c.text.trim(),
      })),
    meta: metaOf(node, 'wp:postmeta'),
    comments: node.children
      .filter((c) => c.name === 'wp:comment')
      .map((c) => ({
        id: int(field(c, 'wp:comment_id')) ?? 0,
        author: field(c, 'wp:comment_author'),
        authorEmail: field(c, 'wp:comment_author_email'),
        authorUrl: field(c, 'wp:comment_author_url'),
        date: field(c, 'wp:comment_date'),
        dateGmt: field(c, 'wp:comment_date_gmt'),
        content: rawField(c, 'wp:comment_content'),
        approved: field(c, 'wp:comment_approved'),
        type: field(c, 'wp:comment_type'),
        parent: int(field(c, 'wp:comment_parent')) ?? 0,
        meta: metaOf(c, 'wp:commentmeta'),
      })),
  };
}
