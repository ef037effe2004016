import type { Config } from '../config/config.js';
import { createServices } from '../services.js';
import { CopyRefusedError, copyDatabase, type TableCount } from '../storage/copy/copy-database.js';
import { openStorage } from '../storage/database.js';

export interface SiteCopyReport {
  /** Rows per table in the source snapshot and in the target after the copy. */
  tables: TableCount[];
  /** True when every table has as many rows in the target as in the source. */
  matches: boolean;
  /** Articles put in the target's search index. */
  indexed: number;
  seconds: number;
}

export interface SiteCopyOptions {
  from: string;
  to: string;
  /** Replace a target that already holds rows. Default false. */
  force?: boolean;
  /** The rest of the site's configuration (time zone for the search index). */
  config: Config;
  /** Rows per INSERT; see `CopyOptions.batchRows`. */
  batchRows?: number;
  onCopyProgress?: (done: number, total: number) => void;
  onIndexProgress?: (done: number, total: number) => void;
}

/**
 * Moves a whole site from one database to another, on the same engine or across SQLite and
 * PostgreSQL: migrates the target, copies every table, rebuilds the target's search index (an
 * engine-specific structure that is never copied) and counts the rows on both sides.
 */
export async function copySite(options: SiteCopyOptions): Promise<SiteCopyReport> {
  if (options.from === options.to) {
    throw new CopyRefusedError('--from and --to name the same database.');
  }
  const started = performance.now();
  const source = await openStorage(options.from);
  try {
    const target = await openStorage(options.to);
    try {
      const tables = await copyDatabase(source, target, {
        force: options.force,
        batchRows: options.batchRows,
        onProgress: options.onCopyProgress,
      });
      const services = createServices({
        config: { ...options.config, databaseUrl: options.to },
        storage: target,
      });
      try {
        const { indexed } = await services.search.reindex(options.onIndexProgress);
        return {
          tables,
          matches: tables.every((t) => t.source === t.target),
          indexed,
          seconds: (performance.now() - started) / 1000,
        };
      } finally {
        await services.stores.close();
      }
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
