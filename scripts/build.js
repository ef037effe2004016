// Bundles the server and CLI into dist/ with esbuild; npm packages stay external.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles src/cli/index.ts into `outdir`/cli.js. Code splitting keeps each dynamic import() a
 * chunk of its own, loaded only when it runs: the cluster primary never loads the app.
 */
export async function buildServer(outdir = join(root, 'dist')) {
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

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildServer();
}
