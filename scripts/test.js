// `npm test`: lint and type-check, then the whole suite on SQLite and again on PostgreSQL when it
// is reachable (required with REQUIRE_ALL=1). Extra arguments are test files to run instead of all.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const requireAll = process.env.REQUIRE_ALL === '1';
const only = process.argv.slice(2);

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label} ===\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function testFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(path));
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out.sort();
}

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const files = only.length ? only : [...testFiles('src'), ...testFiles('test')];
const nodeTest = (env) =>
  run(
    `tests on ${env.TEST_DB}`,
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=2', ...files],
    env,
  );

let ok = true;
if (!only.length) {
  ok = run('biome (format and lint)', 'npx', ['biome', 'check', '.']) && ok;
  ok = run('tsc (strict type-check)', 'npx', ['tsc', '--noEmit']) && ok;
}
ok = nodeTest({ TEST_DB: 'sqlite' }) && ok;

const pgUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
if (await reachable(pgUrl)) {
  ok = nodeTest({ TEST_DB: 'postgres', TEST_DATABASE_URL: pgUrl }) && ok;
} else if (requireAll) {
  console.error(`\nPostgreSQL is not reachable at ${pgUrl}; REQUIRE_ALL=1 makes this a failure.`);
  ok = false;
} else {
  console.error(`\n*** SKIPPED: the PostgreSQL run (${pgUrl} is not reachable) ***`);
}
process.exitCode = ok ? 0 : 1;
