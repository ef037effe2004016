import type { Redis } from 'ioredis';
import type { MessageBus } from './message-bus.js';

export interface RedisMessageBusOptions {
  /** Connection used to PUBLISH; shared with other stores and not closed by the bus. */
  connection: Redis;
  /** Put before every channel name so several sites can share one Redis; e.g. `newsdesk:`. */
  prefix: string;
  /** Called when a handler throws or a message is not JSON; default a process warning. */
  onError?: (error: unknown) => void;
}

/**
 * MessageBus over Redis pub/sub. A connection in subscriber mode can run no other command, so the
 * bus keeps its own subscriber (a duplicate of `connection`), subscribes each channel once however
 * many handlers it has, and dispatches locally. ioredis re-subscribes after a reconnect; messages
 * published while a process was cut off are lost (at-most-once, as the contract says).
 */
export class RedisMessageBus implements MessageBus {
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<(message: unknown) => void>>();
  private pending: Promise<unknown> = Promise.resolve();
  private readonly onError: (error: unknown) => void;

  constructor(private readonly options: RedisMessageBusOptions) {
    this.onError =
      options.onError ?? ((error) => process.emitWarning(`message bus: ${String(error)}`));
    this.subscriber = options.connection.duplicate();
    this.subscriber.on('error', () => {
      // Reconnection is automatic; readiness (/readyz) reports the outage.
    });
    this.subscriber.on('message', (channel: string, raw: string) => this.dispatch(channel, raw));
    // ioredis re-subscribes what had succeeded; a SUBSCRIBE that failed while Redis was down at
    // start would be forgotten, so every (re)connection subscribes every channel again.
    this.subscriber.on('ready', () => {
      const channels = [...this.handlers.keys()].map((c) => this.options.prefix + c);
      if (channels.length) this.track(this.subscriber.subscribe(...channels));
    });
  }

  async publish(channel: string, message: unknown): Promise<void> {
    await this.options.connection.publish(this.options.prefix + channel, JSON.stringify(message));
  }

  subscribe(channel: string, handler: (message: unknown) => void): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      this.track(this.subscriber.subscribe(this.options.prefix + channel));
    }
    set.add(handler);
    return () => {
      const current = this.handlers.get(channel);
      if (!current?.delete(handler) || current.size > 0) return;
      this.handlers.delete(channel);
      this.track(this.subscriber.unsubscribe(this.options.prefix + channel));
    };
  }

  async ready(): Promise<void> {
    await this.pending;
  }

  /** False while subscriptions exist but their connection is down (for readiness checks). */
  get connected(): boolean {
    return this.handlers.size === 0 || this.subscriber.status === 'ready';
  }

  async close(): Promise<void> {
    this.handlers.clear();
    await this.pending.catch(() => {});
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private track(command: Promise<unknown>) {
    // Commands on one connection complete in order, so waiting for the last one waits for all.
    const settled = command.catch((error) => this.onError(error));
    this.pending = settled;
  }

  private dispatch(channel: string, raw: string) {
    if (!channel.startsWith(this.options.prefix)) return;
    const set = this.handlers.get(channel.slice(this.options.prefix.length));
    if (!set) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch (error) {
      this.onError(error);
      return;
    }
    for (const handler of [...set]) {
      try {
        handler(message);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
