import { type QueryExecutorProvider, sql } from 'kysely';
import type { ParsedQuery } from '../../../search/query-parser.js';
import type { SearchDocument } from '../../../search/search-repository.js';
import type { SearchDialect, VisibleArticle } from '../storage-dialect.js';

type Match = { article_id: number; score: number };

const BATCH = 200;

// tsvector limits: positions above 16383 collapse into one, and a lexeme keeps 256 positions.
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
// Empty positions between fields so a phrase never matches across title, dek and body (FTS5
// columns behave the same).
const FIELD_GAP = 2;

/**
 * The document as a tsvector literal built from the shared tokens: weight A for title, B for dek,
 * C for body. Building it here instead of with to_tsvector() keeps PostgreSQL's own parser
 * (which splits "co-working", URLs and e-mail addresses its own way) out of the picture, so both
 * engines index exactly the same words at the same positions.
 */
export function tsvectorLiteral(d: SearchDocument): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const fields: [string[], string][] = [
    [d.title, 'A'],
    [d.dek, 'B'],
    [d.body, 'C'],
  ];
  for (const [tokens, weight] of fields) {
    for (const token of tokens) {
      position++;
      if (position > MAX_POSITION) break;
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
      positions.set(token, list);
    }
    position += FIELD_GAP;
  }
  return [...positions].map(([token, list]) => `${quote(token)}:${list.join(',')}`).join(' ');
}

/** A tsquery literal: clauses ANDed, phrase tokens joined by `<->`, `:*` marking a prefix. */
export function tsqueryLiteral(query: ParsedQuery): string {
  return query.clauses
    .map((c) => {
      const parts = c.tokens.map((t, i) =>
        c.prefix && i === c.tokens.length - 1 ? `${quote(t)}:*` : quote(t),
      );
      return parts.length === 1 ? parts[0] : `(${parts.join(' <-> ')})`;
    })
    .join(' & ');
}

// Tokens are letters, digits and marks only; quoting (and doubling any quote) is belt and braces.
const quote = (token: string) => `'${token.replace(/['\\]/g, (c) => c + c)}'`;

/**
 * The documents table: one tsvector per article, nothing else, so a scan of matches reads few
 * pages. A document (a few KB with its positions) lives out of line and uncompressed: ranking
 * reads every match's document, and decompressing it cost more than reading it (a common word at
 * 100,000 articles: 320 ms compressed, 180 ms not).
 */
async function createDocumentsTable(db: QueryExecutorProvider, name: string) {
  await sql`CREATE TABLE ${sql.table(name)} (
    article_id integer PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    document tsvector NOT NULL
  )`.execute(db);
  await sql`ALTER TABLE ${sql.table(name)} ALTER COLUMN document SET STORAGE EXTERNAL`.execute(db);
}

const createDocumentsIndex = (db: QueryExecutorProvider) =>
  sql`CREATE INDEX search_documents_document ON search_documents USING gin (document)`.execute(db);

/**
 * Full-text search on PostgreSQL: a tsvector per document (folded tokens, weighted by field) with
 * a GIN index, ranked by ts_rank.
 */
export const postgresSearch: SearchDialect = {
  async createSchema(db) {
    await createDocumentsTable(db, 'search_documents');
    await createDocumentsIndex(db);
  },

  async rebuildDocuments(db) {
    await createDocumentsTable(db, 'search_documents_next');
    // `|| ''` makes a new value, stored as the new column says; a plain copy would keep the old,
    // compressed one.
    await sql`INSERT INTO search_documents_next (article_id, document)
      SELECT article_id, document || ''::tsvector FROM search_documents`.execute(db);
    await sql`DROP TABLE search_documents`.execute(db);
    await sql`ALTER TABLE search_documents_next RENAME TO search_documents`.execute(db);
    await sql`ALTER INDEX search_documents_next_pkey RENAME TO search_documents_pkey`.execute(db);
    await sql`ALTER TABLE search_documents RENAME CONSTRAINT search_documents_next_article_id_fkey
      TO search_documents_article_id_fkey`.execute(db);
    await createDocumentsIndex(db);
    await sql`ANALYZE search_documents`.execute(db);
  },

  async write(db: QueryExecutorProvider, documents: SearchDocument[], removeIds: number[]) {
    for (let i = 0; i < removeIds.length; i += 1000) {
      const chunk = removeIds.slice(i, i + 1000);
      await sql`DELETE FROM search_documents WHERE article_id IN (${sql.join(chunk)})`.execute(db);
    }
    for (let i = 0; i < documents.length; i += BATCH) {
      const rows = documents
        .slice(i, i + BATCH)
        .map((d) => sql`(${d.articleId}, CAST(${tsvectorLiteral(d)} AS tsvector))`);
      await sql`INSERT INTO search_documents (article_id, document) VALUES ${sql.join(rows)}
        ON CONFLICT (article_id) DO UPDATE SET document = excluded.document`.execute(db);
    }
  },

  async prune(db, statuses) {
    await sql`DELETE FROM search_documents WHERE article_id NOT IN (SELECT id FROM articles WHERE status IN (${sql.join(statuses)}))`.execute(
      db,
    );
  },

  async optimize(db) {
    // Without fresh statistics the planner may scan every document instead of using the index;
    // documents written since the last vacuum wait in the index's pending list, which every
    // search then reads in full (60 ms at 10,000 articles right after a reindex).
    await sql`ANALYZE search_documents`.execute(db);
    await sql`SELECT gin_clean_pending_list('search_documents_document')`.execute(db);
  },

  matches(query: ParsedQuery, ranked: boolean) {
    const tsquery = tsqueryLiteral(query);
    // Weights are {D, C, B, A}: body 0.2, dek 0.4, title 1.0.
    const score = ranked
      ? sql`ts_rank('{0.1,0.2,0.4,1.0}'::float4[], document, CAST(${tsquery} AS tsquery))`
      : sql`0`;
    // OFFSET 0 plans the match on its own: joined, the planner may walk the primary key in order
    // and test every document instead (see `readMatches`).
    return sql<Match>`(SELECT article_id, ${score} AS score FROM search_documents WHERE document @@ CAST(${tsquery} AS tsquery) OFFSET 0)`;
  },

  /**
   * The planner prices a match as one cheap comparison per scanned row, not knowing that each
   * comparison first reads that row's out-of-line document. For a word in many documents it
   * therefore scans them all instead of reading the GIN index: counting a prefix that matches
   * 75,000 of 100,000 articles took 1.3 s that way, 0.18 s through the index. The penalty that
   * setting puts on any other scan would in turn switch on JIT compilation (60 ms and more for a
   * query that runs in 5), so that goes too, for these statements only. They are also planned
   * for their words every time: a generic plan (the pool's prepared statements may settle on one
   * after five runs) sizes every word alike, and after six searches planned the count of a word in
   * 19,213 documents for 500.
   */
  async readMatches(db, run) {
    if (db.isTransaction) return run(db);
    return db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true),
        set_config('plan_cache_mode', 'force_custom_plan', true)`.execute(trx);
      return run(trx);
    });
  },

  visibleArticles() {
    return sql<VisibleArticle>`(SELECT id, status, published_at, primary_category_id FROM articles)`;
  },
};
