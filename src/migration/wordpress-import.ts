import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, realpath, rename, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { excerptOf, RTL_LANGUAGES, type SearchIndexer } from '../articles/article-service.js';
import { articlePath } from '../articles/permalink.js';
import { cleanText, renderCommentBody } from '../comments/comment-text.js';
import type { ArticleStatus, CommentStatus } from '../storage/schema.js';
import { htmlToText, sanitizeArticleHtml } from '../text/sanitized-html.js';
import { uniqueSlug } from '../text/slug.js';
import {
  type ConversionContext,
  commentHtmlToText,
  convertPostContent,
  detectRightToLeft,
  wordpressTextToPlain,
} from './content-conversion.js';
import type {
  ImportedArticle,
  MappedItem,
  MigrationRepository,
  MigrationUnitOfWork,
  NewMapping,
  WordpressKind,
} from './migration-repository.js';
import {
  attachmentMetadata,
  canonicalPath,
  mimeOfPath,
  originalOfResized,
  pathOfUrl,
  pathVariants,
  safeUploadPath,
  slugFromWordpress,
  uploadPathOfUrl,
  webUrl,
  wpDate,
  wpGmtToIso,
} from './wordpress-values.js';
import {
  readWxr,
  type WxrAuthor,
  WxrError,
  type WxrErrorCode,
  type WxrItem,
  type WxrRecord,
  type WxrSite,
  type WxrTerm,
} from './wxr-reader.js';

/** Bumped when the import writes something differently, so the next run updates every item. */
const IMPORT_FORMAT = 1;

export type ImportKind =
  | 'authors'
  | 'categories'
  | 'tags'
  | 'attachments'
  | 'posts'
  | 'pages'
  | 'comments'
  | 'other';

export const IMPORT_KINDS: readonly ImportKind[] = [
  'authors',
  'categories',
  'tags',
  'attachments',
  'posts',
  'pages',
  'comments',
  'other',
];

export interface KindSummary {
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Why items were skipped, with how many. */
  reasons: Record<string, number>;
  /** Things worth knowing that are not skips (an author matched by email, a file copied). */
  notes: Record<string, number>;
}

export interface ImportSummary {
  file: string;
  site: WxrSite | undefined;
  dryRun: boolean;
  kinds: Record<ImportKind, KindSummary>;
  /** Shortcodes left visible in post text, by name. */
  unknownShortcodes: Record<string, number>;
  /** Dynamic and reusable blocks whose content is not in the export, by name. */
  droppedBlocks: Record<string, number>;
  controlCharactersRemoved: number;
  /** Records read (authors, terms, items; comments are counted under `kinds.comments`). */
  records: number;
  durationMs: number;
}

/** True when the run wrote (or, in a dry run, would write) anything. */
export function changedAnything(summary: ImportSummary): boolean {
  return IMPORT_KINDS.some((k) => summary.kinds[k].imported + summary.kinds[k].updated > 0);
}

export interface ImportProgress {
  /** 1 reads authors, terms and attachments; 2 reads posts, pages and comments. */
  pass: 1 | 2;
  bytes: number;
  totalBytes: number;
  /** Records (and comments) processed so far, over both passes. */
  items: number;
}

export interface WordPressImportOptions {
  file: string;
  /** A copy of the site's `wp-content/uploads` folder; files are copied from here, never downloaded. */
  uploadsDir?: string;
  /** Reads and checks everything inside one transaction that is rolled back; copies no file. */
  dryRun?: boolean;
  /** Time zone of the WordPress site, for dates it wrote only in local time. Default: the site's. */
  wordpressTimeZone?: string;
  /** See `WxrReadOptions.maxFieldSize`. */
  maxFieldSize?: number;
  maxItemSize?: number;
  /**
   * Records per transaction, comments counted too. Default 500: large enough that commits do not
   * dominate, small enough that a failure loses little and readers are not blocked for long.
   */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface WordPressImporterDeps {
  repository: MigrationRepository;
  /** Newsdesk's media folder; imported uploads go under `wordpress/` in it. */
  mediaDir: string;
  /** The site's time zone: permalinks are dated in it. */
  siteTimeZone: string;
  clock: () => Date;
  /** Seeds a commenter's identicon (a keyed hash, see `CommentKeys.avatarKey`). */
  avatarKey?: (email: string) => string | null;
  /** Told about every article a committed batch wrote, so search stays current. */
  searchIndexer?: SearchIndexer;
}

/** An import that stopped; `line` is where in the file (0 when the cause is not in the file). */
export class ImportError extends Error {
  constructor(
    readonly code: WxrErrorCode | 'IMPORT_FAILED' | 'FILE_NOT_FOUND',
    readonly line: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

/** Counts of one batch, added to the summary only once the batch is committed. */
class Tally {
  readonly kinds = new Map<ImportKind, KindSummary>();
  readonly shortcodes = new Map<string, number>();
  readonly blocks = new Map<string, number>();
  readonly changedArticles = new Set<number>();
  records = 0;

  private kind(kind: ImportKind): KindSummary {
    let k = this.kinds.get(kind);
    if (!k) {
      k = emptyKind();
      this.kinds.set(kind, k);
    }
    return k;
  }

  count(kind: ImportKind, outcome: 'imported' | 'updated' | 'unchanged') {
    this.kind(kind)[outcome]++;
  }

  skip(kind: ImportKind, reason: string) {
    const k = this.kind(kind);
    k.skipped++;
    k.reasons[reason] = (k.reasons[reason] ?? 0) + 1;
  }

  note(kind: ImportKind, note: string) {
    const k = this.kind(kind);
    k.notes[note] = (k.notes[note] ?? 0) + 1;
  }

  addTo(summary: ImportSummary) {
    for (const [kind, k] of this.kinds) {
      const s = summary.kinds[kind];
      s.imported += k.imported;
      s.updated += k.updated;
      s.unchanged += k.unchanged;
      s.skipped += k.skipped;
      addCounts(s.reasons, k.reasons);
      addCounts(s.notes, k.notes);
    }
    addCounts(summary.unknownShortcodes, Object.fromEntries(this.shortcodes));
    addCounts(summary.droppedBlocks, Object.fromEntries(this.blocks));
    summary.records += this.records;
  }
}

function addCounts(into: Record<string, number>, from: Record<string, number>) {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}

function emptyKind(): KindSummary {
  return { imported: 0, updated: 0, unchanged: 0, skipped: 0, reasons: {}, notes: {} };
}

function fingerprintOf(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([IMPORT_FORMAT, value]))
    .digest('base64url')
    .slice(0, 32);
}

/**
 * The mappings a batch reads and writes. Reads are fetched for the whole batch at once and writes
 * are sent in one statement at its end (inside its transaction): a mapping per comment would
 * otherwise double the statements of an import.
 */
class BatchMappings {
  private readonly known = new Map<string, MappedItem | null>();
  private readonly pending = new Map<string, NewMapping>();

