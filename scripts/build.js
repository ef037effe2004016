// Bundles the server and CLI into dist/ with esbuild; npm packages stay external.
import { build } from 'esbuild';

export async function buildServer() {
  await build({
    entryPoints: { cli: 'src/cli/index.ts' },
    outdir: 'dist',
    bundle: true,
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
