import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Resolution } from '../articles/article-service.js';
import type { CategoryTree } from '../taxonomy/taxonomy-service.js';
import type { LegacyLookups, MappedItem, WordpressKind } from './migration-repository.js';
import {
  canonicalPath,
  originalOfResized,
  pathVariants,
  safeUploadPath,
} from './wordpress-values.js';

/** What an old WordPress URL answers: a 301 to its new home, 410 for removed stories, or nothing. */
export type LegacyAnswer =
  | { kind: 'redirect'; location: string }
  | { kind: 'gone' }
  | { kind: 'missing' };

export interface LegacyUrlDeps {
  lookups: LegacyLookups;
  articles: { resolveById(id: number): Promise<Resolution> };
  taxonomy: { categoryTree(): Promise<CategoryTree> };
  /** Newsdesk's media folder: an upload URL redirects only to a file that is really there. */
  mediaDir: string;
}

const MISSING: LegacyAnswer = { kind: 'missing' };
const FEED = /^(.*\/)feed\/(?:(rss2|rss|rdf|atom)\/)?$/;
const PAGED = /^(.*\/)page\/\d+\/$/;

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A WordPress slug as stored (lower-case percent-escapes) and as decoded text. */
function keyVariants(segment: string): string[] {
  const decoded = safeDecode(segment);
  return [
    ...new Set([
      segment.replace(/%[0-9A-F]{2}/gi, (e) => e.toLowerCase()),
      encodeURIComponent(decoded).toLowerCase(),
      decoded,
    ]),
  ];
}

/**
 * Answers the URLs a WordPress site used to have, once its content is imported: `?p=`,
 * `?page_id=`, `?cat=`, `?tag=`, `?author=`, `?attachment_id=`, `/archives/123`, the common
 * permalink structures, feed variants, uploads and attachment pages. Only what is public is ever
 * redirected to: an old id never reveals a draft.
 */
export class LegacyUrlService {
  constructor(private readonly deps: LegacyUrlDeps) {}

  /**
   * The query-string forms WordPress answers at its front page: a redirect to what they name, or
   * 410 for a story that was public and is trashed. Undefined otherwise (not such a query, or
   * nothing public by that id): the front page then renders as usual, which reveals nothing about
   * drafts and keeps tracking parameters such as `?p=` from other tools harmless.
   */
  async resolveQuery(query: URLSearchParams): Promise<LegacyAnswer | undefined> {
    const answer = await this.queryAnswer(query);
    return answer?.kind === 'missing' ? undefined : answer;
  }

  private async queryAnswer(query: URLSearchParams): Promise<LegacyAnswer | undefined> {
    const number = (name: string) => {
      const value = query.get(name);
      return value && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
    };
    const text = (name: string) => query.get(name)?.trim() || undefined;
    const feedSuffix = (feed: string) => (feed.includes('atom') ? 'feed/atom/' : 'feed/');

    for (const name of ['p', 'page_id']) {
      if (!query.has(name)) continue;
      const id = number(name);
      if (id === undefined) return MISSING;
      const article = await this.article({ wpNumber: id });
      return article.kind !== 'missing' ? article : this.media({ wpNumber: id }, 'page');
    }
    if (query.has('attachment_id')) {
      const id = number('attachment_id');
      return id === undefined ? MISSING : this.media({ wpNumber: id }, 'page');
    }
    if (query.has('cat') || query.has('category_name')) {
      const id = number('cat');
      const slug = text('category_name');
      const path = await this.categoryPath(
        id !== undefined ? { wpNumber: id } : slug ? { wpKey: slug.split('/').pop()! } : undefined,
      );
      if (!path) return MISSING;
      const feed = text('feed');
      return { kind: 'redirect', location: feed ? `${path}${feedSuffix(feed)}` : path };
    }
    if (query.has('tag')) {
      const slug = text('tag')?.split(/[,+ ]/)[0];
      const path = slug ? await this.tagPath(slug) : undefined;
      return path ? { kind: 'redirect', location: path } : MISSING;
    }
    if (query.has('author') || query.has('author_name')) {
      const id = number('author');
      const login = text('author_name');
      const path = await this.authorPath(
        id !== undefined ? { wpNumber: id } : login ? { wpKey: login } : undefined,
      );
      return path ? { kind: 'redirect', location: path } : MISSING;
    }
    if (query.has('name')) {
      const slug = text('name');
      return slug ? this.article({ wpSlug: safeDecode(slug) }) : MISSING;
    }
    if (query.has('feed')) {
      return { kind: 'redirect', location: `/${feedSuffix(text('feed') ?? '')}` };
    }
    if (query.has('s')) {
      return { kind: 'redirect', location: `/search/?q=${encodeURIComponent(text('s') ?? '')}` };
    }
    if (query.has('m')) {
      const m = /^(\d{4})(\d{2})?(\d{2})?$/.exec(text('m') ?? '');
      if (!m) return MISSING;
      return { kind: 'redirect', location: `/${[m[1], m[2], m[3]].filter(Boolean).join('/')}/` };
    }
    if (query.has('paged')) {
      const n = number('paged');
      return n && n > 1 ? { kind: 'redirect', location: `/page/${n}/` } : MISSING;
    }
    return undefined;
  }

