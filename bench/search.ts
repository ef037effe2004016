// Search benchmark: generates 10,000 and 100,000 articles directly through the repositories on a
// fresh SQLite file and (when reachable) a fresh PostgreSQL database, times `reindex`, then prints
// p50/p95 latency of SearchService.search for typical queries.
//
//   npx tsx bench/search.ts                      # both sizes, both engines
//   BENCH_SIZES=10000 BENCH_ENGINES=sqlite npx tsx bench/search.ts
//   BENCH_RUNS=50 (timed searches per query, default 30)
//   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test: a scratch database is
//   created next to it and dropped afterwards)
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/config/config.js';
import { SearchService } from '../src/search/search-service.js';
import { createServices } from '../src/services.js';
import { migrateToLatest, openStorage, type Storage } from '../src/storage/database.js';
import { KyselySearchRepository } from '../src/storage/repositories/kysely-search-repository.js';
import type { Database } from '../src/storage/schema.js';
import { CategoryTree } from '../src/taxonomy/taxonomy-service.js';
import type { SanitizedHtml } from '../src/text/sanitized-html.js';

const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
const runs = Number(process.env.BENCH_RUNS ?? 30);
const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Deterministic text: a Zipf-like draw from generated words, with a few real names mixed in so
// folding-dependent queries have something to find.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const syllables = ['ka', 'lo', 'mer', 'tin', 'sa', 'ru', 'ven', 'do', 'li', 'har', 'bo', 'quen'];
const vocabulary = Array.from({ length: 20_000 }, (_, i) => {
  let word = '';
  let n = i + 1;
  while (n > 0) {
    word += syllables[n % syllables.length];
    n = Math.floor(n / syllables.length);
  }
  return word;
});
const named = ['Erdoğan', 'İstanbul', 'Kalın', 'café', 'Türkiye', 'harbour', 'council', 'Hamas'];
const word = () =>
  random() < 0.02
    ? named[Math.floor(random() * named.length)]!
    : vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
const sentence = (n: number) => Array.from({ length: n }, word).join(' ');

const queries: Record<string, string> = {
  // A trailing space: a finished word, not a prefix.
  'common word': `${vocabulary[12]} `,
  'rare word': vocabulary[15_000]!,
  'two words': `${vocabulary[3]} ${vocabulary[40]}`,
  'prefix while typing': vocabulary[120]!.slice(0, 4),
  phrase: `"${vocabulary[1]} ${vocabulary[2]}"`,
  'folded name': 'erdogan istanbul',
  'miss + did you mean': `${vocabulary[500]}x`,
};

/** Prints the query plans of every benchmark query (BENCH_EXPLAIN=1). */
async function explain(storage: Storage, timeZone: string) {
  const explained = new Kysely<Database>({
    dialect: storage.dialect.kyselyDialect,
    log: async (event) => {
      if (event.level !== 'query' || !/^select/i.test(event.query.sql)) return;
      if (/search_terms|article_authors/.test(event.query.sql)) return;
      const plan = await sql
        .raw(`EXPLAIN ANALYZE ${inline(event.query.sql, event.query.parameters)}`)
        .execute(storage.db);
      console.log(plan.rows.map((r) => Object.values(r as object).join(' ')).join('\n'));
    },
  });
  const search = new SearchService({
    repository: new KyselySearchRepository(explained, storage.dialect.search),
    taxonomy: { findAuthor: async () => undefined },
    clock: () => new Date(),
    timeZone,
  });
  const tree = new CategoryTree([]);
  for (const [label, q] of Object.entries(queries)) {
    console.log(`\n--- ${label}: ${q}`);
    await search.search({ q, page: 1, perPage: 10, sort: 'relevance' }, tree);
  }
}

