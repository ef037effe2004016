import type { CommentStatus } from '../storage/schema.js';
import type { ModeratedComment, PublicComment } from './comment.js';

export interface NewComment {
  articleId: number;
  parentId: number | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  bodyHtml: string;
  avatarKey: string | null;
  status: CommentStatus;
  createdAt: string;
  ipHash?: string | null;
  userAgent?: string | null;
  contentHash?: string | null;
  spamScore?: number;
  moderationRule?: string | null;
  moderationReason?: string | null;
  isStaff?: boolean;
}

export interface ModerationQuery {
  status?: CommentStatus;
  articleId?: number;
  /** Newest first; default 50, at most 500. */
  limit: number;
  offset: number;
}

/** Storage the comments capability needs. Public reads never return the email. */
export interface CommentRepository {
  /** Approved comments of an article, plus the listed ids when still pending (their author's view), oldest first. */
  listVisible(articleId: number, pendingIds?: readonly number[]): Promise<PublicComment[]>;
  countApproved(articleId: number): Promise<number>;
  find(id: number): Promise<ModeratedComment | undefined>;
  insert(comment: NewComment): Promise<number>;
  /** True when this email (normalised, lower case) has an approved comment anywhere. */
  hasApprovedFrom(email: string): Promise<boolean>;
  duplicateExists(articleId: number, contentHash: string): Promise<boolean>;
  listForModeration(query: ModerationQuery): Promise<ModeratedComment[]>;
  listByEmail(email: string): Promise<ModeratedComment[]>;
  /** Changes status and records the deciding rule; returns how many comments changed. */
  setStatus(
    ids: readonly number[],
    status: CommentStatus,
    decision: { rule: string; reason: string; at: string },
  ): Promise<number>;
  updateText(id: number, body: string, bodyHtml: string, editedAt: string): Promise<void>;
  /** Replaces personal data of every comment by this email; returns how many were changed. */
  anonymise(
    email: string,
    replacement: { authorName: string; avatarKey: string; removeText: boolean },
  ): Promise<number>;
  /** How many comments are in each status (the moderation queue's tabs). */
  countByStatus(): Promise<Record<CommentStatus, number>>;
  /** Deletes these comments for good (replies keep their place at the top level); returns how many. */
  deleteMany(ids: readonly number[]): Promise<number>;
  /** Deletes comments in these statuses last changed before `before`; returns how many. */
  purge(statuses: readonly CommentStatus[], before: string): Promise<number>;
  addBan(ban: {
    kind: 'email' | 'ip';
    valueHash: string;
    reason: string;
    at: string;
  }): Promise<number>;
  removeBan(id: number): Promise<boolean>;
  listBans(): Promise<
    Array<{ id: number; kind: 'email' | 'ip'; reason: string; createdAt: string }>
  >;
  isBanned(emailHash: string, ipHash: string | null): Promise<boolean>;
}
