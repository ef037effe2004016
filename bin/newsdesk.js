#!/usr/bin/env node
// The `newsdesk` command. Rebuilds dist/ when any source file is newer than the bundle, so a
// checkout always runs what is in src/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'src'))) {
  const cwd = process.cwd();
  process.chdir(root);
  const { buildServer } = await import('../scripts/build.js');
  await buildServer();
  process.chdir(cwd);
}
await import(bundle);
