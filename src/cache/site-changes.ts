/**
 * Changes to public surfaces that are not article changes (those travel through
 * `src/newsroom/article-events.ts`): comments becoming visible or hidden, and site-wide changes
 * (settings, categories, tags, people) that show on every page.
 */
export type SiteChange =
  | { kind: 'comments'; articleIds: number[] }
  | { kind: 'site'; reason: string };

export type SiteChangeListener = (change: SiteChange) => void | Promise<void>;

/**
 * Observers of site changes (the page cache). Listeners are awaited in order; one that throws is
 * reported and does not stop the others, nor undo the change.
 */
export class SiteChanges {
  private readonly listeners: SiteChangeListener[] = [];

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  /** Adds a listener; returns a function that removes it. */
  on(listener: SiteChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  async emit(change: SiteChange): Promise<void> {
    for (const listener of [...this.listeners]) {
      try {
        await listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
