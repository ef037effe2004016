import { type QueryExecutorProvider, sql } from 'kysely';
import { copyArticleToLinks, LINK_TABLES } from '../../link-tables.js';

/** SQLite cannot change a row before it is inserted, so a new link is filled in right after. */
export async function createSqliteLinkListingTriggers(db: QueryExecutorProvider): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  for (const { table, key } of Object.values(LINK_TABLES)) {
    await run(sql`
      CREATE TRIGGER ${sql.id(`${table}_fill_listing`)} AFTER INSERT ON ${sql.table(table)} BEGIN
        UPDATE ${sql.table(table)}
        SET (type, status, published_at, updated_at) = (
          SELECT type, status, published_at, updated_at FROM articles WHERE id = NEW.article_id
        )
        WHERE article_id = NEW.article_id AND ${sql.ref(key)} = NEW.${sql.ref(key)};
      END`);
  }
  await run(sql`
    CREATE TRIGGER articles_link_listing AFTER UPDATE OF type, status, published_at, updated_at ON articles
    WHEN OLD.type IS NOT NEW.type OR OLD.status IS NOT NEW.status
      OR OLD.published_at IS NOT NEW.published_at OR OLD.updated_at IS NOT NEW.updated_at
    BEGIN ${copyArticleToLinks()}
    END`);
}