  /** An old path Newsdesk could not serve itself. */
  async resolvePath(path: string): Promise<LegacyAnswer> {
    if (path === '/index.php') return { kind: 'redirect', location: '/' };
    // Newsdesk's own machine paths, and what bots probe on every WordPress site, are never old
    // content: answered without a lookup.
    if (/^\/(api|media|assets)\/|^\/wp-(admin|includes|json)\/|\.php$/.test(path)) return MISSING;
    const variants = pathVariants(path);
    const known = await this.deps.lookups.findLegacyPath(variants.map(canonicalPath));
    if (known) return this.mediaById(known.targetId, known.kind === 'media-page' ? 'page' : 'file');
    const redirected = await this.deps.lookups.findRedirect(variants);
    if (redirected !== undefined) {
      const answer = await this.deps.articles.resolveById(redirected);
      if (answer.kind !== 'missing') return this.fromResolution(answer, path);
    }

    const upload = /^\/wp-content\/uploads\/(.+)$/.exec(path);
    if (upload) {
      const relative = safeUploadPath(upload[1]!);
      if (!relative) return MISSING;
      const original = await this.deps.lookups.findLegacyPath([
        `/wp-content/uploads/${originalOfResized(relative)}`,
      ]);
      return original ? this.file(original.targetId) : MISSING;
    }

    const feed = FEED.exec(path);
    if (feed) return this.feed(feed[1]!, feed[2] === 'atom', path);

    const paged = PAGED.exec(path);
    const base = paged ? paged[1]! : path;
    const archive = /^\/archives\/(\d{1,12})\/$/.exec(base);
    if (archive) return this.article({ wpNumber: Number(archive[1]) });

    const segments = base.split('/').filter(Boolean);
    const last = segments[segments.length - 1];
    if (!last) return MISSING;
    if (segments[0] === 'category' && segments.length > 1) {
      const found = await this.categoryPath({ wpKey: last });
      return this.pageOf(found, paged, path);
    }
    if (segments[0] === 'tag' && segments.length === 2) {
      return this.pageOf(await this.tagPath(last), paged, path);
    }
    if (segments[0] === 'author' && segments.length === 2) {
      return this.pageOf(await this.authorPath({ wpKey: safeDecode(last) }), paged, path);
    }
    // `/%postname%/`, `/%category%/%postname%/`, `/%year%/%monthnum%/%postname%/` and the like:
    // the last segment is the post's WordPress slug (a trailing number is a page of the post).
    const slugSegment =
      /^\d+$/.test(last) && segments.length > 1 ? segments[segments.length - 2]! : last;
    const slug = safeDecode(slugSegment);
    const article = await this.article({ wpSlug: slug });
    if (article.kind !== 'missing') return this.fromResolution(article, path);
    return this.fromResolution(await this.media({ wpSlug: slug }, 'page'), path);
  }

  private pageOf(found: string | undefined, paged: RegExpExecArray | null, requested: string) {
    if (!found) return MISSING;
    const location = paged ? `${found}${requested.slice(paged[1]!.length)}` : found;
    return location === requested ? MISSING : ({ kind: 'redirect', location } as const);
  }

  /** Never redirects a path to itself. */
  private fromResolution(answer: LegacyAnswer | Resolution, requested: string): LegacyAnswer {
    if (answer.kind === 'redirect') {
      return answer.location === requested
        ? MISSING
        : { kind: 'redirect', location: answer.location };
    }
    return answer.kind === 'gone' ? { kind: 'gone' } : MISSING;
  }

