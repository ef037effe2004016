import { type Kysely, sql } from 'kysely';
import { buildDocument, INDEXED_STATUSES, vocabularyOf } from '../../search/search-indexing.js';
import type { IndexSource } from '../../search/search-repository.js';
import type { StorageDialect } from '../dialect/storage-dialect.js';
import type { Database } from '../schema.js';

/**
 * Full-text search: the engine's index (FTS5 table or tsvector + GIN, from the dialect) and the
 * "did you mean" vocabulary, filled from the articles already there.
 */
export async function up(db: Kysely<unknown>, dialect: StorageDialect): Promise<void> {
  await dialect.search.createSchema(db);
  await db.schema
    .createTable('search_terms')
    .addColumn('term', 'text', (c) => c.primaryKey())
    .addColumn('initial', 'text', (c) => c.notNull())
    .addColumn('display', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_terms_initial')
    .on('search_terms')
    .column('initial')
    .execute();

  // Backfill in batches; the migration already runs in a transaction.
  const typed = db as unknown as Kysely<Database>;
  let afterId = 0;
  for (;;) {
    const rows = await typed
      .selectFrom('articles')
      .select(['id', 'status', 'title', 'dek', 'body_html'])
      .where('id', '>', afterId)
      .where('status', 'in', INDEXED_STATUSES)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1]!.id;
    const sources: IndexSource[] = rows.map((r) => ({
      id: r.id,
      status: r.status,
      title: r.title,
      dek: r.dek,
      bodyHtml: r.body_html,
      tags: [],
    }));
    await dialect.search.write(db, sources.map(buildDocument), []);
    const terms = vocabularyOf(sources);
    for (let i = 0; i < terms.length; i += 300) {
      await sql`INSERT INTO search_terms (term, initial, display) VALUES ${sql.join(
        terms.slice(i, i + 300).map((t) => sql`(${t.term}, ${[...t.term][0]}, ${t.display})`),
      )} ON CONFLICT (term) DO NOTHING`.execute(db);
    }
  }
  await dialect.search.optimize(db);
}
