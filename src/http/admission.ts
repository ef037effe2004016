import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * How many reads one process works on at a time (`MAX_CONCURRENT_REQUESTS`); the others wait
 * their turn before any work is done for them. Without it every accepted request starts at once:
 * on PostgreSQL fifty of them then queue for ten pool connections between each of their
 * statements, holding what they have read so far, and the garbage collector copies all of it over
 * and over (17% of a worker's time on the uncached home page). A waiting request holds nothing.
 *
 * Only GET and HEAD wait: a write streams its body from the client, and a slow client must not
 * hold a turn. A request asking for an event stream (live comments) stays open for minutes and
 * never waits. A turn ends when the answer is handed to Fastify's send (`leaveTurn`), or when the
 * response finishes or its connection closes, whichever comes first: a slow reader of a large
 * file does not hold it either.
 */
/** The end of each request's turn, whichever `Admission` gave it. */
const holding = new WeakMap<IncomingMessage, () => void>();

/**
 * Ends the turn of `req` (its answer is ready, or it will stay open for long, as a live stream
 * does); nothing when it had none.
 */
export function leaveTurn(req: IncomingMessage): void {
  holding.get(req)?.();
}

export class Admission {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Requests waiting for their turn now (a metric). */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `handle` now or when a turn frees up. */
  admit(req: IncomingMessage, res: ServerResponse, handle: () => void): void {
    if (!this.waits(req)) {
      handle();
      return;
    }
    const start = () => {
      // The client left while it waited: nothing to answer (`next` moves on to the one after).
      // Ending the response tells whoever waits for it (graceful shutdown counts responses in
      // flight until they end) that no handler ever will.
      if (res.destroyed || req.socket.destroyed) {
        res.end();
        return;
      }
      this.active++;
      let done = false;
      const end = () => {
        if (done) return;
        done = true;
        holding.delete(req);
        this.active--;
        this.next();
      };
      holding.set(req, end);
      res.once('finish', end);
      res.once('close', end);
      handle();
    };
    if (this.active < this.limit) start();
    else this.waiting.push(start);
  }

  private waits(req: IncomingMessage): boolean {
    return (
      (req.method === 'GET' || req.method === 'HEAD') &&
      !req.headers.accept?.includes('text/event-stream')
    );
  }

  private next(): void {
    while (this.active < this.limit && this.waiting.length > 0) this.waiting.shift()!();
  }
}