  constructor(private readonly uow: MigrationUnitOfWork) {}

  private static key(kind: WordpressKind, wpKey: string) {
    return `${kind}\u0000${wpKey}`;
  }

  async prefetch(kind: WordpressKind, wpKeys: string[]) {
    const missing = wpKeys.filter((k) => !this.known.has(BatchMappings.key(kind, k)));
    if (missing.length === 0) return;
    const found = await this.uow.mapped(kind, missing);
    for (const k of missing) this.known.set(BatchMappings.key(kind, k), found.get(k) ?? null);
  }

  async get(kind: WordpressKind, wpKey: string): Promise<MappedItem | undefined> {
    await this.prefetch(kind, [wpKey]);
    return this.known.get(BatchMappings.key(kind, wpKey)) ?? undefined;
  }

  /** Records a mapping; one identical to what is stored already is not written again. */
  save(m: NewMapping) {
    const key = BatchMappings.key(m.kind, m.wpKey);
    const before = this.known.get(key);
    this.known.set(key, { ...m, exists: true });
    if (
      before?.exists &&
      before.newsdeskId === m.newsdeskId &&
      before.fingerprint === m.fingerprint &&
      before.wpNumber === m.wpNumber &&
      before.wpSlug === m.wpSlug &&
      before.wpParent === m.wpParent
    ) {
      return;
    }
    this.pending.set(key, m);
  }

  async write(importedAt: string) {
    await this.uow.saveMappings([...this.pending.values()], importedAt);
    this.pending.clear();
  }
}

interface Batch {
  uow: MigrationUnitOfWork;
  mappings: BatchMappings;
  tally: Tally;
  now: string;
}

const STATUS: Record<string, ArticleStatus> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'pending',
  // Never public in WordPress, so never public here: kept as unpublished.
  private: 'unpublished',
  trash: 'trash',
};

const COMMENT_STATUS: Record<string, CommentStatus> = {
  '1': 'approved',
  approve: 'approved',
  '0': 'pending',
  hold: 'pending',
  spam: 'spam',
  trash: 'trash',
  'post-trashed': 'trash',
};

const ROLES = new Set(['administrator', 'editor', 'author', 'contributor']);
/** Imported people get the least privilege until an administrator invites them and decides. */
const IMPORTED_ROLE = 'contributor';

/**
 * Imports a WordPress export into Newsdesk. Two streaming passes over the file: the first brings in
 * authors, categories, tags and attachments, the second posts, pages and comments, so every
 * reference (a featured image, a gallery, a parent category) is already there when it is needed.
 * Each batch is one transaction; a mapping table records what every WordPress item became, so a
 * second run changes nothing and a run on a newer export updates only what changed.
 */
export class WordPressImporter {
  private site: WxrSite | undefined;
  private siteHosts = new Set<string>();
  private readonly authors = new Map<string, number>();
  /** WordPress category slug → Newsdesk id and WordPress parent slug. */
  private readonly categories = new Map<string, { id: number; parentKey: string | null }>();
  private readonly tags = new Map<string, number>();
  private options!: WordPressImportOptions;
  private uploadsRoot: string | undefined;

  constructor(private readonly deps: WordPressImporterDeps) {}

  async run(options: WordPressImportOptions): Promise<ImportSummary> {
    this.options = options;
    const started = Date.now();
    let totalBytes: number;
    try {
      totalBytes = (await stat(options.file)).size;
    } catch {
      throw new ImportError('FILE_NOT_FOUND', 0, `cannot read ${options.file}`);
    }
    if (options.uploadsDir) {
      try {
        this.uploadsRoot = await realpath(options.uploadsDir);
      } catch {
        throw new ImportError('FILE_NOT_FOUND', 0, `no such media folder: ${options.uploadsDir}`);
      }
    }
    const summary: ImportSummary = {
      file: options.file,
      site: undefined,
      dryRun: options.dryRun === true,
      kinds: Object.fromEntries(IMPORT_KINDS.map((k) => [k, emptyKind()])) as Record<
        ImportKind,
        KindSummary
      >,
      unknownShortcodes: {},
      droppedBlocks: {},
      controlCharactersRemoved: 0,
      records: 0,
      durationMs: 0,
    };
    // A dry run keeps one transaction open for both passes, so later records see earlier ones,
    // and rolls it back at the end.
    const shared = options.dryRun ? await this.deps.repository.begin() : undefined;
    try {
      for (const pass of [1, 2] as const) {
        await this.pass(pass, summary, totalBytes, shared);
      }
    } finally {
      await shared?.rollback();
    }
    summary.site = this.site;
    summary.durationMs = Date.now() - started;
    return summary;
  }

