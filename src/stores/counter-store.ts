/**
 * Fixed-window counters shared by everything that throttles. One contract, two stores: memory for
 * a single process, Redis when several processes must agree.
 */
export interface CounterStore {
  /** Adds one to `key` and returns the count in the current window and when the window ends (ms epoch). */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  /** Current count without adding (0 when none). */
  peek(key: string): Promise<{ count: number; resetAt: number }>;
  reset(key: string): Promise<void>;
}

/** In-process counters; expired windows are dropped lazily and on a periodic sweep. */
export class MemoryCounterStore implements CounterStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, windowMs: number) {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || w.resetAt <= t) {
      w = { count: 0, resetAt: t + windowMs };
      this.windows.set(key, w);
      if (this.windows.size > 10_000) this.sweep(t);
    }
    w.count++;
    return { ...w };
  }

  async peek(key: string) {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= this.now()) return { count: 0, resetAt: 0 };
    return { ...w };
  }

  async reset(key: string) {
    this.windows.delete(key);
  }

  private sweep(t: number) {
    for (const [key, w] of this.windows) if (w.resetAt <= t) this.windows.delete(key);
  }
}
