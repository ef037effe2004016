import { type QueryExecutorProvider, sql } from 'kysely';
import { copyArticleToLinks, LINK_TABLES } from '../../link-tables.js';

/** A new link takes its article's columns before it is written; an article's change is copied after. */
export async function createPostgresLinkListingTriggers(db: QueryExecutorProvider): Promise<void> {
  const run = (statement: ReturnType<typeof sql>) => statement.execute(db);
  await run(sql`
    CREATE FUNCTION link_listing_fill() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT a.type, a.status, a.published_at, a.updated_at
      INTO NEW.type, NEW.status, NEW.published_at, NEW.updated_at
      FROM articles a WHERE a.id = NEW.article_id;
      RETURN NEW;
    END $$`);
  for (const { table } of Object.values(LINK_TABLES)) {
    await run(sql`
      CREATE TRIGGER ${sql.id(`${table}_fill_listing`)} BEFORE INSERT ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION link_listing_fill()`);
  }
  await run(sql`
    CREATE FUNCTION articles_link_listing() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN ${copyArticleToLinks()}
      RETURN NULL;
    END $$`);
  await run(sql`
    CREATE TRIGGER articles_link_listing AFTER UPDATE OF type, status, published_at, updated_at ON articles
    FOR EACH ROW WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.status IS DISTINCT FROM NEW.status
      OR OLD.published_at IS DISTINCT FROM NEW.published_at
      OR OLD.updated_at IS DISTINCT FROM NEW.updated_at)
    EXECUTE FUNCTION articles_link_listing()`);
}
