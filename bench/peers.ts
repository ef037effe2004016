// `npm run bench:peers` (issue 6): Newsdesk against the practical ceilings and its peers, on
// loopback in one run. A generated site (100,000 articles and 1,000,000 comments by default) on
// SQLite and on PostgreSQL; the article page and the home page, uncached and cached, measured with
// wrk at 50 connections; the same bytes served by a tuned nginx (static files) and by a bare
// node:http server; resident memory of each Newsdesk process; article latency at 1,000 against
// the full size; a CPU profile of the uncached article path; and a table against Ghost 5 and
// WordPress. Writes bench-output/peers.md and bench-output/peers.json. See bench/README.md.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type Captured, capture } from './capture.js';
import { start, stop, stopAll, waitUntilServing } from './child-processes.js';
import { summariseProfile } from './cpu-profile.js';
import {
  type BenchSite,
  ensureBenchSite,
  ensurePostgresBenchSite,
  sampleArticlePaths,
} from './generate-site.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const outDir = join(root, 'bench-output');

// ---- settings ------------------------------------------------------------------------------------

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    comments: { type: 'string', default: '1000000' },
    'small-articles': { type: 'string', default: '1000' },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    sample: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    databases: { type: 'string', default: 'sqlite,postgres' },
    'postgres-url': {
      type: 'string',
      default: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'cache-env': { type: 'string', default: process.env.BENCH_CACHE_ENV || 'PAGE_CACHE=on' },
    'no-cache-env': { type: 'string', default: process.env.BENCH_NO_CACHE_ENV || 'PAGE_CACHE=off' },
    'no-profile': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run bench:peers -- [options]
  --articles N        posts in the generated site (default 100000)
  --comments N        reader comments in all (default 1000000)
  --small-articles N  the small site for the latency-vs-size comparison (default 1000)
  --workers N         Newsdesk worker processes = nginx worker_processes (default: CPU cores)
  --connections N     concurrent connections (default 50)
  --duration S        seconds per measurement (default 10), after --warmup S (default 3)
  --sample N          distinct article URLs rotated (default 500)
  --rounds N          interleaved rounds of cached Newsdesk, node:http and nginx (default 3; 0 skips)
  --databases LIST    sqlite,postgres (default both)
  --postgres-url URL  a role that may create databases (default postgres://postgres@127.0.0.1:5432/postgres)
  --cache-env K=V     environment that turns on the full-page cache (default PAGE_CACHE=on)
  --no-cache-env K=V  environment that turns it off (default PAGE_CACHE=off)
  --no-profile        skip the CPU profile of the uncached article path`);
  process.exit(0);
}

function positive(name: string, raw: string | undefined): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} must be a positive whole number, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

const settings = {
  articles: positive('articles', args.articles),
  comments: Number(args.comments) >= 0 ? Number(args.comments) : positive('comments', ''),
  smallArticles: positive('small-articles', args['small-articles']),
  workers: positive('workers', args.workers),
  connections: positive('connections', args.connections),
  duration: positive('duration', args.duration),
  warmup: positive('warmup', args.warmup),
  sample: positive('sample', args.sample),
  rounds:
    Number.isInteger(Number(args.rounds)) && Number(args.rounds) >= 0 ? Number(args.rounds) : 3,
  databases: (args.databases ?? '').split(',').filter(Boolean) as ('sqlite' | 'postgres')[],
  postgresUrl: args['postgres-url']!,
  cacheEnv: args['cache-env']!,
  noCacheEnv: args['no-cache-env']!,
  profile: !args['no-profile'],
};
for (const d of settings.databases) {
  if (d !== 'sqlite' && d !== 'postgres') {
    console.error(`--databases takes sqlite and/or postgres, got "${d}"`);
    process.exit(2);
  }
}
const timeZone = 'UTC';

/** Reference figures from issue 6: article page req/s of the peers on this class of machine. */
const PEERS = { ghost: 140, wordpress: 65 };
/** Starting Newsdesk on a 100,000-article site (migrations checked, pools opened) can take long. */
const SERVING_TIMEOUT_MS = 180_000;
const TARGETS = { cachedShareOfNginx: 0.7, cachedP99Ms: 5, uncachedRps: 3000, rssMb: 150 };

/** A loopback port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// ---- /proc: memory and CPU of processes ----------------------------------------------------------

/** The process and its descendants (a cluster primary and its workers, nginx master and workers). */
function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      const kids = readFileSync(`/proc/${out[i]}/task/${out[i]}/children`, 'utf8').trim();
      if (kids) out.push(...kids.split(/\s+/).map(Number));
    } catch {
      // Gone, or not Linux.
    }
  }
  return out;
}

function rssMbOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) used so far by a process tree. */
function cpuSecondsOf(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / clockTicks;
    } catch {
      // Exited.
    }
  }
  return total;
}

// ---- load: wrk -----------------------------------------------------------------------------------

const WRK_SCRIPT = `-- Written by bench/peers.ts: rotates through the paths in a file, each thread from its own offset.
local paths = {}
local counter = 0
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = offset or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 97)
  table.insert(threads, thread)
end
function done(summary, latency, requests)
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
`;

interface Load {
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU ms (user + system, all its processes) per request. */
  cpuMsPerRequest: number;
  bytesPerRequest: number;
  errors: number;
}

function runWrk(origin: string, pathsFile: string, seconds: number): Promise<Load> {
  const threads = Math.min(2, settings.connections);
  return new Promise((resolve, reject) => {
    const child = spawn(
      'wrk',
      [
        `-t${threads}`,
        `-c${settings.connections}`,
        `-d${seconds}s`,
        '--timeout',
        '10s',
        '-s',
        join(outDir, 'wrk-rotate.lua'),
        origin,
        '--',
        pathsFile,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"requests"'));
      if (code !== 0 || !line) {
        reject(new Error(`wrk failed (${code}):\n${out}`));
        return;
      }
      const r = JSON.parse(line) as Record<string, number>;
      resolve({
        rps: r.requests! / (r.duration_us! / 1e6),
        p50: r.p50_us! / 1000,
        p99: r.p99_us! / 1000,
        cpuMsPerRequest: 0,
        bytesPerRequest: r.bytes! / Math.max(1, r.requests!),
        // No answer at all within the run is a failure too (wrk only counts timeouts it saw).
        errors: r.connect! + r.read! + r.write! + r.status! + r.timeout! + (r.requests ? 0 : 1),
      });
    });
  });
}

interface Measurement extends Load {
  page: 'article' | 'home';
  server: string;
  database: string;
  note?: string;
  /**
   * Newsdesk's own view (its /metrics request-duration histogram, from routing to the reply):
   * wrk's latency less this is the time a request waited for the process.
   */
  serverP50?: number;
  serverP99?: number;
}

/** The bearer token the bench's Newsdesk processes expect on /metrics. */
const METRICS_TOKEN = 'bench-metrics';
const DURATION_METRIC = 'newsdesk_http_request_duration_seconds_bucket';

/** Cumulative request counts by upper bound (seconds) over every route but /metrics itself. */
async function durationBuckets(origin: string): Promise<Map<number, number>> {
  const res = await fetch(`${origin}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}`);
  const buckets = new Map<number, number>();
  for (const line of (await res.text()).split('\n')) {
    if (!line.startsWith(`${DURATION_METRIC}{`) || line.includes('route="/metrics"')) continue;
    const le = line.match(/le="([^"]+)"/)?.[1];
    const count = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (!le) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + count);
  }
  return buckets;
}

/**
 * The q-quantile in ms of the requests counted between two scrapes, interpolated linearly inside
 * its bucket (as Prometheus' histogram_quantile does); undefined when nothing was counted.
 */
function quantileMs(before: Map<number, number>, after: Map<number, number>, q: number) {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0));
  const total = counts.at(-1) ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const [i, bound] of bounds.entries()) {
    if (counts[i]! >= rank) {
      // Beyond the last finite bound the histogram only says "more than".
      if (bound === Number.POSITIVE_INFINITY) return lower * 1000;
      return (lower + ((bound - lower) * (rank - below)) / Math.max(1, counts[i]! - below)) * 1000;
    }
    lower = bound;
    below = counts[i]!;
  }
  return undefined;
}

const measurements: Measurement[] = [];

async function measure(
  page: Measurement['page'],
  server: string,
  database: string,
  pid: number,
  origin: string,
  paths: string[],
  options: { metrics?: boolean } = {},
): Promise<Measurement> {
  const file = join(outDir, `wrk-paths-${page}.txt`);
  writeFileSync(file, `${paths.join('\n')}\n`);
  process.stdout.write(`  ${page} page, ${server}${database ? ` (${database})` : ''} ... `);
  await runWrk(origin, file, settings.warmup);
  const bucketsBefore = options.metrics ? await durationBuckets(origin) : undefined;
  const cpuBefore = cpuSecondsOf(pid);
  const load = await runWrk(origin, file, settings.duration);
  const cpu = cpuSecondsOf(pid) - cpuBefore;
  const m: Measurement = {
    ...load,
    cpuMsPerRequest: (cpu * 1000) / Math.max(1, load.rps * settings.duration),
    page,
    server,
    database,
  };
  if (bucketsBefore) {
    const bucketsAfter = await durationBuckets(origin);
    m.serverP50 = quantileMs(bucketsBefore, bucketsAfter, 0.5);
    m.serverP99 = quantileMs(bucketsBefore, bucketsAfter, 0.99);
  }
  const serverSide =
    m.serverP99 === undefined
      ? ''
      : ` (in Newsdesk: p50 ${m.serverP50?.toFixed(2)} ms, p99 ${m.serverP99.toFixed(2)} ms)`;
  console.log(
    `${Math.round(m.rps).toLocaleString('en')} req/s, p50 ${m.p50.toFixed(2)} ms, p99 ${m.p99.toFixed(2)} ms${serverSide}, ` +
      `${m.cpuMsPerRequest.toFixed(2)} CPU ms/req${m.errors ? `, ${m.errors} ERRORS` : ''}`,
  );
  measurements.push(m);
  return m;
}

// ---- capturing the bytes -------------------------------------------------------------------------

// ---- Newsdesk ------------------------------------------------------------------------------------

const memory: { server: string; database: string; process: string; rssMb: number }[] = [];

function recordMemory(server: string, database: string, pid: number) {
  const tree = processTree(pid);
  for (const p of tree) {
    const rss = rssMbOf(p);
    if (rss === undefined) continue;
    let name = '?';
    let parent = 0;
    try {
      name = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
      parent = Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
    } catch {
      // Exited meanwhile.
    }
    const role =
      p === pid
        ? tree.length === 1
          ? 'single process'
          : 'cluster primary'
        : parent === pid && name === 'node'
          ? `worker (pid ${p})`
          : `${name} (pid ${p}), child of ${parent}: not a Newsdesk process`;
    memory.push({ server, database, process: role, rssMb: rss });
  }
}

/**
 * Fills the page cache of every worker: each request on a fresh connection, so the cluster's
 * round-robin spreads them over the workers.
 */
async function primeCache(origin: string, paths: string[]) {
  const jobs = paths.flatMap((p) => Array.from({ length: settings.workers * 2 }, () => p));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const path = jobs[next++]!;
      const res = await fetch(origin + path, { headers: { connection: 'close' } });
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/** Whether the full-page cache exists in this tree (another helper builds src/cache/). */
const cacheAvailable = existsSync(join(root, 'src/cache'));

function newsdeskEnv(databaseUrl: string, port: number, cached: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    MEDIA_DIR: join(outDir, 'media'),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    SITE_URL: `http://127.0.0.1:${port}`,
    SITE_TIMEZONE: timeZone,
    METRICS_TOKEN,
  };
  if (cacheAvailable) {
    const [name, ...value] = (cached ? settings.cacheEnv : settings.noCacheEnv).split('=');
    if (name) env[name] = value.join('=');
  }
  return env;
}

