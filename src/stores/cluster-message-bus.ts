import { EventEmitter } from 'node:events';
import type { MessageBus } from './message-bus.js';

/** The envelope a worker sends to the primary, which relays it to every worker (sender included). */
export interface ClusterBusEnvelope {
  type: 'newsdesk:bus';
  channel: string;
  message: unknown;
}

export function isClusterBusEnvelope(value: unknown): value is ClusterBusEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'newsdesk:bus' &&
    typeof (value as { channel?: unknown }).channel === 'string'
  );
}

/**
 * MessageBus between the workers of `newsdesk serve --workers N` when there is no Redis: messages
 * go over the cluster's IPC channel to the primary, which sends them to every worker
 * (`relayClusterBus` in src/server-cluster.ts). Same contract as the other buses: JSON values,
 * at most once, every subscriber of every worker including the publisher.
 */
export class ClusterMessageBus implements MessageBus {
  private readonly emitter = new EventEmitter();
  private readonly onMessage = (envelope: unknown) => {
    if (isClusterBusEnvelope(envelope)) this.emitter.emit(envelope.channel, envelope.message);
  };

  constructor(private readonly ipc: NodeJS.Process = process) {
    this.emitter.setMaxListeners(0);
    ipc.on('message', this.onMessage);
  }

  publish(channel: string, message: unknown): Promise<void> {
    const envelope: ClusterBusEnvelope = { type: 'newsdesk:bus', channel, message };
    return new Promise((resolve, reject) => {
      if (!this.ipc.send || !this.ipc.connected) {
        reject(new Error('the cluster primary is gone; the message was not sent'));
        return;
      }
      this.ipc.send(envelope, undefined, {}, (error) => (error ? reject(error) : resolve()));
    });
  }

  subscribe(channel: string, handler: (message: unknown) => void): () => void {
    this.emitter.on(channel, handler);
    return () => this.emitter.off(channel, handler);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.ipc.off('message', this.onMessage);
    this.emitter.removeAllListeners();
  }
}
