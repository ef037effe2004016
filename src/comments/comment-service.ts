import { type CommentNode, threadComments } from './comment.js';
import type { CommentRepository, NewComment } from './comment-repository.js';

export interface CommentServiceDeps {
  repository: CommentRepository;
  clock: () => Date;
}

/** Reading and recording reader comments. */
export class CommentService {
  constructor(private readonly deps: CommentServiceDeps) {}

  /** Approved comments of an article as a reply tree, oldest first. */
  async thread(articleId: number): Promise<CommentNode[]> {
    return threadComments(await this.deps.repository.listApproved(articleId));
  }

  /** Stores a comment as given (used by seeding and imports; reader posting validates first). */
  record(comment: Omit<NewComment, 'createdAt'> & { createdAt?: string }): Promise<number> {
    return this.deps.repository.insert({
      ...comment,
      createdAt: comment.createdAt ?? this.deps.clock().toISOString(),
    });
  }
}
