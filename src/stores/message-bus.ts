import { EventEmitter } from 'node:events';

/**
 * Broadcast between the processes of one site: cache purges, newly approved comments, published
 * articles. One contract, two transports: memory for a single process, Redis pub/sub when several
 * processes serve the same site. Messages are JSON values; delivery is at most once and every
 * subscriber (including the publishing process) receives each message.
 */
export interface MessageBus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Calls `handler` for each message on `channel`; returns the unsubscribe function. */
  subscribe(channel: string, handler: (message: unknown) => void): () => void;
  /**
   * Resolves once every subscription made so far is live. Redis subscribes asynchronously; a
   * message published before that would be missed, so servers await this before listening.
   */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export class MemoryMessageBus implements MessageBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open live page is normal, not a leak.
    this.emitter.setMaxListeners(0);
  }

  async publish(channel: string, message: unknown): Promise<void> {
    // Round-trip through JSON so the memory bus behaves like the Redis one (no shared objects).
    this.emitter.emit(channel, JSON.parse(JSON.stringify(message)));
  }

  subscribe(channel: string, handler: (message: unknown) => void): () => void {
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
