import { randomBytes } from 'node:crypto';
import { AppError } from '../http/app-error.js';
import type { Settings } from '../settings/settings.js';
import type { CommentStatus } from '../storage/schema.js';
import type { CounterStore } from '../stores/counter-store.js';
import type { SanitizedHtml } from '../text/sanitized-html.js';
import {
  type CommentNode,
  countNodes,
  type ModeratedComment,
  type PublicComment,
  threadComments,
} from './comment.js';
import type { CommentEvent, CommentEvents } from './comment-events.js';
import { CommentKeys, normaliseEmail } from './comment-keys.js';
import type { CommentRepository, ModerationQuery } from './comment-repository.js';
import {
  cleanLine,
  cleanText,
  countLinks,
  normaliseForDuplicates,
  renderCommentBody,
} from './comment-text.js';
import { moderate } from './moderation.js';

/** A public article as comments need it. */
export interface CommentTarget {
  id: number;
  title: string;
  /** Canonical site-relative path. */
  path: string;
  commentStatus: 'open' | 'closed';
  publishedAt: string;
}

/** Finds an article readers can see (published, not in the future); undefined otherwise. */
export type FindCommentTarget = (articleId: number) => Promise<CommentTarget | undefined>;

export interface CommentServiceDeps {
  repository: CommentRepository;
  findTarget: FindCommentTarget;
  settings: { all(): Promise<Settings> };
  clock: () => Date;
  /** The server secret (resolved once, lazily: see `resolveSecret`). */
  secret: () => Promise<string>;
  /** Per-email posting counters. */
  throttle: CounterStore;
  events: CommentEvents;
  /**
   * Told (and awaited) after comments appear on or leave a public page, or change there: caches
   * of those articles' pages are purged.
   */
  publicChanged?: (articleIds: number[]) => Promise<void>;
}

/** A posting as it arrives from the form or the JSON API: untrusted strings. */
export interface CommentSubmission {
  articleId: number;
  parentId?: string | undefined;
  name?: string | undefined;
  email?: string | undefined;
  url?: string | undefined;
  text?: string | undefined;
  /** The signed token the form carries (render time). */
  token?: string | undefined;
  /** The honeypot field: humans leave it empty. */
  honeypot?: string | undefined;
}

export interface SubmissionContext {
  ip: string;
  userAgent?: string | undefined;
}

export type FieldName = 'text' | 'name' | 'email' | 'url' | 'form';
export type FieldErrorCode =
  | 'required'
  | 'too-long'
  | 'invalid-email'
  | 'invalid-url'
  | 'too-fast'
  | 'form-expired';

export interface PostedComment {
  comment: PublicComment;
  target: CommentTarget;
  count: number;
}

export interface DiscussionOptions {
  /** 1-based page of top-level comments; undefined = the first page. */
  page?: number;
  /** Comment being replied to (`?replytocom=`), when it can be. */
  replyToId?: number;
  /** Show only this comment's thread (`?thread=`), for "continue this thread". */
  threadId?: number;
  /** Pending comments to show because their author's signed cookie lists them. */
  heldIds?: readonly number[];
  /** The settings this request already read (the page's layout did); read afresh when absent. */
  settings?: Settings;
}

/** Everything the comments section of an article page shows. */
export interface Discussion {
  articleId: number;
  articlePath: string;
  open: boolean;
  /** Approved comments on the article. */
  count: number;
  /** Top-level comments of this page with their replies (or the one thread shown). */
  roots: CommentNode[];
  page: number;
  pages: number;
  order: 'oldest' | 'newest';
  visibleDepth: number;
  replyTo: { id: number; authorName: string } | null;
  thread: { id: number; authorName: string } | null;
  /** True when a held comment of this visitor is shown: the response is then private. */
  showsHeld: boolean;
  /** The signed render-time token the form carries; the same for every visitor. */
  formToken: string;
  maxLength: number;
  /** True when new top-level comments belong on this page (live updates insert them here). */
  isLatestPage: boolean;
}

export type ModerationAction = 'approve' | 'unapprove' | 'spam' | 'trash' | 'restore';