async function startNewsdesk(
  databaseUrl: string,
  port: number,
  options: { cached?: boolean; workers?: number; nodeFlags?: string[] } = {},
) {
  const workers = options.workers ?? settings.workers;
  const child = start(
    'Newsdesk',
    process.execPath,
    [...(options.nodeFlags ?? []), 'dist/cli.js', 'serve', '--workers', String(workers)],
    newsdeskEnv(databaseUrl, port, options.cached ?? false),
  );
  await waitUntilServing(`http://127.0.0.1:${port}/`, child, SERVING_TIMEOUT_MS);
  // Every worker answers before measuring: ask a few times more than there are workers.
  for (let i = 0; i < workers * 4; i++) await (await fetch(`http://127.0.0.1:${port}/`)).text();
  return child;
}

// ---- nginx ---------------------------------------------------------------------------------------

function nginxConfig(prefix: string, port: number): string {
  return `# Generated by bench/peers.ts for one run; a careful operator's static-file setup.
worker_processes ${settings.workers};
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
daemon off;
events {
  worker_connections 4096;
}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile off;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 75s;
  keepalive_requests 100000;
  open_file_cache max=10000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_min_uses 1;
  open_file_cache_errors on;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/html;
    index index.html;
    charset utf-8;
    location / {
      try_files $uri $uri/index.html =404;
    }
  }
}
`;
}

