import cluster from 'node:cluster';
import { keepTickObjectShape } from '../http/tick-object-shape.js';

// First, before start-up's garbage collections (see the function).
keepTickObjectShape();

/**
 * The `newsdesk` command. The primary of `serve --workers N` only supervises, so it starts
 * without loading the app (with the bundle's code splitting, none of the program's modules or
 * packages): every megabyte it does not hold is left to the workers. Everything else, workers
 * included, runs the program in program.ts, which also reports a bad `--workers` value.
 */
const workers = clusterWorkers(process.argv.slice(2));
if (cluster.isPrimary && workers !== undefined && workers !== 1) {
  const [{ runCluster }, { loadConfig }] = await Promise.all([
    import('../server-cluster.js'),
    import('../config/config.js'),
  ]);
  await runCluster({ workers, logLevel: loadConfig().logLevel });
  process.exit(0);
} else {
  await import('./program.js');
}

/** N of `serve --workers N` / `-w N` / `--workers=N`, when it is a valid count; else undefined. */
function clusterWorkers(args: string[]): number | undefined {
  if (args[0] !== 'serve') return undefined;
  let value: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--workers' || arg === '-w') value = args[i + 1];
    else if (arg.startsWith('--workers=')) value = arg.slice('--workers='.length);
    else if (/^-w\d+$/.test(arg)) value = arg.slice(2);
  }
  if (value === undefined || !/^\d{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 256 ? n : undefined;
}
