/**
 * The last answer of `load`, reused for at most `maxAgeMs` or until `forget()`: for small site-wide
 * data every page reads (settings, the section tree), which would otherwise cost a statement on
 * every request. Writers forget it in their own process; other processes forget it when a cache
 * purge reaches them over the bus (see `src/services.ts`), and `maxAgeMs` bounds what no purge
 * announces (a CLI import into a running site).
 */
export class RecentlyRead<T> {
  /** How long site-wide data is reused when no purge says otherwise. */
  static readonly SITE_DATA_MS = 1000;

  private answer: Promise<T> | undefined;
  private readAt = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<T> {
    const now = this.now();
    if (this.answer && now - this.readAt < this.maxAgeMs) return this.answer;
    const answer = this.load();
    this.answer = answer;
    this.readAt = now;
    // A failed read is not kept: the next caller tries again.
    answer.catch(() => {
      if (this.answer === answer) this.answer = undefined;
    });
    return answer;
  }

  forget(): void {
    this.answer = undefined;
  }
}