const nginxPrefix = join(outDir, 'nginx');

/** The captured pages as static files under bench-output/nginx/html, `<path>/index.html`. */
function writeNginxSite(pages: Record<string, Captured>) {
  rmSync(nginxPrefix, { recursive: true, force: true });
  for (const dir of ['html', 'tmp']) mkdirSync(join(nginxPrefix, dir), { recursive: true });
  for (const [path, page] of Object.entries(pages)) {
    const file = join(nginxPrefix, 'html', path, 'index.html');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, page.body);
  }
}

async function startNginx() {
  const nginxPort = await freePort();
  writeFileSync(join(nginxPrefix, 'nginx.conf'), nginxConfig(nginxPrefix, nginxPort));
  const child = start('nginx', 'nginx', ['-p', nginxPrefix, '-c', join(nginxPrefix, 'nginx.conf')]);
  const origin = `http://127.0.0.1:${nginxPort}`;
  await waitUntilServing(`${origin}/`, child, SERVING_TIMEOUT_MS);
  return { child, origin, label: `nginx (${settings.workers} workers)` };
}

// ---- node:http -----------------------------------------------------------------------------------

/** baseline-server.ts on bench-output/baseline-pages.json, as `workers` processes. */
async function startBaseline(workers: number) {
  const basePort = await freePort();
  const child = start(
    'node:http baseline',
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/baseline-server.ts',
      join(outDir, 'baseline-pages.json'),
      String(basePort),
      String(workers),
    ],
    { ...process.env, NODE_ENV: 'production' },
  );
  const origin = `http://127.0.0.1:${basePort}`;
  await waitUntilServing(`${origin}/`, child, SERVING_TIMEOUT_MS);
  return { child, origin, label: `node:http (${workers} process${workers === 1 ? '' : 'es'})` };
}

