// `npm run bench`: serves a generated 10,000-article site with the production build and measures
// an article page and the home page with autocannon, next to a bare node:http server returning the
// same bytes from memory in the same run. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Client, type Result } from 'autocannon';
import { capture } from './capture.js';
import { start, stop, stopAll, waitUntilServing } from './child-processes.js';
import { summariseProfile } from './cpu-profile.js';
import { ensureBenchSite, sampleArticlePaths } from './generate-site.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const outDir = join(root, 'bench-output');

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const settings = {
  articles: envNumber('BENCH_ARTICLES', 10_000),
  connections: envNumber('BENCH_CONNECTIONS', 50),
  duration: envNumber('BENCH_DURATION', 10),
  warmup: envNumber('BENCH_WARMUP', 2),
  /** Distinct article URLs the article measurement rotates through. */
  sample: envNumber('BENCH_SAMPLE', 500),
  /** Newsdesk listens here, the baseline on the next port. */
  port: envNumber('BENCH_PORT', 3207),
  /** BENCH_PROFILE=article|home: CPU-profile Newsdesk under that load instead of the full run. */
  profile: process.env.BENCH_PROFILE || undefined,
};
const timeZone = 'UTC';
/** autocannon's per-request timeout: a request slower than this counts as an error. */
const TIMEOUT_S = 10;

// ---- measuring -----------------------------------------------------------------------------------

interface Measurement {
  target: string;
  server: 'Newsdesk' | 'node:http';
  rps: number;
  p50: number;
  p99: number;
  /** Server CPU time (user + system) per answered request during the measurement. */
  cpuMsPerRequest: number | undefined;
  bytesPerRequest: number;
  /** Connection errors (including timeouts), timeouts alone, and non-2xx answers. */
  errors: number;
  timeouts: number;
  non2xx: number;
  problems: number;
}

/** Seconds of CPU (user + system) a process has used so far, from /proc; undefined elsewhere. */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
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