  private async pass(
    pass: 1 | 2,
    summary: ImportSummary,
    totalBytes: number,
    shared: MigrationUnitOfWork | undefined,
  ) {
    const stats = { controlCharactersRemoved: 0 };
    const batchSize = this.options.batchSize ?? 500;
    let batch: WxrRecord[] = [];
    let weight = 0;
    let bytes = 0;
    const report = () =>
      this.options.onProgress?.({
        pass,
        bytes,
        totalBytes,
        items: summary.records + summary.kinds.comments.imported + summary.kinds.comments.unchanged,
      });
    report();
    const reader = readWxr(
      this.options.file,
      {
        maxFieldSize: this.options.maxFieldSize,
        maxItemSize: this.options.maxItemSize,
        onBytes: (n) => {
          bytes = n;
        },
      },
      stats,
    );
    try {
      for await (const record of reader) {
        if (record.type === 'site') {
          this.useSite(record.site);
          continue;
        }
        if (!this.belongsTo(pass, record)) continue;
        batch.push(record);
        weight += 1 + (record.type === 'item' ? record.item.comments.length : 0);
        if (weight >= batchSize) {
          await this.flush(batch, summary, shared);
          batch = [];
          weight = 0;
          report();
        }
      }
    } catch (error) {
      if (error instanceof WxrError) {
        throw new ImportError(error.code, error.line, error.message, { cause: error });
      }
      throw error;
    }
    await this.flush(batch, summary, shared);
    if (pass === 1) {
      // A category listed before its parent gets the parent now that all are in.
      await this.inUnit(shared, (uow) => uow.linkCategoryParents());
      summary.controlCharactersRemoved = stats.controlCharactersRemoved;
    }
    report();
  }

  private useSite(site: WxrSite) {
    this.site = site;
    for (const url of [site.link, site.baseSiteUrl, site.baseBlogUrl]) {
      try {
        if (url) this.siteHosts.add(new URL(url).host);
      } catch {}
    }
  }

  private belongsTo(pass: 1 | 2, record: WxrRecord): boolean {
    const isAttachment = record.type === 'item' && record.item.postType === 'attachment';
    return pass === 1
      ? record.type !== 'item' || isAttachment
      : record.type === 'item' && !isAttachment;
  }

  private async inUnit<T>(
    shared: MigrationUnitOfWork | undefined,
    work: (uow: MigrationUnitOfWork) => Promise<T>,
  ): Promise<T> {
    if (shared) return work(shared);
    const uow = await this.deps.repository.begin();
    try {
      const result = await work(uow);
      await uow.commit();
      return result;
    } catch (error) {
      await uow.rollback().catch(() => {});
      throw error;
    }
  }

  /** Writes one batch in one transaction; its counts join the summary only once it is committed. */
  private async flush(
    records: WxrRecord[],
    summary: ImportSummary,
    shared: MigrationUnitOfWork | undefined,
  ) {
    if (records.length === 0) return;
    const tally = new Tally();
    let current: WxrRecord | undefined;
    try {
      await this.inUnit(shared, async (uow) => {
        const batch: Batch = {
          uow,
          mappings: new BatchMappings(uow),
          tally,
          now: this.deps.clock().toISOString(),
        };
        await this.prefetch(batch, records);
        for (const record of records) {
          current = record;
          await this.apply(batch, record);
          tally.records++;
        }
        current = undefined;
        await batch.mappings.write(batch.now);
      });
    } catch (error) {
      const line = current ? lineOf(current) : 0;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ImportError(
        'IMPORT_FAILED',
        line,
        `line ${line}: could not import this record (${reason}); nothing from its batch was written`,
        { cause: error },
      );
    }
    tally.addTo(summary);
    if (!shared && this.deps.searchIndexer) {
      for (const id of tally.changedArticles) await this.deps.searchIndexer.articleChanged(id);
    }
  }

  /** Reads the mappings of every item and comment in the batch in a few statements. */
  private async prefetch(batch: Batch, records: WxrRecord[]) {
    const items = records.flatMap((r) => (r.type === 'item' ? [r.item] : []));
    const ids = (list: WxrItem[]) => list.filter((i) => i.postId).map((i) => String(i.postId));
    await batch.mappings.prefetch('media', ids(items.filter((i) => i.postType === 'attachment')));
    await batch.mappings.prefetch(
      'article',
      ids(items.filter((i) => i.postType === 'post' || i.postType === 'page')),
    );
    await batch.mappings.prefetch(
      'comment',
      items.flatMap((i) => i.comments.map((c) => String(c.id))),
    );
  }

  private async apply(batch: Batch, record: WxrRecord) {
    switch (record.type) {
      case 'author':
        return this.importAuthor(batch, record.author);
      case 'term':
        return this.importTerm(batch, record.term);
      case 'item':
        if (record.item.postType === 'attachment') return this.importAttachment(batch, record.item);
        if (record.item.postType === 'post' || record.item.postType === 'page') {
          return this.importArticle(batch, record.item);
        }
        return batch.tally.skip(
          'other',
          record.item.postType === 'nav_menu_item'
            ? 'menu items (menus are not imported)'
            : `post type "${record.item.postType}" (not imported)`,
        );
      default:
        return undefined;
    }
  }

  // ---- people -----------------------------------------------------------------------------------

  private async importAuthor(batch: Batch, author: WxrAuthor) {
    const login = author.login.trim();
    if (!login) return batch.tally.skip('authors', 'no login name');
    const name =
      wordpressTextToPlain(author.displayName) ||
      [author.firstName, author.lastName].map(wordpressTextToPlain).join(' ').trim() ||
      login;
    await this.saveAuthor(batch, {
      login,
      wpId: author.id,
      name,
      email: author.email.trim().toLowerCase(),
      bio: wordpressTextToPlain(author.bio),
      role: ROLES.has(author.role) ? author.role : IMPORTED_ROLE,
    });
  }

