import type { Kysely, TableMetadata } from 'kysely';
import { migrateToLatest, migrationsAreCurrent, type Storage } from '../database.js';

/** Rows of one table in the source and in the target after a copy. */
export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyOptions {
  /** Replace whatever the target holds. Default false: a target with any rows is refused. */
  force?: boolean;
  /**
   * Rows per INSERT. Default: as many as keep a statement under 10,000 bound values (SQLite's
   * limit is 32,766, PostgreSQL's 65,535), at most 1,000.
   */
  batchRows?: number;
  /** Called after every batch with the rows copied so far over all tables. */
  onProgress?: (done: number, total: number, table: string) => void;
}

/** A copy that must not start (target not empty, source not migrated, schemas differ). */
export class CopyRefusedError extends Error {}

/** A table to copy, in an order where every table comes after the tables it references. */
export interface CopyTable {
  name: string;
  columns: Array<{ name: string; dataType: string }>;
  /** The auto-incrementing id, when the table has one: the copy pages through it. */
  idColumn: string | undefined;
  /** Columns referencing this same table (a reply's parent comment, a sub-section's parent). */
  selfReferences: string[];
}

// Dynamic table and column names: the plan comes from the live catalogue, not from `Database`.
type AnyDb = Kysely<Record<string, Record<string, unknown>>>;
const dynamic = (db: unknown) => db as AnyDb;

/** Kysely's own bookkeeping: the target's migrations are its own, never copied over. */
const KYSELY_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/**
 * The tables of the site in `storage` as the migrations built them, ordered so that referenced
 * tables come first. Derived tables (the engine's search index) are left out: they are rebuilt.
 */
export async function copyPlan(storage: Storage): Promise<CopyTable[]> {
  const metadata = await siteTables(storage);
  const references = await storage.dialect.copy.references(storage.db);
  const names = new Set(metadata.map((t) => t.name));
  const dependsOn = new Map<string, Set<string>>(metadata.map((t) => [t.name, new Set()]));
  for (const ref of references) {
    if (ref.table !== ref.referenced && names.has(ref.table) && names.has(ref.referenced)) {
      dependsOn.get(ref.table)!.add(ref.referenced);
    }
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    if (visiting.has(name)) throw new Error(`Foreign keys form a cycle through ${name}.`);
    visiting.add(name);
    for (const dependency of [...dependsOn.get(name)!].sort()) visit(dependency);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of [...names].sort()) visit(name);
  return ordered.map((name) => {
    const table = metadata.find((t) => t.name === name)!;
    return {
      name,
      columns: table.columns.map((c) => ({ name: c.name, dataType: c.dataType })),
      idColumn: table.columns.find((c) => c.isAutoIncrementing)?.name,
      selfReferences: references
        .filter((r) => r.table === name && r.referenced === name)
        .map((r) => r.column),
    };
  });
}

async function siteTables(storage: Storage): Promise<TableMetadata[]> {
  const tables = await storage.db.introspection.getTables();
  return tables.filter(
    (t) => !t.isView && !KYSELY_TABLES.has(t.name) && !storage.dialect.copy.isDerivedTable(t.name),
  );
}

/** Row counts of `tables` in `db`. */
export async function countRows(db: unknown, tables: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const table of tables) {
    const row = await dynamic(db)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts.set(table, Number(row.n));
  }
  return counts;
}

/**
 * Copies every row of the site in `source` into `target`, across engines. The target is migrated
 * first and MUST be empty unless `force`; the source MUST be fully migrated, so that both have the
 * same tables and columns. The source is read in one read-only snapshot and the target written in
 * one transaction: a failed copy leaves the target as it was. Identity counters are moved past the
 * copied ids. The engine's search index is not copied: rebuild it afterwards.
 */
