import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { createProgress } from './progress.js';

/**
 * `newsdesk backup <file>` and `newsdesk restore <file>` (SQLite sites; pg_dump on PostgreSQL).
 * Their modules load when they run: `newsdesk serve` loads this file too.
 */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description(
      'write a consistent copy of the SQLite database to <file> while the site keeps serving (PostgreSQL: use pg_dump)',
    )
    .action(async (file: string) => {
      const { backupSite } = await import('../operations/backup.js');
      const progress = createProgress('Backing up', process.stderr, { unit: 'bytes' });
      const pageBytes = 4096;
      const report = await backupSite(loadConfig().databaseUrl, resolve(file), (done, total) =>
        progress.update(done * pageBytes, total * pageBytes),
      ).finally(() => progress.stop());
      const mb = (report.bytes / 1_048_576).toFixed(1);
      const restarts = report.restarts
        ? ` (restarted ${report.restarts}× by concurrent writes)`
        : '';
      console.log(
        `Backed up ${mb} MB to ${resolve(file)} in ${report.seconds.toFixed(1)} s${restarts}.`,
      );
    });

  program
    .command('restore <file>')
    .description(
      'replace the SQLite database with a backup made by `newsdesk backup` (stop the site first)',
    )
    .option('--force', 'replace the database even though a running site has it open')
    .action(async (file: string, options: { force?: boolean }) => {
      const { databaseUrl } = loadConfig();
      const { restoreSite } = await import('../operations/backup.js');
      const { applied } = await restoreSite(databaseUrl, resolve(file), options);
      console.log(
        `Restored ${resolve(file)}${applied.length ? `; applied migrations ${applied.join(', ')}` : ''}.`,
      );
    });
}
