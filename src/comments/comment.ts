/** A comment as the public may see it: no email, no IP. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string | null;
  body: string;
  createdAt: string;
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
