import type { Command } from 'commander';
import { type Config, loadConfig } from '../config/config.js';
import type {
  ImportProgress,
  ImportSummary,
  WordPressImporter,
  WordPressImportOptions,
} from '../migration/wordpress-import.js';
import type { Services } from '../services.js';
import { migrateToLatest, type Storage } from '../storage/database.js';
import { createProgress, type Progress } from './progress.js';
import { type SitePurges, withSitePurges } from './site-purges.js';

// The importer loads when its command runs: `newsdesk serve` loads this file too.

/** The importer wired to a site's services: its media folder, time zone, avatars and search. */
export async function wordpressImporterFor(
  services: Services,
  config: Config,
): Promise<WordPressImporter> {
  const { WordPressImporter } = await import('../migration/wordpress-import.js');
  const keys = await services.comments.keys();
  return new WordPressImporter({
    repository: services.repositories.migration,
    mediaDir: config.mediaDir,
    siteTimeZone: config.siteTimezone,
    clock: services.clock,
    avatarKey: (email) => keys.avatarKey(email),
    searchIndexer: services.search,
  });
}

const PASS_LABELS = {
  1: 'Pass 1/2: authors, sections, tags, media',
  2: 'Pass 2/2: posts, pages, comments',
} as const;

/** Progress bars for the two passes, with items per second. */
function progressReporter(stream: NodeJS.WriteStream) {
  let bar: Progress | undefined;
  let pass = 0;
  let passStarted = Date.now();
  let itemsAtStart = 0;
  return {
    update(p: ImportProgress) {
      if (p.pass !== pass) {
        bar?.stop();
        pass = p.pass;
        passStarted = Date.now();
        itemsAtStart = p.items;
        bar = createProgress(PASS_LABELS[p.pass], stream, { unit: 'bytes' });
      }
      const seconds = Math.max(0.001, (Date.now() - passStarted) / 1000);
      const rate = Math.round((p.items - itemsAtStart) / seconds);
      bar!.update(p.bytes, p.totalBytes, `${p.items} items, ${rate} items/s`);
    },
    stop: () => bar?.stop(),
  };
}

/** Runs an import with progress on stderr; prints the summary, or the error with its line. */
export async function runWordpressImport(
  storage: Storage,
  config: Config,
  options: WordPressImportOptions,
): Promise<ImportSummary | undefined> {
  await migrateToLatest(storage);
  return withSitePurges(config, storage, (services, purges) =>
    importWith(services, purges, config, options),
  );
}

async function importWith(
  services: Services,
  purges: SitePurges,
  config: Config,
  options: WordPressImportOptions,
): Promise<ImportSummary | undefined> {
  const importer = await wordpressImporterFor(services, config);
  const { ImportError } = await import('../migration/wordpress-import.js');
  const { formatImportSummary } = await import('../migration/import-summary.js');
  const progress = progressReporter(process.stderr);
  try {
    const summary = await importer.run({ ...options, onProgress: (p) => progress.update(p) });
    progress.stop();
    console.log(formatImportSummary(summary));
    if (!options.dryRun) await purgeAfterImport(purges, config);
    return summary;
  } catch (error) {
    progress.stop();
    if (!(error instanceof ImportError)) throw error;
    process.exitCode = 1;
    console.error(`Import stopped: ${error.message}`);
    if (options.dryRun) console.error('Nothing was written (dry run).');
    else if (error.code !== 'FILE_NOT_FOUND') {
      console.error(
        'Nothing of the batch that failed was written; earlier batches are complete. Fix the cause and run the same command again: it carries on where it stopped.',
      );
    }
    return undefined;
  }
}

/** An import touches any page: running sites drop every cached one (or the operator is told). */
async function purgeAfterImport(purges: SitePurges, config: Config) {
  if (purges.reachesRunningSites) {
    await purges.purgeAll();
    console.log('Cached pages of running sites purged.');
  } else if (config.pageCache !== 'off') {
    console.log(
      `A site already running on this database shows the imported content as its cached pages expire (PAGE_CACHE_TTL, ${config.pageCacheTtlSeconds} s), or at once after a restart (SIGHUP restarts workers one by one). With REDIS_URL set, imports purge running sites themselves.`,
    );
  }
}

export function registerImportCommands(
  program: Command,
  withStorage: (work: (storage: Storage) => Promise<unknown>) => Promise<void>,
) {
  const importCommand = program
    .command('import')
    .description('bring content in from another platform');
  importCommand
    .command('wordpress <file>')
    .description(
      'import a WordPress export (Tools → Export, WXR 1.0–1.2); safe to run again: unchanged items are left alone',
    )
    .option(
      '--media-dir <dir>',
      'a copy of wp-content/uploads: attachment files are copied from it (never downloaded)',
    )
    .option('--dry-run', 'read and check everything and report what would change; write nothing')
    .option('--timezone <zone>', 'time zone of the WordPress site (default SITE_TIMEZONE)')
    .option('--max-field-size <megabytes>', 'largest single field accepted', '64')
    .action(
      (
        file: string,
        opts: { mediaDir?: string; dryRun?: boolean; timezone?: string; maxFieldSize: string },
      ) =>
        withStorage(async (storage) => {
          const maxFieldMb = Number(opts.maxFieldSize);
          if (!(maxFieldMb > 0)) throw new Error('--max-field-size must be a positive number');
          if (opts.timezone) {
            try {
              new Intl.DateTimeFormat('en', { timeZone: opts.timezone });
            } catch {
              throw new Error(`--timezone must be an IANA time zone, got "${opts.timezone}"`);
            }
          }
          await runWordpressImport(storage, loadConfig(), {
            file,
            uploadsDir: opts.mediaDir,
            dryRun: opts.dryRun === true,
            wordpressTimeZone: opts.timezone,
            maxFieldSize: Math.round(maxFieldMb * 1024 * 1024),
          });
        }),
    );
}
