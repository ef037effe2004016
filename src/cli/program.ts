import { Command } from 'commander';
import { ConfigError, loadConfig } from '../config/config.js';
import { migrateToLatest, openStorage, type Storage } from '../storage/database.js';
import { registerBackupCommands } from './backup-command.js';
import { registerCommentCommands } from './comments-command.js';
import { registerDbCommands } from './db-command.js';
import { registerExportCommands } from './export-command.js';
import { registerImportCommands } from './import-command.js';
import { registerSearchCommands } from './search-command.js';
import { isEmpty, seedDemoCommand } from './seed-demo-command.js';
import { registerUserCommands } from './user-command.js';

/** Opens the configured database, runs `work`, and closes it unless `work` keeps it (serve). */
async function withStorage(work: (storage: Storage) => Promise<unknown>) {
  const config = loadConfig();
  const storage = await openStorage(config.databaseUrl);
  let keepOpen = false;
  try {
    keepOpen = (await work(storage)) === true;
  } finally {
    if (!keepOpen) await storage.close();
  }
}

const program = new Command('newsdesk')
  .description('Newsdesk: an open-source news publishing platform')
  .version('0.1.0');

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withStorage(async (storage) => {
      const applied = await migrateToLatest(storage);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    }),
  );

program
  .command('seed-demo')
  .description('add the demo site (authors, sections, articles, comments) to an empty database')
  .action(() =>
    withStorage(async (storage) => {
      await migrateToLatest(storage);
      const n = await seedDemoCommand(loadConfig(), storage);
      console.log(`Seeded ${n} demo articles.`);
    }),
  );

program
  .command('serve')
  .description('serve the site (migrate first with `newsdesk migrate`)')
  .option(
    '-w, --workers <n>',
    'worker processes sharing the port (node:cluster); 0 = one per CPU core. SIGHUP restarts them one by one',
    '1',
  )
  .action(async (options: { workers: string }) => {
    const workers = Number(options.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 256) {
      throw new ConfigError(
        `--workers must be a whole number from 0 to 256, got "${options.workers}"`,
      );
    }
    // `--workers N` (N ≠ 1) reaches here only in a worker: src/cli/index.ts runs the primary.
    await withStorage(async (storage) => {
      const { serve } = await import('../server.js');
      await serve(loadConfig(), storage);
      return true;
    });
  });

program
  .command('start')
  .description('migrate, add demo content to an empty site, and serve (what `npm start` runs)')
  .action(() =>
    withStorage(async (storage) => {
      const config = loadConfig();
      await migrateToLatest(storage);
      if (await isEmpty(storage)) {
        const n = await seedDemoCommand(config, storage);
        console.log(`Empty site: added ${n} demo articles.`);
      }
      const { serve } = await import('../server.js');
      await serve(config, storage);
      console.log(
        `Newsdesk is serving ${config.siteUrl}/ (listening on ${config.host}:${config.port})`,
      );
      return true;
    }),
  );

registerUserCommands(program, withStorage);
registerSearchCommands(program, withStorage);
registerCommentCommands(program, withStorage);
registerImportCommands(program, withStorage);
registerExportCommands(program, withStorage);
registerDbCommands(program);
registerBackupCommands(program);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