  private async feed(base: string, atom: boolean, requested: string): Promise<LegacyAnswer> {
    const suffix = atom ? 'feed/atom/' : 'feed/';
    let target: string | undefined;
    if (base === '/') target = `/${suffix}`;
    else if (base === '/comments/') target = undefined;
    else if (/^\/(category|tag|author)\//.test(base)) {
      const resolved = await this.resolvePath(base);
      target = resolved.kind === 'redirect' ? `${resolved.location}${suffix}` : `${base}${suffix}`;
    } else {
      // A post's comment feed: the post itself is the best answer.
      const resolved = await this.resolvePath(base);
      return resolved.kind === 'missing' ? MISSING : resolved;
    }
    return target && target !== requested ? { kind: 'redirect', location: target } : MISSING;
  }

  private async first(
    kind: WordpressKind,
    by: { wpKey: string } | { wpNumber: number } | { wpSlug: string },
  ): Promise<MappedItem[]> {
    return (await this.deps.lookups.findMapped(kind, by)).filter((m) => m.exists);
  }

  private async article(by: { wpNumber: number } | { wpSlug: string }): Promise<LegacyAnswer> {
    let gone = false;
    for (const m of await this.first('article', by)) {
      const answer = await this.deps.articles.resolveById(m.newsdeskId);
      if (answer.kind === 'redirect') return { kind: 'redirect', location: answer.location };
      if (answer.kind === 'gone') gone = true;
    }
    return gone ? { kind: 'gone' } : MISSING;
  }

  private async media(
    by: { wpNumber: number } | { wpSlug: string },
    as: 'file' | 'page',
  ): Promise<LegacyAnswer> {
    const [m] = await this.first('media', by);
    return m ? this.attachment(m, as) : MISSING;
  }

  private async mediaById(mediaId: number, as: 'file' | 'page'): Promise<LegacyAnswer> {
    const [m] = await this.deps.lookups.findMappedByTarget('media', mediaId);
    return m ? this.attachment(m, as) : this.file(mediaId);
  }

  /** An attachment page goes to the story it belongs to when that is public, else to the file. */
  private async attachment(m: MappedItem, as: 'file' | 'page'): Promise<LegacyAnswer> {
    if (as === 'page' && m.wpParent) {
      const parent = await this.article({ wpNumber: Number(m.wpParent) });
      if (parent.kind === 'redirect') return parent;
    }
    return this.file(m.newsdeskId);
  }

  private async file(mediaId: number): Promise<LegacyAnswer> {
    const path = await this.deps.lookups.mediaPath(mediaId);
    if (!path || !existsSync(join(this.deps.mediaDir, path))) return MISSING;
    return {
      kind: 'redirect',
      location: `/media/${path.split('/').map(encodeURIComponent).join('/')}`,
    };
  }

  private async categoryPath(
    by: { wpKey: string } | { wpNumber: number } | undefined,
  ): Promise<string | undefined> {
    if (!by) return undefined;
    const tree = await this.deps.taxonomy.categoryTree();
    const candidates =
      'wpKey' in by
        ? (
            await Promise.all(
              keyVariants(by.wpKey).map((k) => this.first('category', { wpKey: k })),
            )
          ).flat()
        : await this.first('category', by);
    const category = candidates.map((m) => tree.byId.get(m.newsdeskId)).find(Boolean);
    if (category) return tree.path(category);
    // A Newsdesk slug given where a WordPress one was expected still finds its section.
    const direct = 'wpKey' in by ? tree.bySlug.get(safeDecode(by.wpKey)) : undefined;
    return direct ? tree.path(direct) : undefined;
  }

  private async tagPath(wpSlug: string): Promise<string | undefined> {
    for (const key of keyVariants(wpSlug)) {
      for (const m of await this.first('tag', { wpKey: key })) {
        const slug = await this.deps.lookups.tagSlug(m.newsdeskId);
        if (slug) return `/tag/${slug}/`;
      }
    }
    return undefined;
  }

  private async authorPath(
    by: { wpKey: string } | { wpNumber: number } | undefined,
  ): Promise<string | undefined> {
    if (!by) return undefined;
    for (const m of await this.first('author', by)) {
      const slug = await this.deps.lookups.userSlug(m.newsdeskId);
      if (slug) return `/author/${slug}/`;
    }
    return undefined;
  }
}