  private async saveAuthor(
    batch: Batch,
    a: {
      login: string;
      wpId: number | null;
      name: string;
      email: string;
      bio: string;
      role: string;
    },
  ): Promise<number> {
    const { uow, tally } = batch;
    const mapped = await batch.mappings.get('author', a.login);
    const values = { name: a.name, email: a.email, bio: a.bio, role: a.role };
    const fingerprint = fingerprintOf(values);
    let id: number;
    if (mapped?.exists) {
      id = mapped.newsdeskId;
      if (mapped.fingerprint === fingerprint) {
        tally.count('authors', 'unchanged');
      } else {
        await uow.updateUser(id, { name: a.name, bio: a.bio, role: a.role });
        tally.count('authors', 'updated');
      }
    } else {
      const existing = isRealEmail(a.email) ? await uow.userIdByEmail(a.email) : undefined;
      if (existing !== undefined) {
        // A person already on the Newsdesk site: their bylines join up, their profile is theirs.
        id = existing;
        tally.count('authors', 'unchanged');
        tally.note('authors', 'matched an existing person by email');
      } else {
        const slug = await uniqueSlug(slugFromWordpress(a.login, a.name, 'author'), (s) =>
          uow.userSlugTaken(s),
        );
        id = await uow.insertUser({
          slug,
          name: a.name,
          // Every person needs a unique address; an invented one is plainly marked as such.
          email: isRealEmail(a.email) ? a.email : `${slug}@wordpress-import.invalid`,
          bio: a.bio,
          role: a.role,
          createdAt: batch.now,
        });
        tally.count('authors', 'imported');
      }
    }
    batch.mappings.save({
      kind: 'author',
      wpKey: a.login,
      wpNumber: a.wpId,
      wpSlug: null,
      wpParent: null,
      newsdeskId: id,
      fingerprint,
    });
    this.authors.set(a.login, id);
    return id;
  }

  /** The Newsdesk person for a byline login, created (without email) when the export lacks them. */
  private async authorId(batch: Batch, login: string): Promise<number | undefined> {
    const key = login.trim();
    if (!key) return undefined;
    const cached = this.authors.get(key);
    if (cached !== undefined) return cached;
    const mapped = await batch.mappings.get('author', key);
    if (mapped?.exists) {
      this.authors.set(key, mapped.newsdeskId);
      return mapped.newsdeskId;
    }
    batch.tally.note('authors', 'created from a byline (not in the author list)');
    return this.saveAuthor(batch, {
      login: key,
      wpId: null,
      name: key,
      email: '',
      bio: '',
      role: IMPORTED_ROLE,
    });
  }

  // ---- categories and tags ----------------------------------------------------------------------

  private async importTerm(batch: Batch, term: WxrTerm) {
    if (term.taxonomy === 'category') return void (await this.saveCategory(batch, term));
    if (term.taxonomy === 'post_tag') {
      return void (await this.saveTag(batch, term.slug, term.name, term.termId));
    }
    batch.tally.skip(
      'other',
      term.taxonomy === 'nav_menu'
        ? 'menus (not imported)'
        : term.taxonomy === 'post_format'
          ? 'post format terms (kept as a field on each post)'
          : `terms of taxonomy "${term.taxonomy}" (not imported)`,
    );
  }

  private async saveCategory(
    batch: Batch,
    term: Pick<WxrTerm, 'slug' | 'name' | 'description' | 'parent' | 'termId' | 'meta'>,
  ): Promise<number | undefined> {
    const { uow, tally } = batch;
    const key = term.slug.trim();
    if (!key) {
      tally.skip('categories', 'no slug');
      return undefined;
    }
    const parentKey = term.parent.trim() || null;
    const parentId =
      parentKey && parentKey !== key ? await this.categoryId(batch, parentKey, false) : undefined;
    const name = wordpressTextToPlain(term.name) || safeDecode(key);
    const values = {
      name,
      description: wordpressTextToPlain(term.description),
      parentKey,
      position: Number(term.meta._newsdesk_position) || 0,
    };
    const fingerprint = fingerprintOf(values);
    const mapped = await batch.mappings.get('category', key);
    let id: number;
    const fields = {
      name,
      description: values.description,
      parentId: parentId ?? null,
      position: values.position,
    };
    if (mapped?.exists) {
      id = mapped.newsdeskId;
      if (mapped.fingerprint === fingerprint) tally.count('categories', 'unchanged');
      else {
        await uow.updateCategory(id, fields);
        tally.count('categories', 'updated');
      }
    } else {
      const slug = slugFromWordpress(key, name, 'section');
      const existing = await uow.categoryIdBySlug(slug);
      if (existing !== undefined) {
        id = existing;
        tally.count('categories', 'unchanged');
        tally.note('categories', 'matched an existing section by slug');
      } else {
        id = await uow.insertCategory({ slug, ...fields });
        tally.count('categories', 'imported');
      }
    }
    batch.mappings.save({
      kind: 'category',
      wpKey: key,
      wpNumber: term.termId,
      wpSlug: null,
      wpParent: parentKey,
      newsdeskId: id,
      fingerprint,
    });
    this.categories.set(key, { id, parentKey });
    return id;
  }

  private async saveTag(
    batch: Batch,
    wpSlug: string,
    wpName: string,
    termId: number | null = null,
  ) {
    const { uow, tally } = batch;
    const key = wpSlug.trim();
    if (!key) {
      tally.skip('tags', 'no slug');
      return undefined;
    }
    const name = wordpressTextToPlain(wpName) || safeDecode(key);
    const fingerprint = fingerprintOf({ name });
    const mapped = await batch.mappings.get('tag', key);
    let id: number;
    if (mapped?.exists) {
      id = mapped.newsdeskId;
      if (mapped.fingerprint === fingerprint) tally.count('tags', 'unchanged');
      else {
        await uow.updateTag(id, name);
        tally.count('tags', 'updated');
      }
    } else {
      const slug = slugFromWordpress(key, name, 'tag');
      const existing = await uow.tagIdBySlug(slug);
      if (existing !== undefined) {
        id = existing;
        tally.count('tags', 'unchanged');
        tally.note('tags', 'matched an existing tag by slug');
      } else {
        id = await uow.insertTag(slug, name);
        tally.count('tags', 'imported');
      }
    }
    batch.mappings.save({
      kind: 'tag',
      wpKey: key,
      wpNumber: termId ?? mapped?.wpNumber ?? null,
      wpSlug: null,
      wpParent: null,
      newsdeskId: id,
      fingerprint,
    });
    this.tags.set(key, id);
    return id;
  }

