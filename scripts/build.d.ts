/** Bundles the CLI (src/cli/index.ts) into `outdir`/cli.js plus its chunks; default dist/. */
export function buildServer(outdir?: string): Promise<void>;