const ACTION_STATUS: Record<ModerationAction, CommentStatus> = {
  approve: 'approved',
  unapprove: 'pending',
  spam: 'spam',
  trash: 'trash',
  restore: 'pending',
};

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const NAME_MAX = 100;
const EMAIL_MAX = 254;
const URL_MAX = 200;
/** A form older than this is refused (the page was open for over a week). */
const TOKEN_MAX_AGE_SECONDS = 7 * 24 * 3600;
const HELD_COOKIE_DAYS = 30;
const HELD_COOKIE_MAX_IDS = 20;

function fieldError(
  code: 'VALIDATION_FAILED' | 'COMMENT_TOO_FAST' | 'COMMENT_FORM_EXPIRED',
  message: string,
  fieldErrors: Partial<Record<FieldName, FieldErrorCode>>,
) {
  return new AppError(code, message, { fieldErrors });
}

function webUrl(raw: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!url.hostname.includes('.') || url.username || url.password) return undefined;
    return url.toString();
  } catch {
    return undefined;
  }
}

/** Reader comments: posting with moderation and spam defence, threads, moderation, data rights. */
export class CommentService {
  private keysPromise: Promise<CommentKeys> | undefined;

  constructor(private readonly deps: CommentServiceDeps) {}

  private now(): Date {
    return this.deps.clock();
  }

  /** The keyed hashes and signatures; resolves the secret on first use. */
  keys(): Promise<CommentKeys> {
    this.keysPromise ??= this.deps.secret().then((s) => new CommentKeys(s));
    return this.keysPromise;
  }

  /** True when readers may comment on `target` now (site switch, article switch, auto-close). */
  isOpen(target: CommentTarget, settings: Settings): boolean {
    if (!settings.commentsOpen || target.commentStatus !== 'open') return false;
    const days = settings.commentCloseAfterDays;
    if (days > 0) {
      const age = this.now().getTime() - Date.parse(target.publishedAt);
      if (age > days * 86_400_000) return false;
    }
    return true;
  }

  /** The render-time token of a form: which article and when, signed. */
  async formToken(articleId: number): Promise<string> {
    const seconds = Math.floor(this.now().getTime() / 1000);
    return (await this.keys()).sign('form', `${articleId}:${seconds}`);
  }

  /** Seconds since the form was rendered, or undefined when the token is not ours for this article. */
  private async tokenAge(token: string | undefined, articleId: number) {
    if (!token) return undefined;
    const payload = (await this.keys()).verify('form', token);
    const match = payload?.match(/^(\d+):(\d+)$/);
    if (!match || Number(match[1]) !== articleId) return undefined;
    return Math.floor(this.now().getTime() / 1000) - Number(match[2]);
  }

  /** The pending comment ids a held-comment cookie vouches for (signed, unexpired). */
  async heldIdsFrom(cookie: string | undefined): Promise<number[]> {
    if (!cookie) return [];
    const payload = (await this.keys()).verify('held', cookie);
    const match = payload?.match(/^([\d-]+):(\d+)$/);
    if (!match || Number(match[2]) * 1000 < this.now().getTime()) return [];
    return match[1]!.split('-').map(Number).filter(Number.isSafeInteger);
  }

  /** A cookie value listing `ids` (the newest last), signed and valid for 30 days. */
  async heldCookie(ids: readonly number[]): Promise<{ value: string; maxAgeSeconds: number }> {
    const kept = [...new Set(ids)].slice(-HELD_COOKIE_MAX_IDS);
    const maxAgeSeconds = HELD_COOKIE_DAYS * 86_400;
    const expires = Math.floor(this.now().getTime() / 1000) + maxAgeSeconds;
    return {
      value: (await this.keys()).sign('held', `${kept.join('-')}:${expires}`),
      maxAgeSeconds,
    };
  }