export async function copyDatabase(
  source: Storage,
  target: Storage,
  options: CopyOptions = {},
): Promise<TableCount[]> {
  if (!(await migrationsAreCurrent(source))) {
    throw new CopyRefusedError(
      'The source database is not up to date: run `newsdesk migrate` on it first.',
    );
  }
  await migrateToLatest(target);
  const plan = await copyPlan(target);
  await assertSameSchema(plan, await copyPlan(source));
  const names = plan.map((t) => t.name);

  const existing = [...(await countRows(target.db, names))].filter(([, n]) => n > 0);
  if (existing.length && !options.force) {
    const listed = existing.map(([table, n]) => `${table}: ${n}`).join(', ');
    throw new CopyRefusedError(
      `The target database is not empty (${listed}). Use --force to replace its content.`,
    );
  }

  const sourceCounts = await source.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (read) => {
      const counts = await countRows(read, names);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      let done = 0;
      await target.db.transaction().execute(async (write) => {
        if (existing.length) {
          // Referencing tables first, so that no delete trips a foreign key.
          for (const table of [...names].reverse()) {
            await dynamic(write).deleteFrom(table).execute();
          }
        }
        options.onProgress?.(0, total, names[0] ?? '');
        for (const table of plan) {
          const before = done;
          done += await copyTable(table, dynamic(read), dynamic(write), options, (n) => {
            options.onProgress?.(before + n, total, table.name);
          });
        }
        await target.dialect.copy.resetIdentities(
          write,
          plan.flatMap((t) => (t.idColumn ? [{ table: t.name, column: t.idColumn }] : [])),
        );
      });
      return counts;
    });

  const targetCounts = await countRows(target.db, names);
  return names.map((table) => ({
    table,
    source: sourceCounts.get(table)!,
    target: targetCounts.get(table)!,
  }));
}

async function assertSameSchema(target: CopyTable[], source: CopyTable[]): Promise<void> {
  const describe = (plan: CopyTable[]) =>
    new Map(plan.map((t) => [t.name, t.columns.map((c) => c.name).sort()]));
  const a = describe(target);
  const b = describe(source);
  for (const [table, columns] of b) {
    const other = a.get(table);
    if (!other) throw new CopyRefusedError(`The target has no table ${table}.`);
    const missing = columns.filter((c) => !other.includes(c));
    if (missing.length) {
      throw new CopyRefusedError(`The target's ${table} lacks columns: ${missing.join(', ')}.`);
    }
  }
  for (const table of a.keys()) {
    if (!b.has(table)) throw new CopyRefusedError(`The source has no table ${table}.`);
  }
}

/** Copies one table batch by batch; returns the rows copied. */
async function copyTable(
  table: CopyTable,
  read: AnyDb,
  write: AnyDb,
  options: CopyOptions,
  progress: (copied: number) => void,
): Promise<number> {
  const columns = table.columns.map((c) => c.name);
  const convert = table.columns.map((c) => converterTo(c.dataType));
  const batch =
    options.batchRows ?? Math.max(1, Math.min(1000, Math.floor(10_000 / columns.length)));
  const id = table.idColumn;
  // A row whose parent comes later in id order is inserted without it and linked afterwards.
  const selfLinks: Array<{ id: unknown; column: string; value: unknown }> = [];
  let copied = 0;
  let lastId: unknown;
  for (;;) {
    let query = read.selectFrom(table.name).select(columns).limit(batch);
    if (id !== undefined) {
      query = query.orderBy(id);
      if (lastId !== undefined) query = query.where(id, '>', lastId);
    } else {
      for (const column of columns) query = query.orderBy(column);
      query = query.offset(copied);
    }
    const rows = await query.execute();
    if (rows.length === 0) break;
    const values = rows.map((row) => {
      const out: Record<string, unknown> = {};
      columns.forEach((column, i) => {
        out[column] = convert[i]!(row[column]);
      });
      if (id !== undefined) {
        for (const column of table.selfReferences) {
          const parent = out[column];
          if (parent !== null && parent !== undefined && Number(parent) >= Number(out[id])) {
            selfLinks.push({ id: out[id], column, value: parent });
            out[column] = null;
          }
        }
      }
      return out;
    });
    await write.insertInto(table.name).values(values).execute();
    copied += rows.length;
    if (id !== undefined) lastId = rows[rows.length - 1]![id];
    progress(copied);
    if (rows.length < batch) break;
  }
  for (const link of selfLinks) {
    await write
      .updateTable(table.name)
      .set({ [link.column]: link.value })
      .where(id!, '=', link.id)
      .execute();
  }
  return copied;
}

/**
 * How a value read from one engine is written to a column of `dataType` on the other: booleans
 * become 0/1 in integer columns and back, dates become the ISO-8601 text the schema stores.
 * Everything else (text timestamps, integers, JSON text) is stored alike on both engines.
 */
export function converterTo(dataType: string): (value: unknown) => unknown {
  const type = dataType.toLowerCase();
  if (type === 'bool' || type === 'boolean') {
    return (value) =>
      value === null || typeof value === 'boolean' ? value : Boolean(Number(value));
  }
  if (/int|real|double|float|numeric|decimal/.test(type)) {
    return (value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value);
  }
  return (value) => (value instanceof Date ? value.toISOString() : value);
}
