import { randomBytes } from 'node:crypto';
import { excerptOf, RTL_LANGUAGES } from '../articles/article-service.js';
import { AppError } from '../http/app-error.js';
import { htmlToText, sanitizeArticleHtml } from '../text/sanitized-html.js';
import { toSlug, uniqueSlug } from '../text/slug.js';
import type { ArticleEvents, ArticleState } from './article-events.js';
import {
  type Action,
  type Actor,
  type ArticleFields,
  type Correction,
  type CorrectionKind,
  type FieldsInput,
  fieldsOf,
  type ListFilters,
  type Lock,
  type NewsroomArticle,
  type Revision,
} from './newsroom.js';
import type { NewsroomRepository, StoredFields } from './newsroom-repository.js';
import { diffRevisions, type FieldDiff } from './revision-diff.js';
import {
  canCorrect,
  canEdit,
  canPublish,
  canSubmit,
  canTrash,
  canView,
  mayPerform,
  transitionsFrom,
} from './workflow.js';

export interface NewsroomServiceDeps {
  repository: NewsroomRepository;
  events: ArticleEvents;
  clock: () => Date;
  /** The public path of a published article (permalinks live in `src/articles/`). */
  pathOf: (a: { type: 'post' | 'page'; slug: string; publishedAt: string | null }) => string;
  ensureTag: (name: string) => Promise<number>;
  /** Told after every write, like ArticleService does. */
  searchIndexer?: { articleChanged(id: number): Promise<void> };
  /** Secret preview tokens; injected so tests can predict them. Default 24 random bytes. */
  newToken?: () => string;
  /**
   * The alt-text rule (`MediaService.assertAltText`): throws 400 when an image of the article
   * lacks alt text. Checked when a person publishes or schedules, and on explicit edits of a live
   * article (only images the edit adds); without it nothing is checked.
   */
  altText?: {
    assertAltText(
      article: { bodyHtml: string; featuredImageId: number | null },
      before?: { bodyHtml: string; featuredImageId: number | null },
    ): Promise<void>;
  };
}

/** How long a soft edit lock lasts without a heartbeat. */
export const LOCK_TTL_MS = 2 * 60_000;

export interface ArticleView extends NewsroomArticle {
  lock: (Lock & { mine: boolean }) | null;
  corrections: Correction[];
  can: { edit: boolean; submit: boolean; publish: boolean; trash: boolean; correct: boolean };
}

const toSecond = (iso: string) => `${iso.slice(0, 19)}.000Z`;

/**
 * The newsroom's writing and publishing workflow. Every method that acts for a person takes the
 * `Actor` and checks the capability itself, so no route can forget to.
 */
export class NewsroomService {
  private readonly newToken: () => string;
  /** Called after any change to schedules, so the scheduler re-arms its timer. */
  private scheduleListener: (() => void) | undefined;

  constructor(private readonly deps: NewsroomServiceDeps) {
    this.newToken = deps.newToken ?? (() => randomBytes(24).toString('base64url'));
  }