  /** The Newsdesk section for a WordPress category slug; created from a post when `create`. */
  private async categoryId(
    batch: Batch,
    wpSlug: string,
    create: boolean,
    name = '',
  ): Promise<number | undefined> {
    const cached = this.categories.get(wpSlug);
    if (cached !== undefined) return cached.id;
    const mapped = await batch.mappings.get('category', wpSlug);
    if (mapped?.exists) {
      this.categories.set(wpSlug, { id: mapped.newsdeskId, parentKey: mapped.wpParent });
      return mapped.newsdeskId;
    }
    if (!create) return undefined;
    batch.tally.note('categories', 'created from a post (not in the category list)');
    return this.saveCategory(batch, {
      slug: wpSlug,
      name,
      description: '',
      parent: '',
      termId: null,
      meta: {},
    });
  }

  private async tagId(batch: Batch, wpSlug: string, name: string): Promise<number | undefined> {
    const cached = this.tags.get(wpSlug);
    if (cached !== undefined) return cached;
    const mapped = await batch.mappings.get('tag', wpSlug);
    if (mapped?.exists) {
      this.tags.set(wpSlug, mapped.newsdeskId);
      return mapped.newsdeskId;
    }
    batch.tally.note('tags', 'created from a post (not in the tag list)');
    return this.saveTag(batch, wpSlug, name);
  }

  // ---- attachments ------------------------------------------------------------------------------

  private async importAttachment(batch: Batch, item: WxrItem) {
    const { uow, tally } = batch;
    if (!item.postId) return tally.skip('attachments', 'no post id');
    const key = String(item.postId);
    const mapped = await batch.mappings.get('media', key);
    if (mapped && !mapped.exists) {
      return tally.skip('attachments', 'deleted in Newsdesk since an earlier import');
    }
    const attached =
      safeUploadPath(item.meta._wp_attached_file ?? '') ?? uploadPathOfUrl(item.attachmentUrl);
    const ownPath = item.meta._newsdesk_media_path
      ? safeUploadPath(item.meta._newsdesk_media_path)
      : undefined;
    let path =
      ownPath ??
      (attached
        ? `wordpress/${attached}`
        : `wordpress/attachment-${item.postId}${/\.[a-z0-9]{2,5}$/i.exec(item.attachmentUrl)?.[0] ?? ''}`);
    const holder = await uow.mediaIdByPath(path);
    if (holder !== undefined && holder !== mapped?.newsdeskId) {
      path = path.replace(/([^/]+)$/, `${item.postId}-$1`);
    }
    const mime = item.meta._newsdesk_mime || mimeOfPath(path);
    const source = attached ? await this.uploadSource(attached) : undefined;
    const target = join(this.deps.mediaDir, path);
    let { width, height, credit } = attachmentMetadata(item.meta._wp_attachment_metadata);
    if (item.meta._newsdesk_credit !== undefined) credit = item.meta._newsdesk_credit;
    if ((!width || !height) && source && mime.startsWith('image/')) {
      ({ width, height } = await imageSize(source));
    }
    const originalUrl =
      item.meta._newsdesk_original_url !== undefined
        ? item.meta._newsdesk_original_url || null
        : item.attachmentUrl || null;
    const media = {
      path,
      mime,
      width,
      height,
      alt: wordpressTextToPlain(item.meta._wp_attachment_image_alt ?? ''),
      caption: wordpressTextToPlain(item.excerpt),
      credit: wordpressTextToPlain(credit),
      originalUrl,
      createdAt: this.dateOf(item) ?? batch.now,
    };
    const fingerprint = fingerprintOf(media);
    let copied = false;
    if (source) {
      const needed = await needsCopy(source, target);
      if (needed && !this.options.dryRun) {
        await copyInto(source, target);
        copied = true;
      }
      tally.note(
        'attachments',
        !needed ? 'file already in place' : copied ? 'file copied' : 'file would be copied',
      );
    } else if (!existsSync(target)) {
      tally.note('attachments', 'no file (original URL recorded)');
    }

    let id: number;
    if (mapped) {
      id = mapped.newsdeskId;
      if (mapped.fingerprint === fingerprint) {
        tally.count('attachments', copied ? 'updated' : 'unchanged');
      } else {
        await uow.updateMedia(id, media);
        tally.count('attachments', 'updated');
      }
    } else {
      id = await uow.insertMedia(media);
      tally.count('attachments', 'imported');
    }
    batch.mappings.save({
      kind: 'media',
      wpKey: key,
      wpNumber: item.postId,
      wpSlug: safeDecode(item.postName) || null,
      wpParent: item.postParent ? String(item.postParent) : null,
      newsdeskId: id,
      fingerprint,
    });
    if (ownPath) {
      // A Newsdesk export: its URLs are Newsdesk's; only the WordPress paths it carries matter.
      for (const legacy of legacyPathList(item.meta._newsdesk_legacy_paths)) {
        await uow.saveLegacyPath(canonicalPath(legacy.path), legacy.kind, id);
      }
      return;
    }
    const filePaths = new Set<string>();
    const urlPath = pathOfUrl(item.attachmentUrl);
    if (urlPath) filePaths.add(canonicalPath(urlPath));
    if (attached) filePaths.add(`/wp-content/uploads/${attached}`);
    for (const p of filePaths) await uow.saveLegacyPath(p, 'media-file', id);
    const pagePath = pathOfUrl(item.link);
    if (pagePath && !filePaths.has(canonicalPath(pagePath))) {
      await uow.saveLegacyPath(canonicalPath(pagePath), 'media-page', id);
    }
  }

