import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildServer } from '../../scripts/build.js';
import { loadConfig } from '../../src/config/config.js';
import { createServices, type Services } from '../../src/services.js';
import { migrateToLatest, openStorage, type Storage } from '../../src/storage/database.js';
import { TEST_DATABASE_URL } from './test-site.js';

const REQUEST_LOG = /"msg":"(incoming request|request completed)"/;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let bundle: Promise<string> | undefined;

/**
 * The CLI bundled as `npm run build` bundles it, into a folder of this test process (parallel test
 * files never share one half-written file). Starting from one bundled file is many times faster
 * than tsx compiling every source file in each server process, which matters on a busy machine.
 */
function serverBundle(): Promise<string> {
  bundle ??= (async () => {
    const outdir = join(ROOT, 'test-output', `server-bundle-${process.pid}`);
    mkdirSync(outdir, { recursive: true });
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    await buildServer(outdir);
    return join(outdir, 'cli.js');
  })();
  return bundle;
}

/**
 * A free loopback port below the kernel's ephemeral range (32768+), so no client socket of the
 * busy test machine takes it between this check and the server's listen.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

/** A fresh database that separate processes can open: an SQLite file, or a new PostgreSQL one. */
export async function sharedDatabase(
  engine: 'sqlite' | 'postgres',
): Promise<{ url: string; dir: string; drop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-proc-'));
  if (engine === 'sqlite') {
    return {
      url: `sqlite:${join(dir, 'site.sqlite')}`,
      dir,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `newsdesk_proc_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dir,
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SharedSite {
  /** The server processes' environment: `DATABASE_URL`, `MEDIA_DIR` and the test's own. */
  env: Record<string, string>;
  storage: Storage;
  /** The test's own services on the same database (and Redis), as a third process would have. */
  services: Services;
  /** Closes the test's services and drops the database (after the servers have stopped). */
  close(): Promise<void>;
}

/** A migrated database of `engine` for server processes, with a media folder. */
export async function sharedSite(
  engine: 'sqlite' | 'postgres',
  env: Record<string, string>,
): Promise<SharedSite> {
  const database = await sharedDatabase(engine);
  const mediaDir = join(database.dir, 'media');
  mkdirSync(mediaDir, { recursive: true });
  const full = { DATABASE_URL: database.url, MEDIA_DIR: mediaDir, ...env };
  const storage = await openStorage(database.url);
  await migrateToLatest(storage);
  const services = createServices({ config: loadConfig(full), storage });
  return {
    env: full,
    storage,
    services,
    async close() {
      await services.stores.close();
      await storage.close();
      await database.drop();
    },
  };
}

export interface ServerProcess {
  origin: string;
  child: ChildProcess;
  /** Every stdout/stderr line so far, but for the per-request log lines. */
  lines: string[];
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Pino JSON lines whose `msg` matches, parsed. */
  logged(msg: string): Array<Record<string, unknown>>;
  /** Waits until a line with `msg` has been logged `times` times. */
  waitForLog(msg: string, timeoutMs?: number, times?: number): Promise<Record<string, unknown>>;
}

/**
 * Starts `newsdesk serve` (the real CLI, bundled once per test process) as its own process and waits until /readyz answers 200. `env` replaces the database, Redis and
 * site settings of the parent environment.
 */
export async function startServerProcess(options: {
  env: Record<string, string>;
  args?: string[];
  readyTimeoutMs?: number;
}): Promise<ServerProcess> {
  const port = Number(options.env.PORT) || (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'SECRET', 'SITE_URL', 'PORT'])
    delete env[name];
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', await serverBundle(), 'serve', ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: { ...env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...options.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const collect = (stream: NodeJS.ReadableStream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      // Per-request log lines are dropped: under load they would be most of the output.
      for (const line of parts) if (!REQUEST_LOG.test(line)) lines.push(line);
    });
  };
  collect(child.stdout!);
  collect(child.stderr!);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const logged = (msg: string) =>
    lines
      .filter((l) => l.startsWith('{') && l.includes(msg))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((entry) => entry.msg === msg);
  const origin = `http://127.0.0.1:${port}`;
  const proc: ServerProcess = {
    origin,
    child,
    lines,
    exited,
    logged,
    async waitForLog(msg, timeoutMs = 60_000, times = 1) {
      const end = Date.now() + timeoutMs;
      while (logged(msg).length < times) {
        if (Date.now() > end || child.exitCode !== null) {
          throw new Error(`"${msg}" not logged; output:\n${lines.slice(-30).join('\n')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return logged(msg)[times - 1]!;
    },
  };
  const end = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server exited (${child.exitCode}):\n${lines.slice(-30).join('\n')}`);
    }
    const ok = await fetch(`${origin}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return proc;
    if (Date.now() > end) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in time:\n${lines.slice(-30).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs one `newsdesk` CLI command (the same bundle `startServerProcess` serves) to its end. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [await serverBundle(), ...args], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

/** Result of a bounded request loop. */
export interface LoadResult {
  ok: number;
  failed: number;
  errors: string[];
}

/**
 * Keep-alive request loops against loopback `origins` until `stop()` resolves the returned
 * promise. Every answer other than 200, and every network error, counts as a failure.
 */
export function loadLoop(urls: string[], concurrency: number, pauseMs = 0) {
  let running = true;
  const result: LoadResult = { ok: 0, failed: 0, errors: [] };
  const worker = async (n: number) => {
    let i = n;
    while (running) {
      const url = urls[i++ % urls.length]!;
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (res.status === 200) result.ok++;
        else {
          result.failed++;
          result.errors.push(`${url}: ${res.status}`);
        }
      } catch (error) {
        result.failed++;
        result.errors.push(`${url}: ${String((error as Error).cause ?? error)}`);
      }
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const loops = Array.from({ length: concurrency }, (_, n) => worker(n));
  return {
    result,
    async stop() {
      running = false;
      await Promise.all(loops);
      return result;
    },
  };
}
