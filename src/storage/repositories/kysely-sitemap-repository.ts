import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type {
  SitemapArchiveRow,
  SitemapRepository,
  SitemapSummary,
} from '../../seo/sitemap-repository.js';
import { LINK_TABLES, type LinkKind } from '../link-tables.js';
import type { ArticleType, Database } from '../schema.js';

type Db = Kysely<Database>;

/** The later of the two timestamps (ISO strings sort as text); null when both are. */
function later(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a > b ? a : b;
}

// Timestamps are ISO-8601 UTC text on every engine, so the first seven characters are `YYYY-MM`.
// Literal arguments (not parameters) keep the GROUP BY expression identical to the selected one.
const utcMonth = sql<string>`substr(${sql.ref('articles.published_at')}, 1, 7)`;

/** SitemapRepository on Kysely; portable SQL only, so it serves every dialect. */
export class KyselySitemapRepository implements SitemapRepository {
  constructor(private readonly db: Db) {}

  private published(type: ArticleType, publishedBefore: string) {
    return (eb: ExpressionBuilder<Database, 'articles'>) =>
      eb.and([
        eb('articles.status', '=', 'published'),
        eb('articles.type', '=', type),
        eb('articles.published_at', '<', publishedBefore),
      ]);
  }

  async postMonths(publishedBefore: string) {
    const rows = await this.db
      .selectFrom('articles')
      .where(this.published('post', publishedBefore))
      .select((eb) => [
        utcMonth.as('month'),
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('articles.published_at').as('p'),
        eb.fn.max('articles.updated_at').as('u'),
      ])
      .groupBy(utcMonth)
      .orderBy(utcMonth)
      .execute();
    return rows.map((r) => ({ month: r.month, count: Number(r.n), lastmod: later(r.p, r.u) }));
  }

  async articles(query: {
    type: ArticleType;
    from?: string;
    to?: string;
    publishedBefore: string;
    limit: number;
    offset: number;
  }) {
    // One upper bound, the earlier: given both, SQLite ranged the index up to "now" and filtered
    // the month's end, walking every later story.
    const until = query.to && query.to < query.publishedBefore ? query.to : query.publishedBefore;
    let q = this.db
      .selectFrom('articles')
      .where(this.published(query.type, until))
      .leftJoin('media', 'media.id', 'articles.featured_media_id')
      .select([
        'articles.type',
        'articles.slug',
        'articles.published_at',
        'articles.updated_at',
        'media.path as image_path',
      ])
      .orderBy('articles.published_at')
      .orderBy('articles.id')
      .limit(query.limit)
      .offset(query.offset);
    if (query.from) q = q.where('articles.published_at', '>=', query.from);
    const rows = await q.execute();
    return rows.map((r) => ({
      type: r.type,
      slug: r.slug,
      publishedAt: r.published_at!,
      updatedAt: r.updated_at,
      imagePath: r.image_path,
    }));
  }

  async summary(type: ArticleType, publishedBefore: string): Promise<SitemapSummary> {
    const row = await this.db
      .selectFrom('articles')
      .where(this.published(type, publishedBefore))
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('articles.published_at').as('p'),
        eb.fn.max('articles.updated_at').as('u'),
      ])
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), lastmod: later(row.p, row.u) };
  }

  /**
   * Each section's, tag's or person's latest publication or edit among its visible posts, one row
   * per id, read from the links' own copy of each article's status and dates (migration 015) and
   * their index, not from every article row.
   */
  private lastmods(kind: LinkKind, publishedBefore: string) {
    const { table, key } = LINK_TABLES[kind];
    const id = sql.ref<number>(`link.${key}`);
    // Every link table has these columns; the cast only names one of them for the types.
    return this.db
      .selectFrom(`${table as 'article_tags'} as link`)
      .where('link.status', '=', 'published')
      .where('link.type', '=', 'post')
      .where('link.published_at', '<', publishedBefore)
      .select((eb) => [
        id.as('id'),
        eb.fn.max('link.published_at').as('p'),
        eb.fn.max('link.updated_at').as('u'),
      ])
      .groupBy(id);
  }

  async categoryLastmods(publishedBefore: string) {
    // The primary section is always among an article's rows in `article_categories`.
    const rows = await this.lastmods('category', publishedBefore).execute();
    return rows.map((r) => ({ categoryId: r.id, lastmod: later(r.p, r.u)! }));
  }

  async archives(
    kind: 'tag' | 'author',
    query: { publishedBefore: string; limit: number; offset: number },
  ): Promise<SitemapArchiveRow[]> {
    const names = kind === 'tag' ? 'tags' : 'users';
    // Dated per id from the links' index first, then named and sorted: grouping joined rows by
    // slug sorted every link with its text.
    const rows = await this.db
      .selectFrom(this.lastmods(kind, query.publishedBefore).as('dated'))
      .innerJoin(`${names as 'tags'} as t`, 't.id', 'dated.id')
      .select(['t.slug', 'dated.p', 'dated.u'])
      .orderBy('t.slug')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return rows.map((r) => ({ slug: r.slug, lastmod: later(r.p, r.u)! }));
  }

  async archivesSummary(kind: 'tag' | 'author', publishedBefore: string) {
    // Counted over the per-id rows, which the index hands over in order: a DISTINCT over every
    // link built a temporary tree of them.
    const row = await this.db
      .selectFrom(this.lastmods(kind, publishedBefore).as('dated'))
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.max('dated.p').as('p'),
        eb.fn.max('dated.u').as('u'),
      ])
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), lastmod: later(row.p, row.u) };
  }
}