  /**
   * Validates, screens and stores a reader's comment. Throws AppError: NOT_FOUND (no public
   * article), COMMENTS_CLOSED, COMMENT_PARENT_INVALID, COMMENT_BANNED, RATE_LIMITED (per email,
   * with `retryAfter` seconds), COMMENT_DUPLICATE, VALIDATION_FAILED / COMMENT_TOO_FAST /
   * COMMENT_FORM_EXPIRED (with `fieldErrors`). Returns the stored comment whatever its status
   * (approved, pending or spam).
   */
  async post(input: CommentSubmission, context: SubmissionContext): Promise<PostedComment> {
    const settings = await this.deps.settings.all();
    const target = await this.deps.findTarget(input.articleId);
    if (!target) throw new AppError('NOT_FOUND', 'There is no such article to comment on.');
    if (!this.isOpen(target, settings)) {
      throw new AppError('COMMENTS_CLOSED', 'Comments are closed for this article.');
    }

    const text = cleanText(input.text ?? '');
    const name = cleanLine(input.name ?? '');
    const email = normaliseEmail(cleanLine(input.email ?? ''));
    const rawUrl = cleanLine(input.url ?? '');
    const errors: Partial<Record<FieldName, FieldErrorCode>> = {};
    if (!text) errors.text = 'required';
    else if ([...text].length > settings.commentMaxLength) errors.text = 'too-long';
    if (!name) errors.name = 'required';
    else if ([...name].length > NAME_MAX) errors.name = 'too-long';
    if (!email) errors.email = 'required';
    else if (email.length > EMAIL_MAX || !EMAIL.test(email)) errors.email = 'invalid-email';
    const url = rawUrl ? (webUrl(rawUrl) ?? null) : null;
    if (rawUrl && (!url || url.length > URL_MAX)) errors.url = 'invalid-url';
    if (Object.keys(errors).length) {
      throw fieldError('VALIDATION_FAILED', 'Please correct the highlighted fields.', errors);
    }

    const age = await this.tokenAge(input.token, target.id);
    if (age === undefined || age > TOKEN_MAX_AGE_SECONDS || age < -60) {
      throw fieldError(
        'COMMENT_FORM_EXPIRED',
        'This form has expired. Please post your comment again.',
        { form: 'form-expired' },
      );
    }
    if (age < settings.commentMinSecondsToSubmit) {
      throw fieldError('COMMENT_TOO_FAST', 'That was quick! Please wait a moment and post again.', {
        form: 'too-fast',
      });
    }

    const parent = await this.resolveParent(input.parentId, target.id, settings.commentMaxDepth);
    const keys = await this.keys();
    const emailHash = keys.emailHash(email);
    const ipHash = context.ip ? keys.ipHash(context.ip) : null;
    if (await this.deps.repository.isBanned(emailHash, ipHash)) {
      throw new AppError('COMMENT_BANNED', 'Comments from you are not accepted on this site.');
    }
    const limit = settings.commentRateLimitPerEmailPerHour;
    const hits = await this.deps.throttle.hit(`comment-email:${emailHash}`, 3_600_000);
    if (hits.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((hits.resetAt - this.now().getTime()) / 1000));
      throw new AppError('RATE_LIMITED', 'You have posted many comments recently. Please wait.', {
        retryAfter,
      });
    }
    const contentHash = keys.contentHash(email, target.id, normaliseForDuplicates(text));
    if (await this.deps.repository.duplicateExists(target.id, contentHash)) {
      throw new AppError('COMMENT_DUPLICATE', 'It looks as though you have already said that.');
    }

