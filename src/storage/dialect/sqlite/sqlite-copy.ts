import { sql } from 'kysely';
import type { CopyDialect } from '../storage-dialect.js';

/** Copying a site in or out of SQLite. */
export const sqliteCopy: CopyDialect = {
  // FTS5 keeps `search_fts` and its shadow tables (`search_fts_data`, `_idx`, `_content`, …).
  isDerivedTable: (name) => name === 'search_fts' || name.startsWith('search_fts_'),

  async references(db) {
    const { rows } = await sql<{ table: string; column: string; referenced: string }>`
      SELECT m.name AS "table", f."from" AS "column", f."table" AS referenced
      FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table'`.execute(db);
    return rows;
  },

  // AUTOINCREMENT records the highest id ever inserted, explicit ones included: nothing to do.
  async resetIdentities() {},
};