  /** The file for an upload path inside the uploads folder given, never outside it. */
  private async uploadSource(relative: string): Promise<string | undefined> {
    if (!this.uploadsRoot) return undefined;
    try {
      const real = await realpath(resolve(this.uploadsRoot, relative));
      if (!real.startsWith(this.uploadsRoot + sep)) return undefined;
      return (await stat(real)).isFile() ? real : undefined;
    } catch {
      return undefined;
    }
  }

  // ---- posts and pages --------------------------------------------------------------------------

  private async importArticle(batch: Batch, item: WxrItem) {
    const { uow, tally } = batch;
    const kind: ImportKind = item.postType === 'page' ? 'pages' : 'posts';
    if (!item.postId) return tally.skip(kind, 'no post id');
    let status = STATUS[item.status];
    if (!status) {
      return tally.skip(
        kind,
        item.status === 'auto-draft' ? 'auto-drafts' : `status "${item.status}"`,
      );
    }
    const fields: Record<string, string> = {};
    if (item.status === 'private') fields.wp_status = 'private';
    if (item.postPassword && (status === 'published' || status === 'scheduled')) {
      // A password-protected story is not for everyone; Newsdesk has no passwords, so it stays
      // unpublished until an editor decides.
      status = 'unpublished';
      fields.wp_status = 'password-protected';
      tally.note(kind, 'password-protected: imported unpublished');
    }
    const key = String(item.postId);
    const mapped = await batch.mappings.get('article', key);
    if (mapped && !mapped.exists) {
      tally.skip(kind, 'deleted in Newsdesk since an earlier import');
      for (const _ of item.comments)
        tally.skip('comments', 'their article was deleted in Newsdesk');
      return;
    }
    const article = await this.articleValues(batch, item, status, fields);
    const wpSlug = safeDecode(item.meta._wp_desired_post_slug || item.postName) || null;
    const linkPath = pathOfUrl(item.link);
    const redirects = [...(linkPath ? [linkPath] : []), ...jsonList(item.meta._newsdesk_redirects)];
    const fingerprint = fingerprintOf({ article, wpSlug, redirects });

    let id: number;
    if (mapped && mapped.fingerprint === fingerprint) {
      id = mapped.newsdeskId;
      tally.count(kind, 'unchanged');
    } else {
      const slugBase = slugFromWordpress(wpSlug ?? '', article.title, 'untitled');
      let slug: string;
      if (mapped) {
        id = mapped.newsdeskId;
        const before = await uow.articleUrlParts(id);
        // The Newsdesk slug stays unless WordPress's changed (an editor may have shortened it).
        const keep = before && (mapped.wpSlug === wpSlug || before.slug === slugBase);
        slug =
          keep && before
            ? before.slug
            : await uniqueSlug(
                slugBase,
                async (s) => s !== before?.slug && (await uow.articleSlugTaken(s)),
              );
        await uow.updateArticle(id, { ...article, slug });
        if (before?.publishedAt) {
          const oldPath = articlePath(before, this.deps.siteTimeZone);
          if (oldPath !== articlePath({ ...article, slug }, this.deps.siteTimeZone)) {
            await uow.addRedirect(oldPath, id, batch.now);
          }
        }
        tally.count(kind, 'updated');
      } else {
        slug = await uniqueSlug(slugBase, (s) => uow.articleSlugTaken(s));
        if (slug !== slugBase) {
          tally.note(
            kind,
            'new slug (the old one is taken or is a Newsdesk route); old URL redirects',
          );
        }
        id = await uow.insertArticle({ ...article, slug });
        tally.count(kind, 'imported');
      }
      const canonical = articlePath({ ...article, slug }, this.deps.siteTimeZone);
      for (const path of redirects) {
        for (const variant of pathVariants(path)) {
          if (variant !== canonical && variant.startsWith('/')) {
            await uow.addRedirect(variant, id, batch.now);
          }
        }
      }
      tally.changedArticles.add(id);
    }
    batch.mappings.save({
      kind: 'article',
      wpKey: key,
      wpNumber: item.postId,
      wpSlug,
      wpParent: null,
      newsdeskId: id,
      fingerprint,
    });
    await this.importComments(batch, item, id);
  }

