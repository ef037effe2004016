import { EventEmitter } from 'node:events';
import { MemoryMessageBus, type MessageBus } from '../stores/message-bus.js';
import type { PublicComment } from './comment.js';

/** A comment that became visible to everyone, and the article's new approved count. */
export interface CommentEvent {
  articleId: number;
  comment: PublicComment;
  count: number;
}

/**
 * Fan-out of newly visible comments to live readers (Server-Sent Events), across every process of
 * the site: events travel over the MessageBus (memory in one process, Redis pub/sub across many),
 * so a comment approved on one process reaches readers connected to another.
 */
export interface CommentEvents {
  publish(event: CommentEvent): void;
  /** Calls `listener` for each event of `articleId`; returns the unsubscribe function. */
  subscribe(articleId: number, listener: (event: CommentEvent) => void): () => void;
}

/** The bus channel carrying every comment event; one subscription per process. */
export const COMMENT_EVENTS_CHANNEL = 'comments:visible';

/**
 * CommentEvents over a MessageBus. The process subscribes to one channel once and fans out to its
 * open pages locally by article, so a thousand open pages cost one Redis subscription.
 */
export class BusCommentEvents implements CommentEvents {
  private readonly local = new EventEmitter();

  constructor(
    private readonly bus: MessageBus,
    private readonly onError: (error: unknown) => void = (error) =>
      process.emitWarning(`comment events: ${String(error)}`),
  ) {
    // One listener per open page: many readers of one story is normal, not a leak.
    this.local.setMaxListeners(0);
    bus.subscribe(COMMENT_EVENTS_CHANNEL, (message) => {
      const event = message as CommentEvent;
      if (typeof event?.articleId !== 'number') return;
      this.local.emit(`article:${event.articleId}`, event);
    });
  }

  publish(event: CommentEvent): void {
    // The comment is already stored; a lost announcement only delays it until the next page load.
    this.bus.publish(COMMENT_EVENTS_CHANNEL, event).catch(this.onError);
  }

  subscribe(articleId: number, listener: (event: CommentEvent) => void): () => void {
    const name = `article:${articleId}`;
    this.local.on(name, listener);
    return () => this.local.off(name, listener);
  }
}

/** BusCommentEvents on a private in-process bus (one process, tests). */
export class MemoryCommentEvents extends BusCommentEvents {
  constructor() {
    super(new MemoryMessageBus());
  }
}
