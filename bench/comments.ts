// `npx tsx bench/comments.ts`: comment posting throughput (accepted comments/s, p99) on SQLite,
// and article page throughput while comments are being posted to that same article, against the
// production build in a child process. Standalone: its own temporary database and port.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Options, type Result } from 'autocannon';
import { loadConfig } from '../src/config/config.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { createServices } from '../src/services.js';
import type { Settings } from '../src/settings/settings.js';
import { migrateToLatest, openStorage } from '../src/storage/database.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const duration = Number(process.env.BENCH_DURATION || 10);
const port = Number(process.env.BENCH_PORT || 3206);
const origin = `http://127.0.0.1:${port}`;

/** autocannon's per-request hook, which the shared type declaration leaves out. */
type PostRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  setupRequest: (request: Record<string, unknown>) => Record<string, unknown>;
};

const dir = mkdtempSync(join(os.tmpdir(), 'newsdesk-bench-comments-'));
const env = {
  ...process.env,
  DATABASE_URL: `sqlite:${join(dir, 'site.sqlite')}`,
  MEDIA_DIR: join(dir, 'media'),
  PORT: String(port),
  HOST: '127.0.0.1',
  SITE_URL: origin,
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
};

let server: ChildProcess | undefined;
function cleanUp() {
  server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

async function prepare() {
  const config = loadConfig(env);
  const storage = await openStorage(config.databaseUrl);
  await migrateToLatest(storage);
  const services = createServices({ config, storage });
  await seedDemo(services, config.mediaDir);
  const benchSettings: Partial<Settings> = {
    commentMinSecondsToSubmit: 0,
    commentHoldFirstComment: false,
    commentRateLimitPerIpPerMinute: 1_000_000_000,
    commentRateLimitPerEmailPerHour: 1_000_000_000,
  };
  for (const [key, value] of Object.entries(benchSettings)) {
    await services.settings.set(key as keyof Settings, value as never);
  }
  const tree = await services.taxonomy.categoryTree();
  const open = (await services.articles.list({}, 100, 0, tree)).filter(
    (a) => a.commentStatus === 'open',
  );
  if (open.length < 2) throw new Error('the demo site needs two articles open to comments');
  // Tokens are signed with the secret kept in the database, which the server reads too.
  const targets = await Promise.all(
    open.slice(0, 2).map(async (a) => ({
      id: a.id,
      path: a.path,
      token: await services.comments.formToken(a.id),
    })),
  );
  await storage.close();
  return targets;
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${origin}/`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

let sequence = 0;
function posting(target: { id: number; token: string }, connections: number): Options {
  const request: PostRequest = {
    method: 'POST',
    path: '/api/comments',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    setupRequest: (req) => {
      const n = sequence++;
      return {
        ...req,
        body: new URLSearchParams({
          article_id: String(target.id),
          form_token: target.token,
          comment: `Benchmark comment ${n}: the harbour wall works look *sensible*, see https://example.org/${n}`,
          author_name: `Bench Reader ${n % 500}`,
          author_email: `bench${n}@example.org`,
        }).toString(),
      };
    },
  };
  return {
    url: origin,
    connections,
    duration,
    timeout: 10,
    requests: [request] as unknown as Options['requests'],
  };
}

function reading(path: string, connections: number): Options {
  return { url: `${origin}${path}`, connections, duration, timeout: 10 };
}

const perSecond = (r: Result) => r['2xx'] / r.duration;
const line = (label: string, r: Result) =>
  `${label.padEnd(46)} ${perSecond(r).toFixed(0).padStart(7)}/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  non-2xx ${r.non2xx}  errors ${r.errors}`;

try {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'inherit' });
  const [postOnly, readAndPost] = await prepare();
  server = spawn(process.execPath, ['dist/cli.js', 'serve'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForServer();
  await autocannon({ ...reading(readAndPost!.path, 10), duration: 2 });

  const posts = await autocannon(posting(postOnly!, 10));
  const alone = await autocannon(reading(readAndPost!.path, 10));
  const [during, postsDuring] = await Promise.all([
    autocannon(reading(readAndPost!.path, 10)),
    autocannon(posting(readAndPost!, 4)),
  ]);
  const count = (await (
    await fetch(`${origin}/api/comments?article=${readAndPost!.id}`)
  ).json()) as {
    count: number;
  };

  console.log(
    `\nComments on SQLite (${os.cpus().length} cores, Node ${process.version}, ${duration} s each)`,
  );
  console.log(line('posting comments (10 connections)', posts));
  console.log(line('article page alone (10 connections)', alone));
  console.log(line('article page while comments are posted', during));
  console.log(line('  comments posted meanwhile (4 connections)', postsDuring));
  console.log(
    `article page throughput while posting: ${((perSecond(during) / perSecond(alone)) * 100).toFixed(0)}% of alone; the article ended with ${count.count} approved comments`,
  );
  const failed = [posts, alone, during, postsDuring].some((r) => r.errors || r.non2xx);
  process.exitCode = failed ? 1 : 0;
} finally {
  cleanUp();
}
