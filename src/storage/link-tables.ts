import { sql } from 'kysely';

/**
 * The tables linking an article to its sections, tags and bylines, each with the column naming
 * the other side. Each link also carries a copy of its article's type, status and dates (migration
 * `015-link-listings`), so that one section's, tag's or person's articles are read from its links.
 */
export const LINK_TABLES = {
  category: { table: 'article_categories', key: 'category_id' },
  tag: { table: 'article_tags', key: 'tag_id' },
  author: { table: 'article_authors', key: 'user_id' },
} as const;

export type LinkKind = keyof typeof LINK_TABLES;

/**
 * The statements, one per link table, that an `articles` trigger runs to copy the changed row's
 * (`NEW`) type, status and dates to its links: the same SQL on every engine.
 */
export const copyArticleToLinks = () =>
  sql.join(
    Object.values(LINK_TABLES).map(
      ({ table }) => sql`
        UPDATE ${sql.table(table)}
        SET type = NEW.type, status = NEW.status, published_at = NEW.published_at,
          updated_at = NEW.updated_at
        WHERE article_id = NEW.id;`,
    ),
    sql` `,
  );
