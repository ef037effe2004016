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

  /** One answer is the keyed case with a single key. */
  private readonly recent: RecentlyReadByKey<T>;

  constructor(
    private readonly load: () => Promise<T>,
    maxAgeMs: number,
    now: () => number = () => performance.now(),
  ) {
    this.recent = new RecentlyReadByKey(maxAgeMs, 1, now);
  }

  get(): Promise<T> {
    return this.recent.get('', this.load);
  }

  forget(): void {
    this.recent.forget();
  }
}

/**
 * `RecentlyRead` for many small answers by key (the first page of a list: "More from" a section,
 * the home page's sections), at most `maxKeys` of them, the oldest dropped first. The loader is
 * the caller's, not kept: what it closes over (the section tree) is always the current one.
 */
export class RecentlyReadByKey<T> {
  private readonly entries = new Map<string, { answer: Promise<T>; readAt: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.now();
    const entry = this.entries.get(key);
    // A clock set back (a test's, an operator's) does not make an answer read "later" fresh.
    if (entry && now >= entry.readAt && now - entry.readAt < this.maxAgeMs) return entry.answer;
    if (entry) this.entries.delete(key);
    else if (this.entries.size >= this.maxKeys) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    const answer = load();
    const fresh = { answer, readAt: now };
    this.entries.set(key, fresh);
    // A failed read is not kept; a read that a forget() overtook is not put back.
    answer.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return answer;
  }

  forget(): void {
    this.entries.clear();
  }
}