/** Parameters written into the SQL, for EXPLAIN only (benchmark values, never user input). */
function inline(query: string, parameters: readonly unknown[]) {
  const literal = (v: unknown) =>
    typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  let next = 0;
  return query.replace(/\$(\d+)|\?/g, (_m, n: string | undefined) =>
    literal(n ? parameters[Number(n) - 1] : parameters[next++]),
  );
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function scratchDatabase(engine: string) {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-search-bench-'));
    return {
      url: `sqlite:${join(dir, 'bench.sqlite')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `newsdesk_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function bench(engine: string, size: number) {
  seed = 42; // the same articles on every engine
  const database = await scratchDatabase(engine);
  const storage = await openStorage(database.url);
  try {
    await migrateToLatest(storage);
    const config = loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
    const now = new Date();
    const services = createServices({ config, storage, clock: () => now });
    const authorId = await services.taxonomy.createAuthor({
      name: 'Bench Writer',
      email: 'bench@newsdesk.invalid',
    });
    const categories = await Promise.all(
      ['City', 'Politics', 'Sport', 'Culture'].map((name) =>
        services.taxonomy.createCategory({ name }),
      ),
    );

    let started = performance.now();
    const parallel = engine === 'sqlite' ? 1 : 8;
    for (let i = 0; i < size; i += parallel) {
      await Promise.all(
        Array.from({ length: Math.min(parallel, size - i) }, (_, k) => {
          const n = i + k;
          const publishedAt = new Date(now.getTime() - (n + 1) * 600_000).toISOString();
          const paragraphs = Array.from({ length: 4 }, () => `<p>${sentence(50)}</p>`).join('');
          return services.repositories.articles.insert({
            type: 'post',
            slug: `bench-${n}`,
            title: sentence(8),
            dek: sentence(18),
            bodyHtml: paragraphs as SanitizedHtml,
            excerpt: '',
            status: 'published',
            publishedAt,
            createdAt: publishedAt,
            updatedAt: publishedAt,
            primaryCategoryId: categories[n % categories.length]!,
            categoryIds: [],
            tagIds: [],
            authorIds: [authorId],
            featuredMediaId: null,
            commentStatus: 'open',
            lang: null,
            dir: null,
          });
        }),
      );
    }
    const generateSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    await services.search.reindex();
    const reindexSeconds = (performance.now() - started) / 1000;

    // Fresh statistics and visibility maps, as autovacuum would have left them on a live site.
    await sql.raw(engine === 'sqlite' ? 'ANALYZE' : 'VACUUM ANALYZE').execute(storage.db);
    const tree = await services.taxonomy.categoryTree();
    if (process.env.BENCH_EXPLAIN) await explain(storage, config.siteTimezone);
    const rows: { query: string; p50: number; p95: number; hits: number }[] = [];
    const all: number[] = [];
    for (const [label, q] of Object.entries(queries)) {
      const request = { q, page: 1, perPage: 10, sort: 'relevance' as const };
      const first = await services.search.search(request, tree); // warm-up
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        await services.search.search(request, tree);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      rows.push({
        query: label,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        hits: first.total,
      });
    }
    all.sort((a, b) => a - b);
    console.log(
      `\n${engine}, ${size.toLocaleString('en')} articles: generated in ${generateSeconds.toFixed(1)} s, ` +
        `reindex ${reindexSeconds.toFixed(1)} s (${Math.round(size / reindexSeconds)} articles/s)`,
    );
    console.table(
      rows.map((r) => ({
        query: r.query,
        matches: r.hits,
        'p50 ms': r.p50.toFixed(2),
        'p95 ms': r.p95.toFixed(2),
      })),
    );
    console.log(
      `all queries: p50 ${percentile(all, 50).toFixed(2)} ms, p95 ${percentile(all, 95).toFixed(2)} ms`,
    );
  } finally {
    await storage.close();
    await database.drop();
  }
}

for (const engine of engines) {
  if (engine === 'postgres') {
    try {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.end();
    } catch {
      console.log(`\n*** SKIPPED PostgreSQL: ${pgUrl} is not reachable ***`);
      continue;
    }
  }
  for (const size of sizes) await bench(engine, size);
}
