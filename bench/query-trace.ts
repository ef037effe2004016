// Lists the SQL one request runs, with timings: `tsx bench/query-trace.ts <sqlite-file|postgres-url> <path>...`
// (a development aid for the uncached reader path; see bench/README.md).
import { Kysely } from 'kysely';
import { openStorage } from '../src/storage/database.js';
import type { Database } from '../src/storage/schema.js';
import { uncachedReaderApp } from './reader-app.js';

const [target, ...paths] = process.argv.slice(2);
if (!target || paths.length === 0) {
  console.error('usage: tsx bench/query-trace.ts <sqlite-file|postgres-url> <path>...');
  process.exit(2);
}
const url = /^postgres(ql)?:/.test(target) ? target : `sqlite:${target}`;
const opened = await openStorage(url);
let trace: { sql: string; ms: number; params: readonly unknown[] }[] | undefined;
const db = new Kysely<Database>({
  dialect: opened.dialect.kyselyDialect,
  log(event) {
    trace?.push({
      sql: event.query.sql,
      ms: event.queryDurationMillis,
      params: event.query.parameters,
    });
  },
});
const storage = { db, dialect: opened.dialect, close: () => db.destroy() };
const app = await uncachedReaderApp(url, storage);
for (const path of paths) {
  for (const round of [1, 2]) {
    trace = [];
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url: path });
    const total = performance.now() - t0;
    if (round === 1) continue;
    if (process.env.TRACE_DEBUG) console.log(res.headers);
    console.log(
      `\n${path}: ${res.statusCode}, ${res.body.length} B, ${total.toFixed(2)} ms, ${trace.length} queries`,
    );
    for (const q of trace)
      console.log(
        `  ${q.ms.toFixed(2).padStart(6)} ms  ${process.env.FULL ? `${q.sql}\n  PARAMS ${JSON.stringify(q.params)}` : q.sql.slice(0, 220)}`,
      );
  }
}
await app.close();
await storage.close();
