import type { ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';
import v8 from 'node:v8';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config/config.js';
import { heapFlagsNotGiven, RUNTIME_HEAP_FLAGS } from './server-cluster.js';
import type { Storage } from './storage/database.js';

export interface ServeOptions {
  /** Longest wait for in-flight requests before connections are cut; default 10 s. */
  shutdownTimeoutMs?: number;
  /**
   * How long a draining process keeps answering on open keep-alive connections (each answer says
   * `Connection: close`) before closing the ones left idle; default 1 s. Closing an idle connection
   * at once races a client that is just sending on it; in this window every busy client gets a
   * proper answer and moves to another process.
   */
  drainGraceMs?: number;
}

export interface Server {
  app: FastifyInstance;
  /** Graceful shutdown (what SIGTERM/SIGINT run); resolves when everything is closed. */
  shutdown(reason: string): Promise<void>;
}

const isEventStream = (res: ServerResponse) =>
  res.headersSent && String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');

/**
 * Listens and shuts down gracefully. On SIGTERM/SIGINT, in this order:
 * 1. stop accepting connections (in a cluster the primary stops sending this worker any),
 *    answer every further request with `Connection: close` and /readyz with 503;
 * 2. wait for in-flight requests (not live comment streams) to finish, at most
 *    `shutdownTimeoutMs`, giving busy keep-alive clients `drainGraceMs` to move on;
 * 3. close the app: live streams are ended (the browser reconnects to another process), the
 *    scheduler stops after its running sweep, Redis connections close;
 * 4. close the database pool and exit 0.
 */
export async function serve(
  config: Config,
  storage: Storage,
  options: ServeOptions = {},
): Promise<Server> {
  // A single serving process cannot change its young generation once started (cluster workers are
  // started with WORKER_HEAP_FLAGS), but the old generation's growth and pretenuring apply from
  // the next collection. A flag given to node wins.
  for (const flag of heapFlagsNotGiven(RUNTIME_HEAP_FLAGS)) v8.setFlagsFromString(flag);
  storage.dialect.prepareForServing?.();
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const graceMs = options.drainGraceMs ?? 1_000;
  let draining = false;
  const { app, services } = await buildApp({ config, storage, draining: () => draining });

  const sockets = new Set<Socket>();
  const inFlight = new Set<ServerResponse>();
  // Before Fastify's own listener, so the flag applies to the response Fastify is about to make.
  app.server.prependListener('request', (_req, res: ServerResponse) => {
    if (draining) res.shouldKeepAlive = false;
  });
  // After it: a response already ended here was answered synchronously (a page-cache hit), with
  // no handler left to wait for, and tracking it would cost the hit path more than the answer.
  app.server.on('request', (_req, res: ServerResponse) => {
    if (res.writableEnded) return;
    inFlight.add(res);
    // In flight until its handler has ended the answer, even when the client has gone: a handler
    // still waiting on the database when the pool closed would fail halfway through its work.
    // 'prefinish' comes when `end()` is called, also after the socket has closed (Fastify ends a
    // request whose body never arrived whole, too).
    res.once('close', () => {
      if (res.writableEnded) inFlight.delete(res);
      else res.once('prefinish', () => inFlight.delete(res));
    });
  });
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const busyRequests = () => [...inFlight].filter((res) => !isEventStream(res)).length;
  const openNonStreamConnections = () => {
    const streaming = new Set([...inFlight].filter(isEventStream).map((res) => res.socket));
    return [...sockets].filter((s) => !streaming.has(s)).length;
  };

  let shuttingDown: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    shuttingDown ??= (async () => {
      app.log.info({ reason }, 'shutting down: draining connections');
      draining = true;
      // Requests already being handled also say `Connection: close` when they answer.
      for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      const started = Date.now();
      // net.Server's close, not http.Server's: the latter also drops idle keep-alive connections
      // at once, racing clients that are sending on them.
      net.Server.prototype.close.call(app.server);
      while (Date.now() - started < timeoutMs) {
        const waited = Date.now() - started;
        if (busyRequests() === 0 && (openNonStreamConnections() === 0 || waited >= graceMs)) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      if (busyRequests() > 0) {
        app.log.warn({ requests: busyRequests() }, 'shutdown timeout: cutting in-flight requests');
        app.server.closeAllConnections();
      }
      await app.close();
      await storage.close();
      app.log.info({ ms: Date.now() - started }, 'shut down');
    })();
    return shuttingDown;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    // A last resort, should closing itself hang (a stuck pool): never outlive the timeout by much.
    setTimeout(() => process.exit(1), timeoutMs + 5_000).unref();
    shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a second signal (Ctrl-C reaches the primary and every worker, which the
  // primary then also signals) MUST NOT fall back to the default action and kill mid-drain.
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  // Subscriptions MUST be live before the first request, or a message sent meanwhile is lost.
  await services.stores.ready();
  await app.listen({ port: config.port, host: config.host });
  return { app, shutdown };
}
