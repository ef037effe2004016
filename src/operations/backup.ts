import { migrateToLatest, openStorage } from '../storage/database.js';
import { fileBackupFor } from '../storage/dialect/storage-dialect.js';

/** A backup or restore that must not run (wrong engine, site running, damaged file). */
export class BackupRefusedError extends Error {}

export const PG_DUMP_ADVICE = [
  'This site runs on PostgreSQL: back it up with PostgreSQL’s own tools, for example',
  '  pg_dump --format=custom --file=newsdesk.dump "$DATABASE_URL"',
  'and restore into an empty database with',
  '  pg_restore --no-owner --dbname="$DATABASE_URL" newsdesk.dump',
  '(see src/operations/README.md).',
].join('\n');

export interface BackupReport {
  bytes: number;
  pages: number;
  /** How often a concurrent write made SQLite start the copy over. */
  restarts: number;
  seconds: number;
}

/**
 * A consistent copy of the SQLite site at `databaseUrl` in `file`, taken while it serves (SQLite's
 * online backup API). Refused on PostgreSQL, whose tool is pg_dump.
 */
export async function backupSite(
  databaseUrl: string,
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupReport> {
  const tools = await fileBackupFor(databaseUrl);
  if (!tools) throw new BackupRefusedError(PG_DUMP_ADVICE);
  const started = performance.now();
  const result = await tools.backup(file, onProgress);
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/**
 * Replaces the SQLite site at `databaseUrl` with the backup in `file`: checks that the file is an
 * intact Newsdesk database, refuses while a running site has the database open (unless `force`),
 * swaps it in atomically and applies any migrations newer than the backup. Returns the migrations
 * applied.
 */
export async function restoreSite(
  databaseUrl: string,
  file: string,
  options: { force?: boolean } = {},
): Promise<{ applied: string[] }> {
  const tools = await fileBackupFor(databaseUrl);
  if (!tools) throw new BackupRefusedError(PG_DUMP_ADVICE);
  try {
    tools.verify(file);
  } catch (error) {
    throw new BackupRefusedError((error as Error).message);
  }
  if (!options.force && tools.inUse()) {
    throw new BackupRefusedError(
      'The database is in use (is the site running?). Stop the site first, or pass --force to replace it anyway.',
    );
  }
  await tools.restore(file);
  const storage = await openStorage(databaseUrl);
  try {
    return { applied: await migrateToLatest(storage) };
  } finally {
    await storage.close();
  }
}
