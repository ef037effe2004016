// Bundles the server and CLI into dist/ with esbuild; npm packages stay external. The browser
// scripts (islands) go to dist/client/, read by the server at start (src/http/assets.ts).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles src/cli/index.ts into `outdir`/cli.js. Code splitting keeps each dynamic import() a
 * chunk of its own, loaded only when it runs: the cluster primary never loads the app.
 */
export async function buildServer(outdir = join(root, 'dist')) {
  await buildClientScripts(join(outdir, 'client'));
  await build({
    entryPoints: { cli: join(root, 'src', 'cli', 'index.ts') },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'warning',
  });
}

/**
 * Bundles every `src/<capability>/client/*-client.ts(x)` into `outdir`, keeping its path below the
 * root (dist/client/src/comments/client/comments-client.js). Same options as the in-process
 * fallback of `bundleScript` in src/http/assets.ts, which tests running from src/ use.
 */
async function buildClientScripts(outdir) {
  const entryPoints = [];
  for (const capability of readdirSync(join(root, 'src'))) {
    const dir = join(root, 'src', capability, 'client');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) {
      if (/-client\.tsx?$/.test(file)) entryPoints.push(join(dir, file));
    }
  }
  await build({
    entryPoints,
    outdir,
    outbase: root,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer();
}
