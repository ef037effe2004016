import type { CommentStatus } from '../storage/schema.js';
import type { PublicComment } from './comment.js';

export interface NewComment {
  articleId: number;
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  body: string;
  status: CommentStatus;
  createdAt: string;
}

/** Storage the comments capability needs. Public reads never return the email. */
export interface CommentRepository {
  listApproved(articleId: number): Promise<PublicComment[]>;
  insert(comment: NewComment): Promise<number>;
}
