import type { ArticleStatus } from '../storage/schema.js';
import type {
  ArticleFields,
  Correction,
  ListFilters,
  Lock,
  NewsroomArticle,
  Revision,
  RevisionKind,
} from './newsroom.js';

/** Article columns as stored: fields with tags already resolved to ids. */
export interface StoredFields extends Omit<ArticleFields, 'tags'> {
  tagIds: number[];
  excerpt: string;
}

export interface StatusChange {
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  /** Only change when the article is still in one of these statuses (compare-and-set). */
  expect: readonly ArticleStatus[];
  /** New scheduled unpublish time; undefined leaves it as it is. */
  unpublishAt?: string | null;
}

export interface NewRevision {
  articleId: number;
  kind: RevisionKind;
  authorId: number | null;
  clientSaveId: string | null;
  restoredFrom: number | null;
  fields: ArticleFields;
  createdAt: string;
}

/** Storage the newsroom needs. */
export interface NewsroomRepository {
  find(id: number): Promise<NewsroomArticle | undefined>;
  findByPreviewToken(token: string): Promise<number | undefined>;
  list(filters: ListFilters): Promise<{ items: NewsroomArticle[]; total: number }>;
  /** Inserts the article, its workflow row and first revision in one transaction. */
  insert(
    fields: StoredFields,
    meta: { createdBy: number; createdAt: string; previewToken: string },
    revision: Omit<NewRevision, 'articleId'>,
  ): Promise<{ id: number; revisionId: number }>;
  /**
   * Writes the fields and a revision in one transaction. With `expectHead` set, writes nothing and
   * returns `conflict` when the head revision is another one.
   */
  update(
    id: number,
    fields: StoredFields,
    updatedAt: string,
    revision: Omit<NewRevision, 'articleId'>,
    expectHead?: number | null,
  ): Promise<{ revisionId: number } | { conflict: true }>;
  /**
   * Stores a revision without touching the article or its head (an autosave of a live article).
   * With `expectHead` set, stores nothing and returns `conflict` when the head is another one.
   */
  addRevision(
    id: number,
    revision: Omit<NewRevision, 'articleId'>,
    expectHead?: number | null,
  ): Promise<{ revisionId: number } | { conflict: true }>;
  /** The newest autosave by `authorId` newer than the head (kept aside on a live article). */
  pendingAutosave(
    articleId: number,
    authorId: number,
  ): Promise<(Revision & { fields: ArticleFields }) | undefined>;
  /** Deletes the autosaves by `authorId` newer than the head: they never went live. */
  discardPendingAutosaves(articleId: number, authorId: number): Promise<void>;
  /** Compare-and-set status change; false when another writer got there first. */
  changeStatus(id: number, change: StatusChange): Promise<boolean>;
  setUnpublishAt(id: number, at: string | null): Promise<void>;
  setEmbargo(id: number, until: string | null, publishedAt?: string): Promise<void>;
  touch(id: number, updatedAt: string): Promise<void>;
  /** Creates the workflow row of an article made elsewhere (import, demo). */
  ensureWorkflowRow(id: number, previewToken: string): Promise<void>;
  slugTaken(slug: string, exceptId: number): Promise<boolean>;
  addRedirect(path: string, articleId: number, createdAt: string): Promise<void>;
  userNames(ids: number[]): Promise<Map<number, string>>;

  revisions(articleId: number): Promise<Revision[]>;
  revision(id: number): Promise<(Revision & { fields: ArticleFields }) | undefined>;
  revisionByClientSaveId(articleId: number, clientSaveId: string): Promise<Revision | undefined>;

  lockOf(articleId: number): Promise<Lock | undefined>;
  /** Takes the lock when free, expired, already ours, or `force`; returns the holder afterwards. */
  takeLock(
    articleId: number,
    userId: number,
    expiresAt: string,
    now: string,
    force: boolean,
  ): Promise<Lock>;
  releaseLock(articleId: number, userId: number): Promise<void>;

  addCorrection(c: Omit<Correction, 'id'> & { authorId: number }): Promise<Correction>;
  correctionsOf(articleId: number): Promise<Correction[]>;
  /** Corrections of public articles, newest first, with the article's headline, slug and dates. */
  listCorrections(
    publishedBefore: string,
    limit: number,
    offset: number,
  ): Promise<{
    items: (Correction & {
      article: { type: 'post' | 'page'; slug: string; title: string; publishedAt: string };
    })[];
    total: number;
  }>;

  /** Ids of scheduled articles due by `now`, and of published ones whose unpublish is due. */
  due(now: string): Promise<{ publish: number[]; unpublish: number[] }>;
  /** The earliest future scheduled publish or unpublish time, if any. */
  nextDue(): Promise<string | undefined>;

  /** Takes or renews lease `name` for `holder` until `expiresAt` when free or expired at `now`. */
  acquireLease(name: string, holder: string, expiresAt: string, now: string): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
}