    const bodyHtml = renderCommentBody(text);
    const decision = moderate(
      {
        text,
        authorName: name,
        authorUrl: url,
        linkCount: countLinks(bodyHtml),
        honeypotFilled: Boolean(input.honeypot?.trim()),
        knownAuthor: await this.deps.repository.hasApprovedFrom(email),
      },
      settings,
    );
    const createdAt = this.now().toISOString();
    const id = await this.deps.repository.insert({
      articleId: target.id,
      parentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 1,
      authorName: name,
      authorEmail: email,
      authorUrl: url,
      body: text,
      bodyHtml,
      avatarKey: keys.avatarKey(email),
      status: decision.status,
      createdAt,
      ipHash,
      userAgent: context.userAgent?.slice(0, 300) ?? null,
      contentHash,
      spamScore: decision.score,
      moderationRule: decision.rule,
      moderationReason: decision.reason,
    });
    const stored = (await this.deps.repository.find(id))!;
    const count = await this.deps.repository.countApproved(target.id);
    if (stored.status === 'approved') {
      await this.deps.publicChanged?.([target.id]);
      this.deps.events.publish({ articleId: target.id, comment: publicView(stored), count });
    }
    return { comment: publicView(stored), target, count };
  }

  /**
   * The parent a reply hangs from: it must be an approved comment of the same article. A reply
   * deeper than the maximum depth hangs from the deepest allowed ancestor instead.
   */
  private async resolveParent(raw: string | undefined, articleId: number, maxDepth: number) {
    if (raw === undefined || raw.trim() === '' || raw.trim() === '0') return undefined;
    const invalid = () =>
      new AppError('COMMENT_PARENT_INVALID', 'The comment you are replying to cannot be found.');
    if (!/^\d{1,15}$/.test(raw.trim())) throw invalid();
    let parent = await this.deps.repository.find(Number(raw));
    if (!parent || parent.articleId !== articleId || parent.status !== 'approved') throw invalid();
    const depthLimit = Math.max(1, maxDepth);
    while (parent.depth >= depthLimit && parent.parentId !== null) {
      const up = await this.deps.repository.find(parent.parentId);
      if (!up) break;
      parent = up;
    }
    // Only a maximum depth of 1 gets here: every comment is then top-level.
    return parent.depth >= depthLimit ? undefined : parent;
  }

  /** The public article `articleId` as comments need it, or undefined when readers cannot see it. */
  target(articleId: number): Promise<CommentTarget | undefined> {
    return this.deps.findTarget(articleId);
  }

  /** Approved comments of an article, oldest first, with rendered bodies (for the public API). */
  approvedList(articleId: number): Promise<PublicComment[]> {
    return this.visible(articleId, []);
  }

  /** Live updates: calls `listener` with each comment that becomes visible on the article. */
  subscribe(articleId: number, listener: (event: CommentEvent) => void): () => void {
    return this.deps.events.subscribe(articleId, listener);
  }

  private async visible(articleId: number, heldIds: readonly number[]) {
    const rows = await this.deps.repository.listVisible(articleId, heldIds);
    for (const r of rows) if (!r.bodyHtml && r.body) r.bodyHtml = renderCommentBody(r.body);
    return rows;
  }

  /**
   * The comments section of an article page. Throws NOT_FOUND for a page or thread that does not
   * exist, so a bad `?cpage=` is a 404 like any missing page.
   */
  async discussion(target: CommentTarget, options: DiscussionOptions = {}): Promise<Discussion> {
    const settings = options.settings ?? (await this.deps.settings.all());
    const order = settings.commentOrder === 'newest' ? 'newest' : 'oldest';
    const perPage = Math.max(1, settings.commentsPerPage);
    const comments = await this.visible(target.id, options.heldIds ?? []);
    let roots = orderRoots(threadComments(comments), order);
    const pages = Math.max(1, Math.ceil(roots.length / perPage));
    const page = options.page ?? 1;
    if (page < 1 || page > pages) throw new AppError('NOT_FOUND', 'No such page of comments.');
    let thread: Discussion['thread'] = null;
    if (options.threadId !== undefined) {
      const node = findNode(roots, options.threadId);
      if (node?.status !== 'approved') throw new AppError('NOT_FOUND', 'No such comment thread.');
      roots = [node];
      thread = { id: node.id, authorName: node.authorName };
    } else {
      roots = roots.slice((page - 1) * perPage, page * perPage);
    }
    const replyNode =
      options.replyToId !== undefined
        ? comments.find((c) => c.id === options.replyToId)
        : undefined;
    return {
      articleId: target.id,
      articlePath: target.path,
      open: this.isOpen(target, settings),
      count: comments.filter((c) => c.status === 'approved').length,
      roots,
      page,
      pages,
      order,
      visibleDepth: Math.max(1, settings.commentVisibleDepth),
      replyTo:
        replyNode && replyNode.status === 'approved'
          ? { id: replyNode.id, authorName: replyNode.authorName }
          : null,
      thread,
      showsHeld: comments.some((c) => c.status !== 'approved'),
      formToken: await this.formToken(target.id),
      maxLength: settings.commentMaxLength,
      isLatestPage: thread === null && (order === 'newest' ? page === 1 : page === pages),
    };
  }

  /**
   * Where a comment is seen: the article page that holds its thread, or the "continue this
   * thread" view when it sits deeper than the visible depth; always with `#comment-<id>`.
   */
  async permalink(id: number): Promise<string | undefined> {
    const comment = await this.deps.repository.find(id);
    if (comment?.status !== 'approved') return undefined;
    const target = await this.deps.findTarget(comment.articleId);
    if (!target) return undefined;
    return this.permalinkFor(comment, target, await this.deps.settings.all());
  }

  /**
   * Where a just-posted comment can be seen (its page and anchor). Reads the whole discussion, so
   * only the form post, which redirects there, asks for it.
   */
  async permalinkOf(posted: PostedComment): Promise<string> {
    return this.permalinkFor(posted.comment, posted.target, await this.deps.settings.all());
  }

  private async permalinkFor(
    comment: PublicComment,
    target: CommentTarget,
    settings: Settings,
  ): Promise<string> {
    const anchor = `#comment-${comment.id}`;
    if (comment.status !== 'approved') return `${target.path}${anchor}`;
    const order = settings.commentOrder === 'newest' ? 'newest' : 'oldest';
    const roots = orderRoots(threadComments(await this.visible(target.id, [])), order);
    const path = pathTo(roots, comment.id);
    if (!path) return `${target.path}${anchor}`;
    const visibleDepth = Math.max(1, settings.commentVisibleDepth);
    if (path.length > visibleDepth) {
      // The thread view starts at the ancestor whose replies were collapsed.
      return `${target.path}?thread=${path[visibleDepth - 1]!.id}${anchor}`;
    }
    const rootIndex = roots.indexOf(path[0]!);
    const page = Math.floor(rootIndex / Math.max(1, settings.commentsPerPage)) + 1;
    return `${target.path}${page > 1 ? `?cpage=${page}` : ''}${anchor}`;
  }

  /** Stores a comment as given (seeding and imports): rendered, hashed, not screened. */
  async record(comment: {
    articleId: number;
    parentId: number | null;
    authorName: string;
    authorEmail: string;
    authorUrl: string | null;
    body: string;
    status: CommentStatus;
    createdAt?: string;
  }): Promise<number> {
    const keys = await this.keys();
    const parent =
      comment.parentId !== null ? await this.deps.repository.find(comment.parentId) : undefined;
    const email = normaliseEmail(comment.authorEmail);
    return this.deps.repository.insert({
      ...comment,
      // Imported data is not trusted either: only a web address becomes a link.
      authorUrl: comment.authorUrl ? (webUrl(comment.authorUrl) ?? null) : null,
      authorEmail: email,
      depth: parent ? parent.depth + 1 : 1,
      body: cleanText(comment.body),
      bodyHtml: renderCommentBody(cleanText(comment.body)),
      avatarKey: keys.avatarKey(email),
      createdAt: comment.createdAt ?? this.now().toISOString(),
      moderationRule: 'imported',
      moderationReason: 'recorded without screening',
    });
  }

  // Moderation ------------------------------------------------------------------------------

  /** Comments for moderators, newest first, with the rule and reason behind each status. */
  listForModeration(query: Partial<ModerationQuery>): Promise<ModeratedComment[]> {
    return this.deps.repository.listForModeration({
      status: query.status,
      articleId: query.articleId,
      limit: Math.min(500, Math.max(1, query.limit ?? 50)),
      offset: Math.max(0, query.offset ?? 0),
    });
  }

  find(id: number): Promise<ModeratedComment | undefined> {
    return this.deps.repository.find(id);
  }

  /**
   * Applies a moderation action to comments; returns how many changed. Newly approved comments
   * are announced to live readers.
   */
  async moderate(ids: readonly number[], action: ModerationAction, by = 'moderator') {
    const before = (await Promise.all(ids.map((id) => this.deps.repository.find(id)))).filter(
      (c): c is ModeratedComment => c !== undefined,
    );
    const status = ACTION_STATUS[action];
    const changed = await this.deps.repository.setStatus(
      before.map((c) => c.id),
      status,
      { rule: `manual-${action}`, reason: `${action} by ${by}`, at: this.now().toISOString() },
    );
    // Shown or hidden either way: every article whose public thread this touched.
    const touched = before.filter((c) => c.status === 'approved' || status === 'approved');
    if (touched.length > 0)
      await this.deps.publicChanged?.([...new Set(touched.map((c) => c.articleId))]);
    if (status === 'approved') {
      for (const c of before.filter((c) => c.status !== 'approved')) {
        const count = await this.deps.repository.countApproved(c.articleId);
        this.deps.events.publish({
          articleId: c.articleId,
          comment: { ...publicView(c), status: 'approved' },
          count,
        });
      }
    }
    return changed;
  }

  /** How many comments wait in each status: the moderation queue's tab counts. */
  countByStatus(): Promise<Record<CommentStatus, number>> {
    return this.deps.repository.countByStatus();
  }

  /**
   * Deletes comments for good. Only spam and trash can be deleted, so an approved comment always
   * leaves the public page through a status change first (and its live readers are told).
   */
  async deletePermanently(ids: readonly number[]): Promise<number> {
    const found = await Promise.all(ids.map((id) => this.deps.repository.find(id)));
    const deletable = found
      .filter((c): c is ModeratedComment => c?.status === 'spam' || c?.status === 'trash')
      .map((c) => c.id);
    return this.deps.repository.deleteMany(deletable);
  }

  /** Replaces a comment's text (staff edit); rendered again and marked as edited. */
  async edit(id: number, text: string): Promise<ModeratedComment> {
    const comment = await this.deps.repository.find(id);
    if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
    const clean = cleanText(text);
    if (!clean) {
      throw fieldError('VALIDATION_FAILED', 'The text is required.', { text: 'required' });
    }
    await this.deps.repository.updateText(
      id,
      clean,
      renderCommentBody(clean),
      this.now().toISOString(),
    );
    if (comment.status === 'approved') await this.deps.publicChanged?.([comment.articleId]);
    return (await this.deps.repository.find(id))!;
  }

  /** A staff reply, approved at once; replying to a held comment approves it (as WordPress does). */
  async replyAsStaff(parentId: number, reply: { name: string; text: string }) {
    const parent = await this.deps.repository.find(parentId);
    if (!parent || parent.status === 'spam' || parent.status === 'trash') {
      throw new AppError('COMMENT_PARENT_INVALID', 'The comment to reply to cannot be found.');
    }
    const name = cleanLine(reply.name);
    const text = cleanText(reply.text);
    const errors: Partial<Record<FieldName, FieldErrorCode>> = {};
    if (!name) errors.name = 'required';
    if (!text) errors.text = 'required';
    if (Object.keys(errors).length) {
      throw fieldError('VALIDATION_FAILED', 'Please give a name and a text.', errors);
    }
    if (parent.status === 'pending') await this.moderate([parent.id], 'approve', 'staff reply');
    const settings = await this.deps.settings.all();
    const tooDeep = parent.depth >= settings.commentMaxDepth && parent.parentId !== null;
    const hangFrom = tooDeep ? await this.deps.repository.find(parent.parentId!) : parent;
    const keys = await this.keys();
    const id = await this.deps.repository.insert({
      articleId: parent.articleId,
      parentId: hangFrom!.id,
      depth: hangFrom!.depth + 1,
      authorName: name,
      authorEmail: '',
      authorUrl: null,
      body: text,
      bodyHtml: renderCommentBody(text),
      avatarKey: keys.avatarKey(`staff:${name}`),
      status: 'approved',
      createdAt: this.now().toISOString(),
      moderationRule: 'staff',
      moderationReason: 'written by staff',
      isStaff: true,
    });
    const stored = (await this.deps.repository.find(id))!;
    const count = await this.deps.repository.countApproved(stored.articleId);
    await this.deps.publicChanged?.([stored.articleId]);
    this.deps.events.publish({ articleId: stored.articleId, comment: publicView(stored), count });
    return stored;
  }

  /** Bans the email or IP of a comment, or an email given directly. Returns the ban's id. */
  async ban(ban: { kind: 'email' | 'ip'; commentId?: number; email?: string; reason?: string }) {
    const keys = await this.keys();
    let valueHash: string | undefined;
    if (ban.commentId !== undefined) {
      const comment = await this.deps.repository.find(ban.commentId);
      if (!comment) throw new AppError('NOT_FOUND', 'No such comment.');
      valueHash =
        ban.kind === 'email'
          ? comment.authorEmail
            ? keys.emailHash(comment.authorEmail)
            : undefined
          : (comment.ipHash ?? undefined);
    } else if (ban.kind === 'email' && ban.email) {
      valueHash = keys.emailHash(ban.email);
    }
    if (!valueHash) {
      throw new AppError('BAD_REQUEST', `There is no ${ban.kind} to ban for this request.`);
    }
    return this.deps.repository.addBan({
      kind: ban.kind,
      valueHash,
      reason: ban.reason ?? '',
      at: this.now().toISOString(),
    });
  }

  unban(id: number): Promise<boolean> {
    return this.deps.repository.removeBan(id);
  }

  listBans() {
    return this.deps.repository.listBans();
  }

  /** Deletes spam and trash older than the retention period; returns how many were deleted. */
  async purgeExpired(retentionDays?: number): Promise<number> {
    const days = retentionDays ?? (await this.deps.settings.all()).commentRetentionDays;
    const before = new Date(this.now().getTime() - days * 86_400_000).toISOString();
    return this.deps.repository.purge(['spam', 'trash'], before);
  }

  // Commenter data rights ---------------------------------------------------------------------

  /** Everything stored about an email's comments (for `comments export`). */
  async exportByEmail(email: string) {
    const rows = await this.deps.repository.listByEmail(normaliseEmail(email));
    return rows.map((c) => ({
      id: c.id,
      articleId: c.articleId,
      parentId: c.parentId,
      status: c.status,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      authorUrl: c.authorUrl,
      text: c.body,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      userAgent: c.userAgent,
    }));
  }

  /**
   * Anonymises every comment by an email: name, email, website, IP hash and user agent are
   * replaced; the text stays unless `removeText`. Returns how many comments were changed.
   */
  async eraseByEmail(email: string, options: { removeText: boolean }): Promise<number> {
    const keys = await this.keys();
    const rows = await this.deps.repository.listByEmail(normaliseEmail(email));
    const changed = await this.deps.repository.anonymise(normaliseEmail(email), {
      authorName: 'Anonymous',
      avatarKey: keys.avatarKey(`erased:${randomBytes(8).toString('hex')}`),
      removeText: options.removeText,
    });
    const shown = rows.filter((c) => c.status === 'approved').map((c) => c.articleId);
    if (shown.length > 0) await this.deps.publicChanged?.([...new Set(shown)]);
    return changed;
  }
}

/** Strips the private fields of a moderated comment. */
export function publicView(c: ModeratedComment | PublicComment): PublicComment {
  return {
    id: c.id,
    parentId: c.parentId,
    authorName: c.authorName,
    authorUrl: c.authorUrl,
    body: c.body,
    bodyHtml: (c.bodyHtml || (c.body ? renderCommentBody(c.body) : '')) as SanitizedHtml,
    avatarKey: c.avatarKey,
    depth: c.depth,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    isStaff: c.isStaff,
    status: c.status,
  };
}

function orderRoots(roots: CommentNode[], order: 'oldest' | 'newest'): CommentNode[] {
  return order === 'newest' ? [...roots].reverse() : roots;
}

function findNode(nodes: CommentNode[], id: number): CommentNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const found = findNode(n.replies, id);
    if (found) return found;
  }
  return undefined;
}

/** The chain root → … → the comment, or undefined when it is not in the forest. */
function pathTo(nodes: CommentNode[], id: number): CommentNode[] | undefined {
  for (const n of nodes) {
    if (n.id === id) return [n];
    const below = pathTo(n.replies, id);
    if (below) return [n, ...below];
  }
  return undefined;
}

export { countNodes };
