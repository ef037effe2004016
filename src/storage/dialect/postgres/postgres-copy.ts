import { sql } from 'kysely';
import type { CopyDialect } from '../storage-dialect.js';

/** Copying a site in or out of PostgreSQL. */
export const postgresCopy: CopyDialect = {
  isDerivedTable: (name) => name === 'search_documents',

  async references(db) {
    const { rows } = await sql<{ table: string; column: string; referenced: string }>`
      SELECT t.relname AS "table", a.attname AS "column", r.relname AS referenced
      FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_class r ON r.oid = c.confrelid
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND pg_table_is_visible(t.oid)`.execute(db);
    return rows;
  },

  async resetIdentities(db, columns) {
    // An identity column keeps its own counter, which explicit ids never advance: without this
    // the first article written after the copy would collide with a copied one.
    for (const { table, column } of columns) {
      await sql`SELECT setval(
          pg_get_serial_sequence(${table}, ${column}),
          COALESCE((SELECT max(${sql.ref(column)}) FROM ${sql.table(table)}), 0) + 1,
          false)`.execute(db);
    }
  },
};
