import type { ArticleStatus } from '../storage/schema.js';

/** What a public surface needs to know about an article before and after a change. */
export interface ArticleState {
  status: ArticleStatus;
  slug: string;
  /** The public path while the article is public, else null. */
  path: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

export interface ArticleChange {
  articleId: number;
  /** Null when the article was just created. */
  before: ArticleState | null;
  after: ArticleState | null;
  /** `created`, `saved`, `transition:publish`, `scheduled-publish`, `correction`, ... */
  reason: string;
}

export type ArticleChangeListener = (change: ArticleChange) => void | Promise<void>;

/**
 * Observers of article changes (page cache, webhooks). Listeners run in order and are awaited;
 * one that throws is reported and does not stop the others, nor undo the change.
 */
export class ArticleEvents {
  private readonly listeners: ArticleChangeListener[] = [];

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /** Adds a listener; returns a function that removes it. */
  on(_event: 'changed', listener: ArticleChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  async emit(change: ArticleChange): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