async function measure(
  target: string,
  server: Measurement['server'],
  pid: number,
  origin: string,
  paths: string[],
): Promise<Measurement> {
  let clientIndex = 0;
  // Each connection walks the whole list from its own offset, so at any moment the connections
  // ask for different articles.
  const setupClient = (client: Client) => {
    const offset = (clientIndex++ * 7) % paths.length;
    const rotated = [...paths.slice(offset), ...paths.slice(0, offset)];
    client.setRequests(rotated.map((path) => ({ method: 'GET', path })));
  };
  const options = {
    url: origin,
    connections: settings.connections,
    timeout: TIMEOUT_S,
    setupClient,
  };
  process.stdout.write(`  ${target} on ${server} ... `);
  // Warm-up separately, so the server's CPU time is read around the measured part only.
  await autocannon({ ...options, duration: settings.warmup });
  const cpuBefore = cpuSecondsOf(pid);
  const result: Result = await autocannon({ ...options, duration: settings.duration });
  const cpuAfter = cpuSecondsOf(pid);
  const answered = result['2xx'] + result.non2xx;
  // autocannon counts a timeout in `errors` as well.
  const problems = result.errors + result.non2xx;
  const m: Measurement = {
    target,
    server,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest:
      cpuBefore !== undefined && cpuAfter !== undefined && answered > 0
        ? ((cpuAfter - cpuBefore) * 1000) / answered
        : undefined,
    bytesPerRequest: result.throughput.total / Math.max(1, answered),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    problems,
  };
  console.log(
    `${Math.round(m.rps)} req/s, p99 ${m.p99} ms` +
      (m.cpuMsPerRequest !== undefined ? `, ${m.cpuMsPerRequest.toFixed(2)} CPU ms/request` : '') +
      (problems
        ? `; FAILED: ${m.errors} errors (${m.timeouts} timeouts of ${TIMEOUT_S}s), ${m.non2xx} non-2xx`
        : ''),
  );
  return m;
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    `| ${r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (c < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

// ---- the run -------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const cpus = os.cpus();
  const machine = {
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    availableParallelism: os.availableParallelism(),
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadBefore: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
  };
  console.log('Machine:', machine);
  const busy = os.loadavg()[0]! > cpus.length / 2;
  if (busy) {
    console.log(
      `WARNING: load average ${machine.loadBefore} on ${cpus.length} cores: other processes ` +
        'are competing for the CPU, so the absolute figures are low; the ratios suffer less.',
    );
  }
  console.log(
    `Settings: ${settings.articles} articles, ${settings.connections} connections, ` +
      `${settings.warmup}s warm-up + ${settings.duration}s per measurement, ` +
      `${settings.sample} article URLs rotated`,
  );

  const now = new Date();
  const t0 = Date.now();
  const site = await ensureBenchSite(outDir, {
    articles: settings.articles,
    now,
    onProgress: (done, total) => {
      if (process.stdout.isTTY) process.stdout.write(`\r  generating articles ${done}/${total}`);
      else if (done === total) process.stdout.write(`  generated ${total} articles`);
      if (done === total) process.stdout.write('\n');
    },
  });
  console.log(
    `Database: ${site.file} (${site.generated ? `generated in ${((Date.now() - t0) / 1000).toFixed(1)}s` : 'cached'})`,
  );
  const articlePaths = await sampleArticlePaths(site.file, settings.sample, timeZone, now);

  console.log('Building dist/ with scripts/build.js');
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'inherit' });

  const newsdeskOrigin = `http://127.0.0.1:${settings.port}`;
  const profileDir = join(outDir, 'profiles');
  const nodeFlags = settings.profile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=newsdesk-${started}.cpuprofile`,
      ]
    : [];
  mkdirSync(join(outDir, 'media'), { recursive: true });
  const newsdesk = start('Newsdesk', process.execPath, [...nodeFlags, 'dist/cli.js', 'serve'], {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite:${site.file}`,
    MEDIA_DIR: join(outDir, 'media'),
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(settings.port),
    SITE_URL: newsdeskOrigin,
    SITE_TIMEZONE: timeZone,
    // What a reader's request costs to render: the page cache would answer all but the first.
    PAGE_CACHE: 'off',
  });
  await waitUntilServing(`${newsdeskOrigin}/`, newsdesk, 30_000);
  const rssIdle = memoryOf(newsdesk.pid!);

  // One GET of every URL: checks they are all 200 and captures the bytes the baseline will serve.
  const pages = await capture(newsdeskOrigin, ['/', ...articlePaths]);
  const size = (paths: string[]) =>
    Math.round(paths.reduce((n, p) => n + Buffer.byteLength(pages[p]!.body), 0) / paths.length);

  if (settings.profile) {
    const home = settings.profile === 'home';
    console.log(`Profiling Newsdesk under the ${home ? 'home' : 'article'} page load`);
    await measure(
      home ? 'home page' : 'article page',
      'Newsdesk',
      newsdesk.pid!,
      newsdeskOrigin,
      home ? ['/'] : articlePaths,
    );
    await stop(newsdesk);
    const file = join(profileDir, `newsdesk-${started}.cpuprofile`);
    const summary = summariseProfile(file, 30);
    const pct = (s: number) => `${(s * 100).toFixed(1).padStart(5)}%`;
    console.log(`\nBusy ${summary.busyMs.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms`);
    console.log('\nSelf time by package:');
    for (const p of summary.packages) console.log(`  ${pct(p.share)}  ${p.name}`);
    console.log('\nSelf time by function:');
    for (const f of summary.functions) console.log(`  ${pct(f.share)}  ${f.name}`);
    console.log('\nNewsdesk functions by inclusive time:');
    for (const f of summary.newsdeskInclusive) console.log(`  ${pct(f.share)}  ${f.name}`);
    return;
  }

  mkdirSync(outDir, { recursive: true });
  const pagesFile = join(outDir, 'baseline-pages.json');
  writeFileSync(pagesFile, JSON.stringify(pages));
  const baselineOrigin = `http://127.0.0.1:${settings.port + 1}`;
  const baseline = start(
    'baseline',
    process.execPath,
    ['--import', 'tsx', 'bench/baseline-server.ts', pagesFile, String(settings.port + 1)],
    { ...process.env, NODE_ENV: 'production' },
  );
  await waitUntilServing(`${baselineOrigin}/`, baseline, 30_000);

  console.log('Measuring:');
  const results: Measurement[] = [];
  for (const [target, paths] of [
    ['article page', articlePaths],
    ['home page', ['/']],
  ] as const) {
    results.push(await measure(target, 'Newsdesk', newsdesk.pid!, newsdeskOrigin, [...paths]));
    results.push(await measure(target, 'node:http', baseline.pid!, baselineOrigin, [...paths]));
  }
  const rss = memoryOf(newsdesk.pid!);
  const baselineRss = memoryOf(baseline.pid!);
  await Promise.all([stop(newsdesk), stop(baseline)]);

  const rows = [
    ['target', 'server', 'req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'Newsdesk/baseline req/s'],
  ];
  for (let i = 0; i < results.length; i += 2) {
    const [ours, base] = [results[i]!, results[i + 1]!];
    for (const m of [ours, base]) {
      rows.push([
        m.target,
        m.server,
        Math.round(m.rps).toLocaleString('en'),
        m.p50.toFixed(0),
        m.p99.toFixed(0),
        m.cpuMsPerRequest?.toFixed(2) ?? '?',
        m === ours ? `${((100 * ours.rps) / base.rps).toFixed(1)}%` : '',
      ]);
    }
  }
  const mb = (m: { rss: number; peak: number } | undefined) =>
    m ? `${m.rss.toFixed(0)} MB (peak ${m.peak.toFixed(0)} MB)` : 'unknown';
  console.log(
    `\nNewsdesk ${settings.articles.toLocaleString('en')} articles, SQLite, uncached; ` +
      `${settings.connections} connections, ${settings.duration}s each after ${settings.warmup}s warm-up; ` +
      `article page ~${size(articlePaths).toLocaleString('en')} B over ${articlePaths.length} URLs, ` +
      `home page ${size(['/']).toLocaleString('en')} B`,
  );
  const loadAfter = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `Machine: ${machine.cpu}, Node ${machine.node}, ${machine.memory} RAM, ${machine.os}; ` +
      `load average ${machine.loadBefore} before, ${loadAfter} after`,
  );
  console.log(`\n${table(rows)}\n`);
  console.log(`Newsdesk RSS: ${mb(rssIdle)} after start, ${mb(rss)} after the run`);
  console.log(`node:http baseline RSS: ${mb(baselineRss)}`);
  const problems = results.filter((m) => m.problems > 0);
  for (const m of problems) {
    console.log(
      `WARNING: ${m.target} on ${m.server}: ${m.errors} errors (${m.timeouts} timeouts), ${m.non2xx} non-2xx`,
    );
  }
  writeFileSync(
    join(outDir, 'results.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { ...machine, loadAfter },
        settings,
        results,
        rss,
        rssIdle,
        baselineRss,
      },
      null,
      2,
    ),
  );
  console.log(
    `Finished in ${((Date.now() - started) / 1000).toFixed(0)}s; bench-output/results.json`,
  );
  if (problems.length) process.exitCode = 1;
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  await stopAll();
  process.exit(1);
});

// Old profiles pile up quickly; keep the newest few.
try {
  const dir = join(outDir, 'profiles');
  const old = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .slice(0, -5);
  for (const f of old) rmSync(join(dir, f), { force: true });
} catch {
  // No profiles yet.
}