  onScheduleChanged(listener: () => void): void {
    this.scheduleListener = listener;
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  private state(a: NewsroomArticle | undefined): ArticleState | null {
    if (!a) return null;
    const isPublic =
      a.status === 'published' && a.publishedAt !== null && a.publishedAt <= this.now();
    return {
      status: a.status,
      slug: a.slug,
      path: isPublic ? this.deps.pathOf(a) : null,
      publishedAt: a.publishedAt,
      updatedAt: a.updatedAt,
    };
  }

  /** Search index and observers after every write; MUST run after the write is committed. */
  private async changed(id: number, before: NewsroomArticle | undefined, reason: string) {
    const after = await this.deps.repository.find(id);
    await this.deps.searchIndexer?.articleChanged(id);
    await this.deps.events.emit({
      articleId: id,
      before: this.state(before),
      after: this.state(after),
      reason,
    });
    return after;
  }

  private async load(id: number): Promise<NewsroomArticle> {
    const found = await this.deps.repository.find(id);
    if (found?.type !== 'post' || !found) throw new AppError('NOT_FOUND', 'No such article.');
    if (found.previewToken === null) {
      await this.deps.repository.ensureWorkflowRow(id, this.newToken());
      return (await this.deps.repository.find(id)) as NewsroomArticle;
    }
    return found;
  }

  private async loadFor(id: number, check: (a: NewsroomArticle) => boolean) {
    const article = await this.load(id);
    if (!check(article)) throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    return article;
  }

  /** The article with its lock, corrections and what `actor` may do with it. */
  async view(actor: Actor, id: number): Promise<ArticleView> {
    const article = await this.loadFor(id, (a) => canView(actor, a));
    return this.present(actor, article);
  }

  private async present(actor: Actor, article: NewsroomArticle): Promise<ArticleView> {
    const [lock, corrections] = await Promise.all([
      this.deps.repository.lockOf(article.id),
      this.deps.repository.correctionsOf(article.id),
    ]);
    const live = lock && lock.expiresAt > this.now() ? lock : undefined;
    return {
      ...article,
      lock: live ? { ...live, mine: live.userId === actor.id } : null,
      corrections,
      can: {
        edit: canEdit(actor, article),
        submit: canSubmit(actor, article),
        publish: canPublish(actor, article),
        trash: canTrash(actor, article),
        correct: canCorrect(actor),
      },
    };
  }

  /** Articles `actor` may see, filtered and paged; roles without `edit_others` see their own. */
  async list(actor: Actor, filters: Omit<ListFilters, 'ownerId'>) {
    const ownerId = canView(actor, {
      status: 'draft',
      authors: [],
      createdBy: -1,
      publishedAt: null,
    })
      ? undefined
      : actor.id;
    return this.deps.repository.list({ ...filters, ...(ownerId ? { ownerId } : {}) });
  }

  /** Merges `input` over `current`, sanitizes, makes the slug unique and resolves tags. */
  private async normalize(
    input: FieldsInput,
    current: ArticleFields,
    id: number,
  ): Promise<{ fields: ArticleFields; stored: StoredFields }> {
    const merged: ArticleFields = { ...current, ...stripUndefined(input) };
    const headline = merged.headline.trim();
    if (!headline) {
      throw new AppError('VALIDATION_FAILED', 'An article needs a headline.', {
        fieldErrors: { headline: 'Write a headline.' },
      });
    }
    if (merged.authorIds.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'An article needs at least one author.', {
        fieldErrors: { authorIds: 'Choose at least one author.' },
      });
    }
    const wanted = toSlug(input.slug?.trim() ? input.slug : id === 0 ? headline : current.slug);
    const slug =
      wanted === current.slug && id !== 0
        ? wanted
        : await uniqueSlug(wanted, (s) => this.deps.repository.slugTaken(s, id));
    const bodyHtml = sanitizeArticleHtml(merged.bodyHtml);
    const tags = [...new Set(merged.tags.map((t) => t.trim()).filter(Boolean))];
    const tagIds = [];
    for (const name of tags) tagIds.push(await this.deps.ensureTag(name));
    const primary = merged.primaryCategoryId;
    const categoryIds = [...new Set([...(primary ? [primary] : []), ...merged.categoryIds])];
    const lang = merged.lang?.trim() || null;
    const fields: ArticleFields = {
      ...merged,
      headline,
      dek: merged.dek.trim(),
      slug,
      bodyHtml,
      tags,
      categoryIds,
      authorIds: [...new Set(merged.authorIds)],
      lang,
      dir: merged.dir ?? (lang && RTL_LANGUAGES.has(lang) ? 'rtl' : null),
    };
    const { tags: _names, ...rest } = fields;
    return {
      fields,
      stored: { ...rest, tagIds, excerpt: excerptOf(fields.dek || htmlToText(bodyHtml)) },
    };
  }

