import type { Command } from 'commander';
import type { Config } from '../config/config.js';
import { loadConfig } from '../config/config.js';
import { createServices } from '../services.js';
import { migrationsAreCurrent, type Storage } from '../storage/database.js';
import { createProgress } from './progress.js';

/**
 * Rebuilds the search index of the site in `storage`: a progress bar on a terminal, plain lines
 * otherwise. Search keeps answering while it runs. Returns how many articles are indexed.
 */
export async function reindexSearch(
  config: Config,
  storage: Storage,
  stream: NodeJS.WriteStream = process.stderr,
): Promise<{ indexed: number; seconds: number }> {
  if (!(await migrationsAreCurrent(storage))) {
    throw new Error('The database is not up to date: run `newsdesk migrate` first.');
  }
  const services = createServices({ config, storage });
  const progress = createProgress('Indexing articles', stream);
  const started = performance.now();
  try {
    const { indexed } = await services.search.reindex((done, total) =>
      progress.update(done, total),
    );
    return { indexed, seconds: (performance.now() - started) / 1000 };
  } finally {
    progress.stop();
  }
}

/** `newsdesk search reindex`. */
export function registerSearchCommands(
  program: Command,
  withStorage: (work: (storage: Storage) => Promise<unknown>) => Promise<void>,
): void {
  const search = program.command('search').description('the full-text search index');
  search
    .command('reindex')
    .description('rebuild the search index from the articles (search keeps working meanwhile)')
    .action(() =>
      withStorage(async (storage) => {
        const { indexed, seconds } = await reindexSearch(loadConfig(), storage);
        console.log(
          `Indexed ${indexed} published and scheduled articles in ${seconds.toFixed(1)} s.`,
        );
      }),
    );
}
