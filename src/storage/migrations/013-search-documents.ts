import type { Kysely } from 'kysely';
import type { StorageDialect } from '../dialect/storage-dialect.js';
import { up as createSearchVisibility } from './012-search-visibility.js';

/**
 * PostgreSQL search read too much per match: its documents sat in a table that also held the
 * folded text (never read back), compressed, and the visibility check had no covering index
 * (012 created it on SQLite only). At 100,000 articles a common word took 2.2-2.5 s. The documents
 * are rewritten in the shape `createSchema` now makes and the index is added where missing.
 */
export async function up(db: Kysely<unknown>, dialect: StorageDialect): Promise<void> {
  await createSearchVisibility(db, dialect);
  await dialect.search.rebuildDocuments(db);
}
