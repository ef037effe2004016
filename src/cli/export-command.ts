import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { type Config, loadConfig } from '../config/config.js';
import type { ExportCounts } from '../migration/wordpress-export.js';
import { createServices } from '../services.js';
import { migrateToLatest, type Storage } from '../storage/database.js';

/** Writes the site as WXR to `out` (stdout by default). */
export async function runWordpressExport(
  storage: Storage,
  config: Config,
  out: Writable,
  clock?: () => Date,
): Promise<ExportCounts> {
  await migrateToLatest(storage);
  const services = createServices({ config, storage, clock });
  // Loaded when the command runs: `newsdesk serve` loads this file too.
  const { writeWordPressExport } = await import('../migration/wordpress-export.js');
  return writeWordPressExport(
    {
      repository: services.repositories.migration,
      site: {
        url: config.siteUrl,
        name: config.siteName,
        description: `${config.siteName}: news, analysis and comment.`,
        locale: config.siteLocale,
        timeZone: config.siteTimezone,
      },
      clock: services.clock,
    },
    out,
  );
}

export function registerExportCommands(
  program: Command,
  withStorage: (work: (storage: Storage) => Promise<unknown>) => Promise<void>,
) {
  const exportCommand = program
    .command('export')
    .description('write the site out for another platform');
  exportCommand
    .command('wordpress')
    .description(
      'write a WordPress export (WXR 1.2) to stdout: `newsdesk export wordpress > site.xml`. It includes drafts and email addresses: keep it private',
    )
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .action((opts: { output?: string }) =>
      withStorage(async (storage) => {
        const out = opts.output ? createWriteStream(opts.output, { mode: 0o600 }) : process.stdout;
        const counts = await runWordpressExport(storage, loadConfig(), out);
        if (opts.output) {
          out.end();
          await finished(out);
        }
        // The report goes to stderr so that stdout stays a clean XML file.
        console.error(
          `Exported ${counts.posts} posts, ${counts.pages} pages, ${counts.comments} comments, ${counts.attachments} media items, ${counts.authors} people, ${counts.categories} sections and ${counts.tags} tags.`,
        );
      }),
    );
}