  /** Everything about an article except its slug, as it will be stored. */
  private async articleValues(
    batch: Batch,
    item: WxrItem,
    status: ArticleStatus,
    wpFields: Record<string, string>,
  ): Promise<Omit<ImportedArticle, 'slug'>> {
    const { tally } = batch;
    const meta = item.meta;
    let bodyHtml: string;
    if (meta._newsdesk_body_format === 'html') {
      bodyHtml = sanitizeArticleHtml(item.content);
    } else {
      const converted = await convertPostContent(item.content, this.conversion(batch), item.postId);
      bodyHtml = converted.html;
      for (const name of converted.unknownShortcodes) {
        tally.shortcodes.set(name, (tally.shortcodes.get(name) ?? 0) + 1);
      }
      for (const name of converted.droppedBlocks) {
        tally.blocks.set(name, (tally.blocks.get(name) ?? 0) + 1);
      }
    }
    const title = wordpressTextToPlain(item.title) || 'Untitled';
    const dek = meta._newsdesk_dek ?? '';
    const text = htmlToText(bodyHtml);
    const excerpt = wordpressTextToPlain(item.excerpt) || excerptOf(dek || text);

    const gmt = wpGmtToIso(item.postDateGmt);
    const date = this.dateOf(item);
    // A draft's date in WordPress is "whenever it gets published": only a fixed date is kept.
    const publishedAt =
      gmt ?? (status === 'published' || status === 'scheduled' ? date : undefined) ?? null;
    const createdAt = date ?? batch.now;
    const updatedAt =
      wpDate(item.postModifiedGmt, item.postModified, this.wordpressTimeZone) ?? createdAt;

    const authorIds: number[] = [];
    for (const login of [
      item.creator,
      ...item.terms.filter((t) => t.domain === 'author').map((t) => t.slug.replace(/^cap-/, '')),
    ]) {
      const id = await this.authorId(batch, login);
      if (id !== undefined && !authorIds.includes(id)) authorIds.push(id);
    }

    const categoryIds: number[] = [];
    for (const t of item.terms.filter((t) => t.domain === 'category' && t.slug)) {
      const id = await this.categoryId(batch, t.slug, true, t.name);
      if (id !== undefined && !categoryIds.includes(id)) categoryIds.push(id);
    }
    const tagIds: number[] = [];
    for (const t of item.terms.filter((t) => t.domain === 'post_tag' && t.slug)) {
      const id = await this.tagId(batch, t.slug, t.name);
      if (id !== undefined && !tagIds.includes(id)) tagIds.push(id);
    }
    const primaryCategoryId = await this.primaryCategory(batch, item, categoryIds);

    const thumbnail = Number(meta._thumbnail_id);
    let featuredMediaId: number | null = null;
    if (thumbnail > 0) {
      const m = await batch.mappings.get('media', String(thumbnail));
      if (m?.exists) featuredMediaId = m.newsdeskId;
      else
        tally.note(
          item.postType === 'page' ? 'pages' : 'posts',
          'featured image not in the export',
        );
    }

    const fields: Record<string, string> = { ...wpFields };
    const format = item.terms.find((t) => t.domain === 'post_format')?.slug;
    if (format?.startsWith('post-format-')) fields.format = format.slice('post-format-'.length);
    if (item.isSticky) fields.sticky = '1';
    const ownFields = jsonRecord(meta._newsdesk_fields);

    const detected = detectRightToLeft(`${title} ${text}`);
    const lang =
      meta._newsdesk_lang !== undefined ? meta._newsdesk_lang || null : (detected?.lang ?? null);
    const dir =
      meta._newsdesk_dir !== undefined
        ? asDir(meta._newsdesk_dir)
        : (detected?.dir ?? (lang && RTL_LANGUAGES.has(lang) ? 'rtl' : null));
    const yoastDescription = meta._yoast_wpseo_metadesc;
    return {
      type: item.postType === 'page' ? 'page' : 'post',
      title,
      dek,
      bodyHtml,
      excerpt,
      status,
      publishedAt,
      createdAt,
      updatedAt,
      primaryCategoryId,
      categoryIds,
      tagIds,
      authorIds,
      featuredMediaId,
      commentStatus: item.commentStatus === 'closed' ? 'closed' : 'open',
      lang,
      dir,
      seoTitle: meta._newsdesk_seo_title || null,
      seoDescription:
        meta._newsdesk_seo_description !== undefined
          ? meta._newsdesk_seo_description || null
          : yoastDescription && !yoastDescription.includes('%%')
            ? wordpressTextToPlain(yoastDescription)
            : null,
      fields: ownFields ?? fields,
    };
  }

  /**
   * The article's section: Newsdesk's own export names it; Yoast SEO's primary category when set;
   * otherwise the most specific category (WordPress has no primary category).
   */
  private async primaryCategory(
    batch: Batch,
    item: WxrItem,
    categoryIds: number[],
  ): Promise<number | null> {
    const own = item.meta._newsdesk_primary_category;
    if (own !== undefined) return own ? ((await this.categoryId(batch, own, false)) ?? null) : null;
    const yoast = Number(item.meta._yoast_wpseo_primary_category);
    if (yoast > 0) {
      const m = await batch.uow.mappedByNumber('category', yoast);
      if (m?.exists && categoryIds.includes(m.newsdeskId)) return m.newsdeskId;
    }
    let best: { id: number; depth: number } | undefined;
    for (const t of item.terms) {
      if (t.domain !== 'category' || !t.slug) continue;
      const id = this.categories.get(t.slug)?.id;
      if (id === undefined) continue;
      const depth = await this.categoryDepth(batch, t.slug);
      if (!best || depth > best.depth) best = { id, depth };
    }
    return best?.id ?? null;
  }

  private async categoryDepth(batch: Batch, wpSlug: string): Promise<number> {
    let depth = 0;
    const seen = new Set<string>([wpSlug]);
    let key = this.categories.get(wpSlug)?.parentKey ?? null;
    while (key && !seen.has(key)) {
      seen.add(key);
      depth++;
      if (!this.categories.has(key)) await this.categoryId(batch, key, false);
      key = this.categories.get(key)?.parentKey ?? null;
    }
    return depth;
  }

  private conversion(batch: Batch): ConversionContext {
    return {
      gallery: async (request) =>
        (await batch.uow.galleryMedia(request)).map((m) => ({
          url: existsSync(join(this.deps.mediaDir, m.path))
            ? mediaUrlOf(m.path)
            : (m.originalUrl ?? mediaUrlOf(m.path)),
          alt: m.alt,
          caption: m.caption,
          width: m.width,
          height: m.height,
        })),
      uploadUrl: (url) => {
        if (!this.isOwnUrl(url)) return undefined;
        const relative = uploadPathOfUrl(url);
        if (!relative) return undefined;
        for (const candidate of [relative, originalOfResized(relative)]) {
          const local = `wordpress/${candidate}`;
          if (existsSync(join(this.deps.mediaDir, local))) return mediaUrlOf(local);
        }
        return undefined;
      },
    };
  }

  private isOwnUrl(url: string): boolean {
    if (url.startsWith('/') && !url.startsWith('//')) return true;
    try {
      return this.siteHosts.has(new URL(url).host);
    } catch {
      return false;
    }
  }