  /** Creates a draft owned by `actor` (default byline) with its first revision. */
  async create(actor: Actor, input: FieldsInput) {
    if (!canEdit(actor, { status: 'draft', authors: [], createdBy: actor.id, publishedAt: null })) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    }
    const empty: ArticleFields = {
      headline: '',
      dek: '',
      slug: '',
      bodyHtml: '',
      primaryCategoryId: null,
      categoryIds: [],
      tags: [],
      authorIds: [actor.id],
      featuredImageId: null,
      socialImageId: null,
      seoTitle: '',
      seoDescription: '',
      commentStatus: 'open',
      lang: null,
      dir: null,
    };
    const { fields, stored } = await this.normalize(input, empty, 0);
    const now = this.now();
    const { id, revisionId } = await this.deps.repository.insert(
      stored,
      { createdBy: actor.id, createdAt: now, previewToken: this.newToken() },
      {
        kind: 'create',
        authorId: actor.id,
        clientSaveId: null,
        restoredFrom: null,
        fields,
        createdAt: now,
      },
    );
    const after = await this.changed(id, undefined, 'created');
    return { article: await this.present(actor, after as NewsroomArticle), revisionId };
  }

  private async write(
    actor: Actor,
    article: NewsroomArticle,
    input: FieldsInput,
    revision: {
      kind: 'save' | 'autosave' | 'restore';
      clientSaveId?: string;
      restoredFrom?: number;
    },
    expectHead: number | null | undefined,
    reason: string,
  ) {
    const { fields, stored } = await this.normalize(input, fieldsOf(article), article.id);
    if (isLive(article)) {
      // Only what this edit adds: an old alt-less image must not block a typo fix.
      await this.deps.altText?.assertAltText(fields, article);
    }
    const now = this.now();
    const result = await this.deps.repository.update(
      article.id,
      stored,
      now,
      {
        kind: revision.kind,
        authorId: actor.id,
        clientSaveId: revision.clientSaveId ?? null,
        restoredFrom: revision.restoredFrom ?? null,
        fields,
        createdAt: now,
      },
      expectHead,
    );
    if ('conflict' in result) throw await this.conflict(article.id);
    const wasPublic = this.state(article)?.path;
    if (wasPublic && fields.slug !== article.slug) {
      // The old address keeps working with a 301.
      await this.deps.repository.addRedirect(wasPublic, article.id, now);
    }
    const after = (await this.changed(article.id, article, reason)) as NewsroomArticle;
    return { article: await this.present(actor, after), revisionId: result.revisionId };
  }

  private async conflict(articleId: number): Promise<AppError> {
    const head = (await this.deps.repository.find(articleId))?.headRevisionId;
    const current = head ? await this.deps.repository.revision(head) : undefined;
    const { fields: _f, ...currentRevision } = current ?? { fields: null };
    return new AppError(
      'CONFLICT',
      current
        ? `${current.authorName ?? 'Someone'} saved this article after you started editing.`
        : 'This article changed after you started editing.',
      { currentRevision: current ? currentRevision : null },
    );
  }

  /** A save from the editor: every save stores a revision. */
  async save(actor: Actor, id: number, input: FieldsInput, baseRevisionId?: number | null) {
    const article = await this.loadFor(id, (a) => canEdit(actor, a));
    return this.write(actor, article, input, { kind: 'save' }, baseRevisionId, 'saved');
  }

  /**
   * An autosave. Idempotent on `clientSaveId` (a retried request answers the revision the first
   * attempt wrote); a conflict (409 with the current revision) when the head is no longer
   * `baseRevisionId`.
   */
  async autosave(
    actor: Actor,
    id: number,
    request: { baseRevisionId: number | null; clientSaveId: string; fields: FieldsInput },
  ): Promise<{ article: ArticleView; revisionId: number; pending: boolean; duplicate: boolean }> {
    const article = await this.loadFor(id, (a) => canEdit(actor, a));
    const seen = await this.deps.repository.revisionByClientSaveId(id, request.clientSaveId);
    if (seen) {
      if (seen.authorId !== actor.id) throw new AppError('CONFLICT', 'That save id is taken.');
      return {
        article: await this.present(actor, article),
        revisionId: seen.id,
        pending: seen.id > (article.headRevisionId ?? 0),
        duplicate: true,
      };
    }
    try {
      if (isLive(article))
        return { ...(await this.keepAside(actor, article, request)), duplicate: false };
      const done = await this.write(
        actor,
        article,
        request.fields,
        { kind: 'autosave', clientSaveId: request.clientSaveId },
        request.baseRevisionId,
        'autosaved',
      );
      return { ...done, pending: false, duplicate: false };
    } catch (error) {
      // Two copies of one request racing: the unique index let one through; answer with it.
      const raced = await this.deps.repository.revisionByClientSaveId(id, request.clientSaveId);
      if (raced && raced.authorId === actor.id) {
        const now = await this.load(id);
        return {
          article: await this.present(actor, now),
          revisionId: raced.id,
          pending: raced.id > (now.headRevisionId ?? 0),
          duplicate: true,
        };
      }
      throw error;
    }
  }

  /**
   * An autosave of a live (published or scheduled) article: stored as a revision kept aside, the
   * article, its head and every public surface stay as they are until an explicit save.
   */
  private async keepAside(
    actor: Actor,
    article: NewsroomArticle,
    request: { baseRevisionId: number | null; clientSaveId: string; fields: FieldsInput },
  ) {
    const { fields } = await this.normalize(request.fields, fieldsOf(article), article.id);
    const now = this.now();
    const result = await this.deps.repository.addRevision(
      article.id,
      {
        kind: 'autosave',
        authorId: actor.id,
        clientSaveId: request.clientSaveId,
        restoredFrom: null,
        fields,
        createdAt: now,
      },
      request.baseRevisionId,
    );
    if ('conflict' in result) throw await this.conflict(article.id);
    return {
      article: await this.present(actor, article),
      revisionId: result.revisionId,
      pending: true,
    };
  }

  /** `actor`'s newest autosave newer than the head (a live article's unpublished changes). */
  async pendingAutosave(actor: Actor, id: number) {
    await this.loadFor(id, (a) => canEdit(actor, a));
    return this.deps.repository.pendingAutosave(id, actor.id);
  }

  /** Throws away `actor`'s pending autosaves of a live article; what is live stays. */
  async discardPendingAutosave(actor: Actor, id: number): Promise<void> {
    await this.loadFor(id, (a) => canEdit(actor, a));
    await this.deps.repository.discardPendingAutosaves(id, actor.id);
  }

  async revisions(actor: Actor, id: number): Promise<Revision[]> {
    await this.loadFor(id, (a) => canView(actor, a));
    return this.deps.repository.revisions(id);
  }

  async revision(actor: Actor, id: number, revisionId: number) {
    await this.loadFor(id, (a) => canView(actor, a));
    const found = await this.deps.repository.revision(revisionId);
    if (!found || found.articleId !== id) throw new AppError('NOT_FOUND', 'No such revision.');
    return found;
  }

  async diff(
    actor: Actor,
    id: number,
    fromId: number,
    toId: number,
  ): Promise<{ from: Revision; to: Revision; fields: FieldDiff[] }> {
    const from = await this.revision(actor, id, fromId);
    const to = await this.revision(actor, id, toId);
    const { fields: a, ...fromRevision } = from;
    const { fields: b, ...toRevision } = to;
    return { from: fromRevision, to: toRevision, fields: diffRevisions(a, b) };
  }

  /** Brings back an old revision's fields as a new revision (history is never rewritten). */
  async restoreRevision(actor: Actor, id: number, revisionId: number) {
    const article = await this.loadFor(id, (a) => canEdit(actor, a));
    const old = await this.revision(actor, id, revisionId);
    return this.write(
      actor,
      article,
      old.fields,
      { kind: 'restore', restoredFrom: revisionId },
      undefined,
      'revision-restored',
    );
  }

  /** Runs a workflow action for `actor`; 403 without the right, 409 from the wrong status. */
  async transition(actor: Actor, id: number, action: Action, at?: string): Promise<ArticleView> {
    const article = await this.loadFor(id, (a) => canView(actor, a));
    if (!mayPerform(actor, action, article)) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    }
    const after = await this.apply(article, action, at, `transition:${action}`, true);
    return this.present(actor, after);
  }

  /** The one path every status change takes: manual, bulk and scheduled. */
  private async apply(
    article: NewsroomArticle,
    action: Action,
    at: string | undefined,
    reason: string,
    byPerson = false,
  ): Promise<NewsroomArticle> {
    const now = this.now();
    const scheduleUnpublish = action === 'unpublish' && at !== undefined;
    const allowed = scheduleUnpublish ? ['published', 'scheduled'] : transitionsFrom[action];
    if (!allowed.includes(article.status)) {
      throw new AppError('CONFLICT', `Cannot ${action} an article that is ${article.status}.`, {
        status: article.status,
      });
    }
    // Checked when a person publishes or schedules (an embargoed publish is a schedule too), not
    // when the scheduler releases: what was scheduled before the rule existed still goes out on
    // time rather than failing unseen in the background.
    if (byPerson && (action === 'publish' || action === 'schedule')) {
      await this.deps.altText?.assertAltText(article);
    }
    const repo = this.deps.repository;
    const embargo =
      article.embargoUntil && article.embargoUntil > now ? article.embargoUntil : null;
    const expect = [article.status];
    let ok = true;
    switch (action) {
      case 'submit':
        ok = await repo.changeStatus(article.id, {
          status: 'pending',
          publishedAt: article.publishedAt,
          updatedAt: now,
          expect,
        });
        break;
      case 'publish': {
        // An embargo wins over "publish now": the story goes out at the release time.
        // A due schedule keeps its time (even when the sweep runs late, say after a restart);
        // republishing keeps the original date, so the URL does not change.
        const keepDate =
          (article.status === 'unpublished' || article.status === 'scheduled') &&
          article.publishedAt &&
          article.publishedAt <= now;
        ok = await repo.changeStatus(article.id, {
          status: embargo ? 'scheduled' : 'published',
          publishedAt: embargo ?? (keepDate ? article.publishedAt : toSecond(now)),
          updatedAt: now,
          expect,
        });
        break;
      }
      case 'schedule': {
        if (!at) throw new AppError('VALIDATION_FAILED', 'Choose when to publish.');
        const when = toSecond(at);
        if (when <= now) throw new AppError('VALIDATION_FAILED', 'Choose a time in the future.');
        if (embargo && when < embargo) {
          throw new AppError('CONFLICT', `The article is under embargo until ${embargo}.`, {
            embargoUntil: embargo,
          });
        }
        ok = await repo.changeStatus(article.id, {
          status: 'scheduled',
          publishedAt: when,
          updatedAt: now,
          expect,
        });
        break;
      }
      case 'unschedule':
        ok = await repo.changeStatus(article.id, {
          status: 'draft',
          publishedAt: null,
          updatedAt: now,
          expect,
        });
        break;
      case 'unpublish':
        if (scheduleUnpublish) {
          const when = toSecond(at as string);
          if (when <= now) throw new AppError('VALIDATION_FAILED', 'Choose a time in the future.');
          await repo.setUnpublishAt(article.id, when);
          await repo.touch(article.id, now);
        } else {
          ok = await repo.changeStatus(article.id, {
            status: 'unpublished',
            publishedAt: article.publishedAt,
            updatedAt: now,
            expect,
            unpublishAt: null,
          });
        }
        break;
      case 'trash':
        ok = await repo.changeStatus(article.id, {
          status: 'trash',
          publishedAt: article.publishedAt,
          updatedAt: now,
          expect,
          unpublishAt: null,
        });
        break;
      case 'restore':
        ok = await repo.changeStatus(article.id, {
          status: 'draft',
          publishedAt:
            article.status === 'trash' && article.publishedAt ? article.publishedAt : null,
          updatedAt: now,
          expect,
        });
        break;
    }
    if (!ok) throw new AppError('CONFLICT', 'Someone else changed this article at the same time.');
    const after = (await this.changed(article.id, article, reason)) as NewsroomArticle;
    this.scheduleListener?.();
    return after;
  }

  /** Runs `action` on each id for `actor`; each result says whether it worked and why not. */
  async bulk(actor: Actor, ids: number[], action: Action) {
    const results = [];
    for (const id of [...new Set(ids)]) {
      try {
        const after = await this.transition(actor, id, action);
        results.push({ id, ok: true as const, status: after.status });
      } catch (error) {
        const e = error instanceof AppError ? error : new AppError('INTERNAL', 'Failed.');
        if (e.code === 'INTERNAL') throw error;
        results.push({ id, ok: false as const, error: { code: e.code, message: e.message } });
      }
    }
    return results;
  }

  /**
   * Sets or lifts an embargo. A scheduled article moves to the release time when it was due
   * earlier; a published one cannot be embargoed (it is already out).
   */
  async setEmbargo(actor: Actor, id: number, until: string | null): Promise<ArticleView> {
    const article = await this.loadFor(id, (a) => canPublish(actor, a) && canView(actor, a));
    const when = until ? toSecond(until) : null;
    if (when && article.status === 'published') {
      throw new AppError('CONFLICT', 'A published article cannot be put under embargo.');
    }
    const moveSchedule =
      when && article.status === 'scheduled' && article.publishedAt && article.publishedAt < when
        ? when
        : undefined;
    await this.deps.repository.setEmbargo(id, when, moveSchedule);
    await this.deps.repository.touch(id, this.now());
    const after = (await this.changed(id, article, 'embargo')) as NewsroomArticle;
    this.scheduleListener?.();
    return this.present(actor, after);
  }

  /** Soft lock: when someone else holds it, answers their lock and a warning instead. */
  async lock(actor: Actor, id: number, force = false) {
    await this.loadFor(id, (a) => canEdit(actor, a));
    const now = this.deps.clock();
    const before = await this.deps.repository.lockOf(id);
    const held = await this.deps.repository.takeLock(
      id,
      actor.id,
      new Date(now.getTime() + LOCK_TTL_MS).toISOString(),
      now.toISOString(),
      force,
    );
    const acquired = held.userId === actor.id;
    const previous =
      before && before.userId !== actor.id && before.expiresAt > now.toISOString() ? before : null;
    return {
      lock: { ...held, mine: acquired },
      acquired,
      previousHolder: force && previous ? { id: previous.userId, name: previous.userName } : null,
      ...(acquired ? {} : { warning: `${held.userName} is editing this article.` }),
    };
  }

  /** Renews `actor`'s lock; 409 when someone else took it over. */
  async heartbeat(actor: Actor, id: number) {
    const result = await this.lock(actor, id);
    if (!result.acquired) {
      throw new AppError('CONFLICT', `${result.lock.userName} took over editing this article.`, {
        lock: result.lock,
      });
    }
    return result.lock;
  }

  async unlock(actor: Actor, id: number): Promise<void> {
    await this.loadFor(id, (a) => canView(actor, a));
    await this.deps.repository.releaseLock(id, actor.id);
  }

  /** Appends a dated correction to a published article; its modified time changes. */
  async addCorrection(actor: Actor, id: number, kind: CorrectionKind, text: string) {
    const article = await this.load(id);
    if (!canCorrect(actor)) throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    if (article.status !== 'published') {
      throw new AppError('CONFLICT', 'Only a published article takes corrections.');
    }
    const clean = text.trim();
    if (!clean) {
      throw new AppError('VALIDATION_FAILED', 'Write the correction.', {
        fieldErrors: { text: 'Write the correction.' },
      });
    }
    const now = this.now();
    const correction = await this.deps.repository.addCorrection({
      articleId: id,
      kind,
      text: clean,
      createdAt: now,
      authorId: actor.id,
    });
    await this.deps.repository.touch(id, now);
    const after = (await this.changed(id, article, 'correction')) as NewsroomArticle;
    return { correction, article: await this.present(actor, after) };
  }

  /** The public corrections page. */
  listCorrections(limit: number, offset: number) {
    return this.deps.repository.listCorrections(this.now(), limit, offset);
  }

  correctionsOf(articleId: number): Promise<Correction[]> {
    return this.deps.repository.correctionsOf(articleId);
  }

  /** The article a secret preview link opens, whatever its status (not trashed). */
  async preview(token: string): Promise<NewsroomArticle | undefined> {
    const id = await this.deps.repository.findByPreviewToken(token);
    if (id === undefined) return undefined;
    const article = await this.deps.repository.find(id);
    return article && article.status !== 'trash' ? article : undefined;
  }

  /**
   * Publishes every scheduled article that is due and unpublishes every one whose unpublish is
   * due, through the same path as a manual action. Returns what it changed.
   */
  async releaseDue(): Promise<{ published: number[]; unpublished: number[] }> {
    const now = this.now();
    const due = await this.deps.repository.due(now);
    const published: number[] = [];
    const unpublished: number[] = [];
    for (const id of due.publish) {
      const article = await this.deps.repository.find(id);
      if (article?.status !== 'scheduled' || !article.publishedAt || article.publishedAt > now)
        continue;
      if (await this.release(article, 'publish', 'scheduled-publish')) published.push(id);
    }
    for (const id of due.unpublish) {
      const article = await this.deps.repository.find(id);
      if (article?.status !== 'published' || !article.unpublishAt || article.unpublishAt > now)
        continue;
      if (await this.release(article, 'unpublish', 'scheduled-unpublish')) unpublished.push(id);
    }
    return { published, unpublished };
  }

  /** A scheduled action; false when another process (or person) changed the article first. */
  private async release(article: NewsroomArticle, action: Action, reason: string) {
    try {
      await this.apply(article, action, undefined, reason);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') return false;
      throw error;
    }
  }

  nextDue(): Promise<string | undefined> {
    return this.deps.repository.nextDue();
  }
}

/** Published or scheduled: its fields are (or will be) public, so autosaves stay aside. */
const isLive = (a: { status: string }) => a.status === 'published' || a.status === 'scheduled';

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
