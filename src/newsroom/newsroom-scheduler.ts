import { randomUUID } from 'node:crypto';
import type { NewsroomService } from './newsroom-service.js';

export interface SchedulerDeps {
  newsroom: NewsroomService;
  leases: {
    acquireLease(name: string, holder: string, expiresAt: string, now: string): Promise<boolean>;
    releaseLease(name: string, holder: string): Promise<void>;
  };
  clock: () => Date;
  /** How often to look even when nothing is known to be due (other processes' schedules). Default 30 s. */
  sweepMs?: number;
  /** Longest a sweep may hold the lease before another process may take over. Default 60 s. */
  leaseMs?: number;
  onError?: (error: unknown) => void;
}

export const SCHEDULER_LEASE = 'newsroom-scheduler';

/** setTimeout cannot wait longer than about 24.8 days. */
const MAX_TIMEOUT = 2 ** 31 - 1;

/**
 * Publishes and unpublishes on time with no visitor traffic. One timer is armed to the next due
 * time (re-armed after every sweep and every schedule change) and capped at the safety sweep
 * interval, so schedules written by another process are seen too. Each sweep runs under a database
 * lease, so across processes exactly one sweep runs at a time.
 */
export class NewsroomScheduler {
  readonly holder = `${process.pid}-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  /** When the timer will next fire (for tests and the operations page). */
  nextWakeAt: Date | undefined;

  constructor(private readonly deps: SchedulerDeps) {
    deps.newsroom.onScheduleChanged(() => {
      if (this.started) void this.arm();
    });
  }

  /** Releases anything overdue now, then keeps watching. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.tick();
  }

  /** Stops the timer and waits for a running sweep to finish (graceful shutdown). */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.nextWakeAt = undefined;
    await this.running;
  }

  /** One sweep under the lease; returns what it changed, or null when another process holds the lease. */
  async runDue(): Promise<{ published: number[]; unpublished: number[] } | null> {
    const now = this.deps.clock();
    const leaseMs = this.deps.leaseMs ?? 60_000;
    const got = await this.deps.leases.acquireLease(
      SCHEDULER_LEASE,
      this.holder,
      new Date(now.getTime() + leaseMs).toISOString(),
      now.toISOString(),
    );
    if (!got) return null;
    try {
      return await this.deps.newsroom.releaseDue();
    } finally {
      await this.deps.leases.releaseLease(SCHEDULER_LEASE, this.holder);
    }
  }

  private async tick(): Promise<void> {
    // Sweeps never overlap within a process.
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        await this.runDue();
      } catch (error) {
        this.deps.onError?.(error);
      } finally {
        this.running = undefined;
      }
      await this.arm();
    })();
    return this.running;
  }

  /** Arms the timer for the next due item, or the safety sweep, whichever is sooner. */
  async arm(): Promise<void> {
    if (!this.started) return;
    let next: string | undefined;
    try {
      next = await this.deps.newsroom.nextDue();
    } catch (error) {
      this.deps.onError?.(error);
    }
    if (!this.started) return;
    const now = this.deps.clock().getTime();
    const sweep = this.deps.sweepMs ?? 30_000;
    const untilDue = next ? Date.parse(next) - now : sweep;
    // Something overdue is left only when another process holds the lease or a write failed:
    // look again in a second rather than spin.
    const delay = Math.min(untilDue <= 0 ? 1000 : untilDue, sweep, MAX_TIMEOUT);
    if (this.timer) clearTimeout(this.timer);
    this.nextWakeAt = new Date(now + delay);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }
}
