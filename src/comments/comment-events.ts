import { EventEmitter } from 'node:events';
import type { PublicComment } from './comment.js';

/** A comment that became visible to everyone, and the article's new approved count. */
export interface CommentEvent {
  articleId: number;
  comment: PublicComment;
  count: number;
}

/**
 * Fan-out of newly visible comments to live readers (Server-Sent Events). One contract: this
 * in-memory bus serves one process; several processes need a shared implementation (Redis pub/sub)
 * behind the same interface.
 */
export interface CommentEvents {
  publish(event: CommentEvent): void;
  /** Calls `listener` for each event of `articleId`; returns the unsubscribe function. */
  subscribe(articleId: number, listener: (event: CommentEvent) => void): () => void;
}

export class MemoryCommentEvents implements CommentEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open page: many readers of one story is normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  publish(event: CommentEvent): void {
    this.emitter.emit(`article:${event.articleId}`, event);
  }

  subscribe(articleId: number, listener: (event: CommentEvent) => void): () => void {
    const name = `article:${articleId}`;
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }
}