  // ---- comments ---------------------------------------------------------------------------------

  private async importComments(batch: Batch, item: WxrItem, articleId: number) {
    const { uow, tally } = batch;
    if (item.comments.length === 0) return;
    const inFile = new Map(item.comments.map((c) => [c.id, c]));
    const levelOf = (id: number) => {
      let level = 0;
      const seen = new Set<number>();
      for (let c = inFile.get(id); c?.parent && !seen.has(c.parent); c = inFile.get(c.parent)) {
        seen.add(c.parent);
        level++;
      }
      return level;
    };
    // Parents before replies, whatever order the file lists them in.
    const ordered = [...item.comments].sort((a, b) => levelOf(a.id) - levelOf(b.id) || a.id - b.id);
    const placed = new Map<number, { id: number; depth: number }>();
    for (const c of ordered) {
      if (!c.id) {
        tally.skip('comments', 'no comment id');
        continue;
      }
      if (c.type && c.type !== 'comment') {
        tally.skip('comments', `${c.type}s (not reader comments)`);
        continue;
      }
      const status = COMMENT_STATUS[c.approved];
      if (!status) {
        tally.skip('comments', `status "${c.approved}"`);
        continue;
      }
      const body = cleanText(commentHtmlToText(c.content));
      if (!body) {
        tally.skip('comments', 'empty text');
        continue;
      }
      const parent = c.parent ? placed.get(c.parent) : undefined;
      const email = c.authorEmail.trim().toLowerCase();
      const values = {
        articleId,
        parentWp: parent ? c.parent : null,
        depth: parent ? parent.depth + 1 : 1,
        authorName: wordpressTextToPlain(c.author) || 'Anonymous',
        authorEmail: email,
        authorUrl: webUrl(c.authorUrl),
        body,
        status,
        createdAt: wpDate(c.dateGmt, c.date, this.wordpressTimeZone) ?? batch.now,
      };
      const fingerprint = fingerprintOf(values);
      const key = String(c.id);
      const m: MappedItem | undefined = await batch.mappings.get('comment', key);
      if (m && !m.exists) {
        tally.skip('comments', 'deleted in Newsdesk since an earlier import');
        continue;
      }
      let id: number;
      if (m && m.fingerprint === fingerprint) {
        id = m.newsdeskId;
        tally.count('comments', 'unchanged');
      } else {
        const comment = {
          articleId,
          parentId: parent?.id ?? null,
          depth: values.depth,
          authorName: values.authorName,
          authorEmail: email,
          authorUrl: values.authorUrl,
          body,
          bodyHtml: renderCommentBody(body),
          avatarKey: this.deps.avatarKey?.(email) ?? null,
          status,
          createdAt: values.createdAt,
          moderationRule: 'imported',
          moderationReason: 'imported from WordPress',
        };
        if (m) {
          id = m.newsdeskId;
          await uow.updateComment(id, comment);
          tally.count('comments', 'updated');
        } else {
          id = await uow.insertComment(comment);
          tally.count('comments', 'imported');
        }
        tally.changedArticles.add(articleId);
      }
      placed.set(c.id, { id, depth: values.depth });
      batch.mappings.save({
        kind: 'comment',
        wpKey: key,
        wpNumber: c.id,
        wpSlug: null,
        wpParent: c.parent ? String(c.parent) : null,
        newsdeskId: id,
        fingerprint,
      });
    }
  }

  // ---- shared -----------------------------------------------------------------------------------

  private get wordpressTimeZone(): string {
    return this.options.wordpressTimeZone ?? this.deps.siteTimeZone;
  }

  private dateOf(item: WxrItem): string | undefined {
    return wpDate(item.postDateGmt, item.postDate, this.wordpressTimeZone);
  }
}

function lineOf(record: WxrRecord): number {
  switch (record.type) {
    case 'author':
      return record.author.line;
    case 'term':
      return record.term.line;
    case 'item':
      return record.item.line;
    default:
      return 0;
  }
}

function isRealEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && !email.endsWith('.invalid');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function asDir(value: string): 'ltr' | 'rtl' | null {
  return value === 'ltr' || value === 'rtl' ? value : null;
}

function mediaUrlOf(path: string): string {
  return `/media/${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** A JSON array of strings from a meta value, or nothing. */
function jsonList(value: string | undefined): string[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** `_newsdesk_legacy_paths`: old WordPress paths of a media item, from a Newsdesk export. */
function legacyPathList(
  value: string | undefined,
): { path: string; kind: 'media-file' | 'media-page' }[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((entry: unknown) => {
      const e = entry as { path?: unknown; kind?: unknown };
      return typeof e?.path === 'string' &&
        e.path.startsWith('/') &&
        (e.kind === 'media-file' || e.kind === 'media-page')
        ? [{ path: e.path, kind: e.kind }]
        : [];
    });
  } catch {
    return [];
  }
}

/** A JSON object of strings from a meta value, or undefined. */
function jsonRecord(value: string | undefined): Record<string, string> | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    return Object.fromEntries(
      Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return undefined;
  }
}

async function needsCopy(source: string, target: string): Promise<boolean> {
  try {
    const [s, t] = await Promise.all([stat(source), stat(target)]);
    return s.size !== t.size;
  } catch {
    return true;
  }
}

/** Copies through a temporary name, so an interrupted copy never leaves a half file in place. */
async function copyInto(source: string, target: string) {
  await mkdir(dirname(target), { recursive: true });
  const partial = `${target}.part`;
  await copyFile(source, partial);
  await rename(partial, target);
}

async function imageSize(file: string): Promise<{ width: number; height: number }> {
  try {
    const { default: sharp } = await import('sharp');
    const meta = await sharp(file).metadata();
    return { width: meta.width ?? 0, height: meta.height ?? 0 };
  } catch {
    return { width: 0, height: 0 };
  }
}
