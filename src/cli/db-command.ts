import type { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import type { SiteCopyReport } from '../operations/db-copy.js';
import { createProgress } from './progress.js';

/** The verification table printed after a copy: rows per table on both sides. */
export function formatCopyReport(report: SiteCopyReport): string {
  const width = Math.max(5, ...report.tables.map((t) => t.table.length));
  const number = (n: number) => n.toLocaleString('en-US').padStart(10);
  const lines = [`${'Table'.padEnd(width)} ${'Source'.padStart(10)} ${'Target'.padStart(10)}`];
  for (const t of report.tables) {
    const flag = t.source === t.target ? '' : '  <- differs';
    lines.push(`${t.table.padEnd(width)} ${number(t.source)} ${number(t.target)}${flag}`);
  }
  const rows = report.tables.reduce((sum, t) => sum + t.target, 0);
  lines.push(
    report.matches
      ? `All ${report.tables.length} tables match: ${rows.toLocaleString('en-US')} rows copied in ${report.seconds.toFixed(1)} s; ${report.indexed} articles indexed for search.`
      : `Row counts differ in: ${report.tables
          .filter((t) => t.source !== t.target)
          .map((t) => t.table)
          .join(', ')}.`,
  );
  return lines.join('\n');
}

/** `newsdesk db copy --from <url> --to <url> [--force]`; its modules load when it runs. */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('move a site between databases');
  db.command('copy')
    .description(
      'copy a whole site between databases (SQLite file or postgres:// URL, either direction), then verify row counts',
    )
    .requiredOption('--from <url>', 'source database: an SQLite file path or a postgres:// URL')
    .requiredOption('--to <url>', 'target database; migrated first, and it must be empty')
    .option('--force', 'replace the content of a target that is not empty')
    .action(async (options: { from: string; to: string; force?: boolean }) => {
      const { copySite } = await import('../operations/db-copy.js');
      const copying = createProgress('Copying rows');
      const indexing = createProgress('Indexing articles');
      let copyDone = false;
      const report = await copySite({
        from: options.from,
        to: options.to,
        force: options.force,
        config: loadConfig(),
        onCopyProgress: (done, total) => copying.update(done, total),
        onIndexProgress: (done, total) => {
          if (!copyDone) {
            copying.stop();
            copyDone = true;
          }
          indexing.update(done, total);
        },
      }).finally(() => {
        if (!copyDone) copying.stop();
        indexing.stop();
      });
      console.log(formatCopyReport(report));
      if (!report.matches) process.exitCode = 1;
    });
}
