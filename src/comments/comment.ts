import type { CommentStatus } from '../storage/schema.js';
import type { SanitizedHtml } from '../text/sanitized-html.js';

/** A comment as the public may see it: no email, no IP, no moderation notes. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string | null;
  /** The text as the reader wrote it (cleaned). */
  body: string;
  /** The text rendered to the comment allowlist on save. */
  bodyHtml: SanitizedHtml;
  /** Seeds the identicon; a keyed hash, see `CommentKeys.avatarKey`. */
  avatarKey: string | null;
  depth: number;
  createdAt: string;
  editedAt: string | null;
  isStaff: boolean;
  /** `approved`, or `pending` for a held comment shown to its own author only. */
  status: CommentStatus;
}

/** Everything moderators see: the public view plus who posted it and why it has its status. */
export interface ModeratedComment extends PublicComment {
  articleId: number;
  /** Private: staff only, never in a public response. */
  authorEmail: string;
  ipHash: string | null;
  userAgent: string | null;
  spamScore: number;
  moderationRule: string | null;
  moderationReason: string | null;
  moderatedAt: string | null;
}

/** A comment with its visible replies, for threaded display. */
export interface CommentNode extends PublicComment {
  replies: CommentNode[];
}

/**
 * Builds the reply tree from a flat list in display order. A reply whose parent is not in the list
 * (held, deleted) is shown at the top level rather than lost.
 */
export function threadComments(comments: PublicComment[]): CommentNode[] {
  const nodes = new Map<number, CommentNode>(comments.map((c) => [c.id, { ...c, replies: [] }]));
  const roots: CommentNode[] = [];
  for (const c of comments) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId !== null ? nodes.get(c.parentId) : undefined;
    if (parent && parent !== node) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Number of comments in a forest of reply trees. */
export function countNodes(nodes: readonly CommentNode[]): number {
  return nodes.reduce((n, c) => n + 1 + countNodes(c.replies), 0);
}
