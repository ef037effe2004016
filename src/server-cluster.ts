import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import pino from 'pino';
import { answerClusterMetrics } from './operations/cluster-metrics.js';
import { isClusterBusEnvelope } from './stores/cluster-message-bus.js';

/**
 * V8 heap settings of serving workers, measured on the 100,000-article site (`npm run bench:peers`):
 * - a 4 MB semi-space (V8's default is 16 MB on 64-bit): a smaller young generation, some 25 MB
 *   less at rest, with no scavenge cost we could measure on page rendering;
 * - old generation grown by 25% over the live data after each full collection, not 2-4 times
 *   as V8 does for throughput: a worker under uncached load stays near 150 MB instead of 200+;
 * - no allocation-site pretenuring: rendering pages under load keeps many request objects alive
 *   across scavenges, so V8 learns to allocate them in the old generation and goes on doing so
 *   when the same code then answers short cache hits. Every hit then fed the old generation
 *   (~0.5 MB per scavenge) and a full collection ran every second or so, pausing up to 16 ms:
 *   cached article p99 15 ms against 4 ms without (one process, pinned, 100,000 articles).
 */
const OLD_GENERATION_GROWTH_FLAG = '--heap-growing-percent=25';
const NO_PRETENURING_FLAG = '--no-allocation-site-pretenuring';
/** The heap settings a process can still change once started (see `serve`). */
export const RUNTIME_HEAP_FLAGS = [OLD_GENERATION_GROWTH_FLAG, NO_PRETENURING_FLAG];
export const WORKER_HEAP_FLAGS = ['--max-semi-space-size=4', ...RUNTIME_HEAP_FLAGS];

/** A flag's name without its value or `no-`: `--no-foo` and `--foo=1` both name `foo`. */
const flagName = (flag: string) =>
  flag
    .split('=')[0]!
    .replace(/^--(no-)?/, '')
    .replace(/_/g, '-');

/** Those of `wanted` this process was not given already (node flags or NODE_OPTIONS): theirs win. */
export function heapFlagsNotGiven(wanted: readonly string[]): string[] {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
    .filter((g) => g.startsWith('--'))
    .map(flagName);
  return wanted.filter((flag) => !given.includes(flagName(flag)));
}

export interface ClusterOptions {
  /** Worker processes; 0 means one per CPU core. */
  workers: number;
  logLevel: string;
  /** Longest wait for a worker to finish its requests and exit after SIGTERM; default 15 s. */
  stopTimeoutMs?: number;
}

/**
 * The primary of `newsdesk serve --workers N`. It runs no app: it forks N workers (each re-runs
 * the same command and serves through the shared port, connections handed out round-robin), and
 *
 * - restarts a worker that dies unexpectedly (waiting longer after each crash in a row, up to 30 s);
 * - on SIGHUP restarts the workers one by one (rolling restart, e.g. after an upgrade): the new
 *   worker MUST be listening before the old one is told to stop, so no request is dropped;
 * - relays the message bus between workers when there is no Redis (cache purges, live comments:
 *   src/stores/cluster-message-bus.ts);
 * - sums every worker's metrics for the one that answers a `/metrics` scrape;
 * - on SIGTERM/SIGINT forwards SIGTERM to every worker (each shuts down gracefully), waits for
 *   them, and exits 0.
 */
export function runCluster(options: ClusterOptions): Promise<void> {
  const log = pino({ level: options.logLevel, base: { pid: process.pid, role: 'primary' } });
  const count = options.workers > 0 ? options.workers : availableParallelism();
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  /** Workers told to stop: their exit is expected, not a crash. */
  const retiring = new WeakSet<Worker>();
  let stopping = false;
  let crashesInARow = 0;
  let rolling: Promise<void> | undefined;

  // Worker heap settings for <150 MB per process (see `WORKER_HEAP_FLAGS`).
  const added = heapFlagsNotGiven(WORKER_HEAP_FLAGS);
  if (added.length > 0) cluster.setupPrimary({ execArgv: [...process.execArgv, ...added] });

  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      const onExit = (code: number | null) => reject(new Error(`worker exited early (${code})`));
      worker.once('exit', onExit);
      worker.once('listening', () => {
        worker.off('exit', onExit);
        log.info({ worker: worker.process.pid }, 'worker listening');
        resolve(worker);
      });
    });

  const stopWorker = (worker: Worker): Promise<void> =>
    new Promise((resolve) => {
      if (worker.isDead()) return resolve();
      retiring.add(worker);
      const timer = setTimeout(() => worker.process.kill('SIGKILL'), stopTimeoutMs);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.process.kill('SIGTERM');
    });

  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);

  cluster.on('message', answerClusterMetrics());
  cluster.on('message', (_from, message: unknown) => {
    if (!isClusterBusEnvelope(message)) return;
    for (const worker of live()) {
      if (worker.isConnected()) worker.send(message, undefined, () => {});
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    if (retiring.has(worker) || stopping) return;
    crashesInARow++;
    const delay = Math.min(30_000, 250 * 2 ** (crashesInARow - 1));
    log.error(
      { worker: worker.process.pid, code, signal, restartInMs: delay },
      'worker died; starting a replacement',
    );
    setTimeout(() => {
      if (stopping) return;
      fork().then(
        () => {
          // A worker that came up counts as recovery once it has stayed up a while.
          setTimeout(() => {
            crashesInARow = 0;
          }, 10_000).unref();
        },
        (error: unknown) => log.error({ err: error }, 'replacement worker failed to start'),
      );
    }, delay);
  });

  const rollingRestart = async () => {
    log.info('rolling restart: replacing workers one by one');
    for (const old of live()) {
      if (stopping) return;
      try {
        await fork();
      } catch (error) {
        log.error({ err: error }, 'rolling restart stopped: a new worker failed to start');
        return;
      }
      await stopWorker(old);
      log.info({ worker: old.process.pid }, 'worker replaced');
    }
    log.info({ workers: live().map((w) => w.process.pid) }, 'rolling restart complete');
  };

  return new Promise((resolve) => {
    const stop = async (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'stopping workers');
      await rolling?.catch(() => {});
      await Promise.all(live().map(stopWorker));
      log.info('all workers stopped');
      resolve();
    };
    process.on('SIGTERM', () => void stop('SIGTERM'));
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGHUP', () => {
      if (stopping || rolling) return;
      rolling = rollingRestart().finally(() => {
        rolling = undefined;
      });
    });
    log.info({ workers: count }, 'starting workers');
    for (let i = 0; i < count; i++) {
      fork().catch((error: unknown) => log.error({ err: error }, 'worker failed to start'));
    }
  });
}
