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
 * Full-text search on PostgreSQL: a tsvector per document (folded tokens, weighted by field) with
 * a GIN index, ranked by ts_rank.
 */
export const postgresSearch: SearchDialect = {
  async createSchema(db) {
    await sql`CREATE TABLE search_documents (
      article_id integer PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
      title text NOT NULL,
      dek text NOT NULL,
      body text NOT NULL,
      document tsvector NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX search_documents_document ON search_documents USING gin (document)`.execute(
      db,
    );
  },

  async write(db: QueryExecutorProvider, documents: SearchDocument[], removeIds: number[]) {
    for (let i = 0; i < removeIds.length; i += 1000) {
      const chunk = removeIds.slice(i, i + 1000);
      await sql`DELETE FROM search_documents WHERE article_id IN (${sql.join(chunk)})`.execute(db);
    }
    for (let i = 0; i < documents.length; i += BATCH) {
      const rows = documents
        .slice(i, i + BATCH)
        .map(
          (d) =>
            sql`(${d.articleId}, ${d.title.join(' ')}, ${d.dek.join(' ')}, ${d.body.join(' ')}, CAST(${tsvectorLiteral(d)} AS tsvector))`,
        );
      await sql`INSERT INTO search_documents (article_id, title, dek, body, document) VALUES ${sql.join(rows)}
        ON CONFLICT (article_id) DO UPDATE SET title = excluded.title, dek = excluded.dek,
          body = excluded.body, document = excluded.document`.execute(db);
    }
  },

  async prune(db, statuses) {
    await sql`DELETE FROM search_documents WHERE article_id NOT IN (SELECT id FROM articles WHERE status IN (${sql.join(statuses)}))`.execute(
      db,
    );
  },

  async optimize(db) {
    // Without fresh statistics the planner may scan every document instead of using the index.
    await sql`ANALYZE search_documents`.execute(db);
  },

  matches(query: ParsedQuery, ranked: boolean) {
    const tsquery = tsqueryLiteral(query);
    // Weights are {D, C, B, A}: body 0.2, dek 0.4, title 1.0.
    const score = ranked
      ? sql`ts_rank('{0.1,0.2,0.4,1.0}'::float4[], document, CAST(${tsquery} AS tsquery))`
      : sql`0`;
    return sql<Match>`(SELECT article_id, ${score} AS score FROM search_documents WHERE document @@ CAST(${tsquery} AS tsquery))`;
  },

  // Nothing to add: PostgreSQL keeps a long body out of line (TOAST), so the visibility columns
  // are read from the row itself.
  async createVisibility() {},

  visibleArticles() {
    return sql<VisibleArticle>`(SELECT id, status, published_at, primary_category_id FROM articles)`;
  },
};
