import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import type { FileBackup } from '../storage-dialect.js';

/** Pages copied per step of the online backup (4 MiB with 4 KiB pages): progress stays visible. */
const PAGES_PER_STEP = 1024;
/** The most pages one step may copy: "all that is left". */
const ALL_PAGES = 0x7fffffff;

/**
 * Backup and restore of the SQLite file `databaseFile`, on SQLite's online backup API.
 *
 * The backup reads through its own connection. In WAL mode a reader blocks neither readers nor
 * writers, but a write by another connection between two steps makes SQLite start the copy over;
 * after the first such restart the rest is copied in one step (one read transaction: a consistent
 * snapshot that a busy site cannot keep restarting).
 */
export function sqliteFileBackup(databaseFile: string): FileBackup {
  return {
    async backup(file, onProgress) {
      if (!existsSync(databaseFile)) throw new Error(`There is no database at ${databaseFile}.`);
      const source = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
      const partial = `${file}.partial-${process.pid}`;
      rmSync(partial, { force: true });
      let restarts = 0;
      let lastRemaining = Number.POSITIVE_INFINITY;
      let rate = PAGES_PER_STEP;
      try {
        const { totalPages } = await source.backup(partial, {
          progress({ totalPages, remainingPages }) {
            if (remainingPages > lastRemaining) {
              restarts++;
              rate = ALL_PAGES;
            }
            lastRemaining = remainingPages;
            onProgress?.(totalPages - remainingPages, totalPages);
            return rate;
          },
        });
        onProgress?.(totalPages, totalPages);
        // A self-contained single file: no -wal or -shm needed to open or copy it.
        const copy = new SQLite(partial);
        try {
          copy.pragma('journal_mode = DELETE');
          const check = copy.pragma('quick_check', { simple: true });
          if (check !== 'ok') throw new Error(`The backup failed its check: ${String(check)}`);
        } finally {
          copy.close();
        }
        syncFile(partial);
        renameSync(partial, file);
        syncFile(dirname(file));
        return { pages: totalPages, bytes: statSync(file).size, restarts };
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      } finally {
        source.close();
      }
    },

    verify(file) {
      if (!existsSync(file)) throw new Error(`There is no file at ${file}.`);
      let db: SQLite.Database;
      try {
        db = new SQLite(file, { readonly: true, fileMustExist: true });
        db.pragma('schema_version');
      } catch (error) {
        throw new Error(`${file} is not an SQLite database (${(error as Error).message}).`);
      }
      try {
        const problems = db.pragma('integrity_check', { simple: false }) as Array<{
          integrity_check: string;
        }>;
        if (problems[0]?.integrity_check !== 'ok') {
          const first = problems
            .slice(0, 3)
            .map((p) => p.integrity_check)
            .join('; ');
          throw new Error(`${file} is damaged: the integrity check found ${first}`);
        }
        const table = db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
          .get('kysely_migration');
        if (!table) {
          throw new Error(`${file} is an SQLite database but not a Newsdesk one (no migrations).`);
        }
        const migrations = (
          db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{
            name: string;
          }>
        ).map((row) => row.name);
        if (!migrations.includes('001-initial')) {
          throw new Error(`${file} is not a Newsdesk database (migration 001-initial missing).`);
        }
        return { migrations };
      } finally {
        db.close();
      }
    },

    inUse() {
      if (!existsSync(databaseFile)) return false;
      // Every connection to a WAL database holds a shared lock on the file for as long as it is
      // open, so an exclusive lock is only granted when nobody else has it open.
      let probe: SQLite.Database | undefined;
      try {
        probe = new SQLite(databaseFile, { timeout: 0, fileMustExist: true });
        probe.pragma('locking_mode = EXCLUSIVE');
        probe.exec('BEGIN EXCLUSIVE');
        probe.exec('COMMIT');
        return false;
      } catch (error) {
        return (error as { code?: string }).code?.startsWith('SQLITE_BUSY') === true;
      } finally {
        probe?.close();
      }
    },

    async restore(file) {
      this.verify(file);
      const partial = `${databaseFile}.restore-${process.pid}`;
      rmSync(partial, { force: true });
      const source = new SQLite(file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(partial, { progress: () => ALL_PAGES });
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      } finally {
        source.close();
      }
      syncFile(partial);
      // MUST go before the rename: an old write-ahead log replayed onto the restored file would
      // corrupt it.
      rmSync(`${databaseFile}-wal`, { force: true });
      rmSync(`${databaseFile}-shm`, { force: true });
      renameSync(partial, databaseFile);
      syncFile(dirname(databaseFile));
    },
  };
}

/** Flushes a file (or a directory entry, after a rename) to disk. */
function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