interface RoundResult {
  round: number;
  server: string;
  rps: number;
  p99: number;
  errors: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// ---- the run -------------------------------------------------------------------------------------

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

async function generate(
  kind: 'sqlite' | 'postgres',
  articles: number,
  comments: number,
): Promise<{ site: BenchSite; seconds: number | undefined }> {
  const t0 = Date.now();
  let last = 0;
  const options = {
    articles,
    comments,
    now: new Date(Date.UTC(2026, 0, 1)),
    onProgress: (done: number, total: number) => {
      if (Date.now() - last < 2000 && done !== total) return;
      last = Date.now();
      const pct = ((100 * done) / total).toFixed(0);
      if (process.stdout.isTTY)
        process.stdout.write(`\r  ${kind}: ${done}/${total} articles (${pct}%)`);
      if (done === total && process.stdout.isTTY) process.stdout.write('\n');
    },
  };
  const site =
    kind === 'sqlite'
      ? await ensureBenchSite(outDir, options)
      : await ensurePostgresBenchSite(settings.postgresUrl, options);
  const seconds = site.generated ? (Date.now() - t0) / 1000 : undefined;
  console.log(
    `  ${kind}, ${articles.toLocaleString('en')} articles, ${comments.toLocaleString('en')} comments: ` +
      `${site.generated ? `generated in ${elapsed(t0)}` : 'already generated (cached)'}`,
  );
  return { site, seconds };
}

async function postgresReachable(): Promise<boolean> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: settings.postgresUrl });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(3, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

async function main() {
  const started = Date.now();
  mkdirSync(join(outDir, 'media'), { recursive: true });
  const cpus = os.cpus();
  const loadBefore = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`;
  console.log(`Machine: ${machine}; load average ${loadBefore}`);
  if (os.loadavg()[0]! > cpus.length / 2) {
    console.log(
      `WARNING: load average ${loadBefore} on ${cpus.length} cores: other processes compete for ` +
        'the CPU, so absolute figures are low and noisy. Run on a quiet machine for the record.',
    );
  }
  for (const tool of ['wrk', 'nginx']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${tool} is not installed: apt-get install -y ${tool}`);
    }
  }
  writeFileSync(join(outDir, 'wrk-rotate.lua'), WRK_SCRIPT);

  const databases = [...settings.databases];
  if (databases.includes('postgres') && !(await postgresReachable())) {
    console.log(`PostgreSQL not reachable at ${settings.postgresUrl}: measuring SQLite only.`);
    databases.splice(databases.indexOf('postgres'), 1);
  }

  console.log('Generating sites (cached under bench-output/ between runs):');
  const generation: { database: string; articles: number; comments: number; seconds?: number }[] =
    [];
  const sites: Record<string, string> = {};
  for (const db of databases) {
    const { site, seconds } = await generate(db, settings.articles, settings.comments);
    sites[db] = db === 'sqlite' ? `sqlite:${site.file}` : site.file;
    generation.push({
      database: db,
      articles: settings.articles,
      comments: settings.comments,
      ...(seconds !== undefined ? { seconds } : {}),
    });
  }
  const smallComments = Math.round(
    (settings.comments * settings.smallArticles) / settings.articles,
  );
  const small = await generate('sqlite', settings.smallArticles, smallComments);
  const now = new Date();
  const firstDb = databases[0] ?? 'sqlite';
  const articlePaths = await sampleArticlePaths(
    sites[firstDb]!.replace(/^sqlite:/, ''),
    settings.sample,
    timeZone,
    now,
  );
  const smallPaths = await sampleArticlePaths(small.site.file, settings.sample, timeZone, now);

  console.log('Building dist/ with scripts/build.js');
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'inherit' });

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let pages: Record<string, Captured> | undefined;

  console.log(
    `Measuring: wrk, ${settings.connections} connections, ${settings.warmup} s warm-up + ` +
      `${settings.duration} s each; Newsdesk --workers ${settings.workers}; ` +
      `${articlePaths.length} article URLs rotated`,
  );
  for (const db of databases) {
    for (const cached of [false, true]) {
      const server = cached ? 'Newsdesk cached' : 'Newsdesk uncached';
      if (cached && !cacheAvailable) {
        console.log(`  ${server} (${db}): cache not available (no src/cache/ in this tree)`);
        continue;
      }
      const newsdesk = await startNewsdesk(sites[db]!, port, { cached });
      try {
        recordMemory(`${server}, idle`, db, newsdesk.pid!);
        if (!pages) pages = await capture(origin, ['/', ...articlePaths]);
        else await capture(origin, ['/', ...articlePaths.slice(0, 20)]);
        if (cached) await primeCache(origin, ['/', ...articlePaths]);
        await measure('article', server, db, newsdesk.pid!, origin, articlePaths, {
          metrics: true,
        });
        await measure('home', server, db, newsdesk.pid!, origin, ['/'], { metrics: true });
        recordMemory(`${server}, after load`, db, newsdesk.pid!);
      } finally {
        await stop(newsdesk);
      }
    }
  }

  // Latency against archive size: the same article load on the small site.
  {
    const newsdesk = await startNewsdesk(`sqlite:${small.site.file}`, port);
    try {
      await capture(origin, smallPaths.slice(0, 20));
      const m = await measure(
        'article',
        'Newsdesk uncached',
        'sqlite',
        newsdesk.pid!,
        origin,
        smallPaths,
        { metrics: true },
      );
      m.note = `${settings.smallArticles.toLocaleString('en')} articles`;
    } finally {
      await stop(newsdesk);
    }
  }

  if (!pages) throw new Error('No pages captured');
  const articleBytes = Math.round(
    articlePaths.reduce((n, p) => n + Buffer.byteLength(pages[p]!.body), 0) / articlePaths.length,
  );
  const homeBytes = Buffer.byteLength(pages['/']!.body);

  // node:http from memory: the most one Node process does for these bytes, and the most
  // `settings.workers` processes do (node:cluster, as `serve --workers N`).
  writeFileSync(join(outDir, 'baseline-pages.json'), JSON.stringify(pages));
  for (const workers of [...new Set([1, settings.workers])]) {
    const baseline = await startBaseline(workers);
    try {
      await measure(
        'article',
        baseline.label,
        '',
        baseline.child.pid!,
        baseline.origin,
        articlePaths,
      );
      await measure('home', baseline.label, '', baseline.child.pid!, baseline.origin, ['/']);
    } finally {
      await stop(baseline.child);
    }
  }

  // nginx serving the same bytes as static files.
  writeNginxSite(pages);
  {
    const nginx = await startNginx();
    try {
      await measure('article', nginx.label, '', nginx.child.pid!, nginx.origin, articlePaths);
      await measure('home', nginx.label, '', nginx.child.pid!, nginx.origin, ['/']);
    } finally {
      await stop(nginx.child, 'SIGQUIT');
    }
  }

  // The cached target compares two servers measured minutes apart, and a row on this shared
  // machine varies by a quarter from one run to the next. So Newsdesk cached, node:http and nginx
  // run side by side and take turns under the same load, round after round (the order rotating);
  // the target is judged on the medians.
  const rounds: RoundResult[] = [];
  /** Which database and labels the rounds measured; undefined when they did not run. */
  let interleaved: { database: string; newsdesk: string; nginx: string } | undefined;
  if (cacheAvailable && settings.rounds > 0 && databases.length) {
    const db = databases[0]!;
    console.log(
      `Interleaved: Newsdesk cached (${db}), node:http and nginx taking turns, ` +
        `${settings.rounds} rounds of ${settings.warmup} s warm-up + ${settings.duration} s each`,
    );
    const newsdesk = await startNewsdesk(sites[db]!, port, { cached: true });
    const baseline = await startBaseline(settings.workers);
    const nginx = await startNginx();
    try {
      await primeCache(origin, ['/', ...articlePaths]);
      interleaved = { database: db, newsdesk: `Newsdesk cached (${db})`, nginx: nginx.label };
      const contenders = [
        { label: interleaved.newsdesk, origin },
        { label: baseline.label, origin: baseline.origin },
        { label: nginx.label, origin: nginx.origin },
      ];
      const file = join(outDir, 'wrk-paths-article.txt');
      writeFileSync(file, `${articlePaths.join('\n')}\n`);
      for (let round = 1; round <= settings.rounds; round++) {
        const shift = (round - 1) % contenders.length;
        for (const c of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
          process.stdout.write(`  round ${round}, article page, ${c.label} ... `);
          await runWrk(c.origin, file, settings.warmup);
          const load = await runWrk(c.origin, file, settings.duration);
          console.log(
            `${fmt(load.rps)} req/s, p99 ${load.p99.toFixed(2)} ms` +
              (load.errors ? `, ${load.errors} ERRORS` : ''),
          );
          rounds.push({
            round,
            server: c.label,
            rps: load.rps,
            p99: load.p99,
            errors: load.errors,
          });
        }
      }
    } finally {
      await stop(newsdesk);
      await stop(baseline.child);
      await stop(nginx.child, 'SIGQUIT');
    }
  }

  // A CPU profile of the uncached article path: one process, so one profile holds it all.
  let profileSummary = '';
  if (settings.profile && databases.length) {
    const db = databases[0]!;
    const profileFile = join(outDir, 'peers-article-uncached.cpuprofile');
    rmSync(profileFile, { force: true });
    const newsdesk = await startNewsdesk(sites[db]!, port, {
      workers: 1,
      nodeFlags: [
        '--cpu-prof',
        `--cpu-prof-dir=${outDir}`,
        '--cpu-prof-name=peers-article-uncached.cpuprofile',
      ],
    });
    try {
      const m = await measure(
        'article',
        'Newsdesk uncached, 1 process, profiling',
        db,
        newsdesk.pid!,
        origin,
        articlePaths,
      );
      measurements.splice(measurements.indexOf(m), 1);
    } finally {
      await stop(newsdesk);
    }
    const summary = summariseProfile(profileFile, 20);
    const pct = (s: number) => `${(s * 100).toFixed(1)}%`;
    profileSummary = [
      `CPU profile of the uncached article path (${db}, one process, under load): ` +
        '`bench-output/peers-article-uncached.cpuprofile` (open in Chrome DevTools › Performance, ' +
        'or speedscope for a flame graph).',
      '',
      table([
        ['self time by package', 'share'],
        ...summary.packages.map((p) => [p.name, pct(p.share)]),
      ]),
      '',
      table([
        ['top self time by function', 'share'],
        ...summary.functions.slice(0, 15).map((f) => [`\`${f.name}\``, pct(f.share)]),
      ]),
      '',
      table([
        ['Newsdesk functions, inclusive time', 'share'],
        ...summary.newsdeskInclusive.slice(0, 15).map((f) => [`\`${f.name}\``, pct(f.share)]),
      ]),
    ].join('\n');
  }

  // ---- report ------------------------------------------------------------------------------------
  const loadAfter = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const find = (page: string, server: string, database = '') =>
    measurements.find(
      (m) => m.page === page && m.server.startsWith(server) && m.database === database && !m.note,
    );
  const nginxOf = (page: string) =>
    measurements.find((m) => m.page === page && m.server.startsWith('nginx'));
  const results = [
    [
      'page',
      'server',
      'database',
      'req/s',
      'p50 ms',
      'p99 ms',
      'in Newsdesk p50 / p99 ms',
      'CPU ms/req',
      '% of nginx',
      '× Ghost 5',
      '× WordPress',
    ],
  ];
  for (const m of measurements) {
    const ng = nginxOf(m.page);
    const isNewsdesk = m.server.startsWith('Newsdesk');
    results.push([
      m.page,
      m.server + (m.note ? `, ${m.note}` : ''),
      m.database || '—',
      fmt(m.rps),
      fmt(m.p50, 2),
      fmt(m.p99, 2),
      m.serverP99 === undefined ? '' : `${fmt(m.serverP50 ?? 0, 2)} / ${fmt(m.serverP99, 2)}`,
      fmt(m.cpuMsPerRequest, 2),
      ng ? `${fmt((100 * m.rps) / ng.rps, 1)}%` : '?',
      isNewsdesk && m.page === 'article' ? `${fmt(m.rps / PEERS.ghost, 1)}×` : '',
      isNewsdesk && m.page === 'article' ? `${fmt(m.rps / PEERS.wordpress, 1)}×` : '',
    ]);
  }
  // The peers' reference figures: req/s only, and 1.0× in their own ratio column.
  const reference = (server: string, rps: number, column: number) => {
    const row = ['article', server, '—', fmt(rps), ...Array(results[0]!.length - 4).fill('')];
    row[column] = '1.0×';
    return row;
  };
  const ghostColumn = results[0]!.indexOf('× Ghost 5');
  results.push(
    reference('Ghost 5 (issue 6 reference)', PEERS.ghost, ghostColumn),
    reference('WordPress + PHP-FPM (reference)', PEERS.wordpress, ghostColumn + 1),
  );

  const verdict = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'PASS' : 'FAIL');
  const targets = [['target', 'database', 'measured', 'result']];
  const cachedTarget = `cached article ≥ ${TARGETS.cachedShareOfNginx * 100}% of nginx and p99 < ${TARGETS.cachedP99Ms} ms`;
  const meetsCached = (share: number, p99: number) =>
    share >= TARGETS.cachedShareOfNginx && p99 < TARGETS.cachedP99Ms;
  // Interleaved medians: each round's Newsdesk figure against the nginx figure of the same round.
  const roundServers = [...new Set(rounds.map((r) => r.server))];
  const roundsOf = (server: string) => rounds.filter((r) => r.server === server);
  let interleavedTable = '';
  if (interleaved) {
    const nginxByRound = new Map(roundsOf(interleaved.nginx).map((r) => [r.round, r.rps]));
    const shareMedian = (server: string) =>
      median(roundsOf(server).map((r) => r.rps / nginxByRound.get(r.round)!));
    interleavedTable = table([
      [
        'server',
        ...Array.from({ length: settings.rounds }, (_, i) => `round ${i + 1} req/s (p99 ms)`),
        'median req/s',
        'median p99 ms',
        'median % of nginx',
      ],
      ...roundServers.map((server) => [
        server,
        ...roundsOf(server).map((r) => `${fmt(r.rps)} (${fmt(r.p99, 2)})`),
        fmt(median(roundsOf(server).map((r) => r.rps))),
        fmt(median(roundsOf(server).map((r) => r.p99)), 2),
        `${fmt(100 * shareMedian(server), 1)}%`,
      ]),
    ]);
    const share = shareMedian(interleaved.newsdesk);
    const p99 = median(roundsOf(interleaved.newsdesk).map((r) => r.p99));
    targets.push([
      `${cachedTarget} (interleaved medians)`,
      interleaved.database,
      `${fmt(100 * share, 1)}% of nginx, p99 ${fmt(p99, 2)} ms`,
      verdict(meetsCached(share, p99)),
    ]);
  }
  const nginxArticle = nginxOf('article');
  for (const db of databases) {
    const cached = find('article', 'Newsdesk cached', db);
    if (db !== interleaved?.database)
      targets.push([
        `${cachedTarget} (single rows)`,
        db,
        cached && nginxArticle
          ? `${fmt((100 * cached.rps) / nginxArticle.rps, 1)}% of nginx, p99 ${fmt(cached.p99, 2)} ms`
          : 'cache not available',
        verdict(
          cached && nginxArticle
            ? meetsCached(cached.rps / nginxArticle.rps, cached.p99)
            : undefined,
        ),
      ]);
    const uncached = find('article', 'Newsdesk uncached', db);
    targets.push([
      `uncached article ≥ ${fmt(TARGETS.uncachedRps)} req/s`,
      db,
      uncached ? `${fmt(uncached.rps)} req/s` : '?',
      verdict(uncached ? uncached.rps >= TARGETS.uncachedRps : undefined),
    ]);
  }
  const maxRss = Math.max(
    ...memory.filter((m) => !m.process.includes('not a Newsdesk')).map((m) => m.rssMb),
  );
  targets.push([
    `memory < ${TARGETS.rssMb} MB per process`,
    'all',
    `largest ${fmt(maxRss)} MB`,
    verdict(memory.length ? maxRss < TARGETS.rssMb : undefined),
  ]);
  const big = find('article', 'Newsdesk uncached', 'sqlite');
  const smallRun = measurements.find((m) => m.note);
  if (big && smallRun) {
    targets.push([
      `article latency flat from ${fmt(settings.smallArticles)} to ${fmt(settings.articles)} articles (p50 within 25%)`,
      'sqlite',
      `p50 ${fmt(smallRun.p50, 2)} → ${fmt(big.p50, 2)} ms, p99 ${fmt(smallRun.p99, 2)} → ${fmt(big.p99, 2)} ms`,
      verdict(big.p50 <= smallRun.p50 * 1.25),
    ]);
  }

  const memoryTable = table([
    ['server', 'database', 'process', 'RSS MB'],
    ...memory.map((m) => [m.server, m.database, m.process, fmt(m.rssMb)]),
  ]);
  const generationLines = generation.map(
    (g) =>
      `- ${g.database}: ${fmt(g.articles)} articles, ${fmt(g.comments)} comments — ` +
      (g.seconds !== undefined
        ? `generated in ${fmt(g.seconds, 1)} s`
        : 'reused from an earlier run'),
  );
  const report = [
    '# Newsdesk against its peers (`npm run bench:peers`)',
    '',
    `${new Date().toISOString()}; ${machine}; load average ${loadBefore} before, ${loadAfter} after.`,
    `Site: ${fmt(settings.articles)} articles, ${fmt(settings.comments)} comments; wrk, ` +
      `${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per row; ` +
      `Newsdesk --workers ${settings.workers}, nginx worker_processes ${settings.workers}; ` +
      `article page ~${fmt(articleBytes)} B over ${articlePaths.length} URLs, home page ${fmt(homeBytes)} B. ` +
      'Load generator and servers share the machine. Ghost 5 and WordPress figures are the ' +
      'reference figures from issue 6 (article page, same machine class), not measured here.',
    '',
    table(results),
    '',
    ...(interleavedTable
      ? [
          '## Cached article against the ceilings, interleaved',
          '',
          'Newsdesk cached, node:http and nginx running side by side and taking turns under the ' +
            'same load, the order rotating each round; % of nginx is each round against the nginx ' +
            'figure of the same round.',
          '',
          interleavedTable,
          '',
        ]
      : []),
    '## Targets',
    '',
    table(targets),
    '',
    '## Resident memory',
    '',
    memoryTable,
    '',
    '## Generation',
    '',
    ...generationLines,
    '',
    profileSummary,
    '',
  ].join('\n');
  console.log(`\n${report}`);
  writeFileSync(join(outDir, 'peers.md'), report);
  writeFileSync(
    join(outDir, 'peers.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        loadBefore,
        loadAfter,
        settings,
        generation,
        measurements,
        rounds,
        memory,
      },
      null,
      2,
    ),
  );
  console.log(`Finished in ${elapsed(started)}; bench-output/peers.md`);
  if (measurements.some((m) => m.errors > 0) || rounds.some((r) => r.errors > 0)) {
    console.error('Some requests failed (see ERRORS above).');
    process.exitCode = 1;
  }
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await stopAll();
  process.exit(1);
});
