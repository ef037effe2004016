import { type ExpressionBuilder, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type {
  SitemapArchiveRow,
  SitemapRepository,
  SitemapSummary,
} from '../../seo/sitemap-repository.js';
import type { ArticleTagsTable, ArticleType, Database, TagsTable } from '../schema.js';

type Db = Kysely<Database>;
type ArchiveJoin = SelectQueryBuilder<
  Database & { t: TagsTable; link: ArticleTagsTable },
  'articles' | 't' | 'link',
  object
>;

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
    let q = this.db
      .selectFrom('articles')
      .where(this.published(query.type, query.publishedBefore))
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
    if (query.to) q = q.where('articles.published_at', '<', query.to);
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

  async categoryLastmods(publishedBefore: string) {
    const [primary, additional] = await Promise.all([
      this.db
        .selectFrom('articles')
        .where(this.published('post', publishedBefore))
        .where('articles.primary_category_id', 'is not', null)
        .select((eb) => [
          'articles.primary_category_id as category_id',
          eb.fn.max('articles.published_at').as('p'),
          eb.fn.max('articles.updated_at').as('u'),
        ])
        .groupBy('articles.primary_category_id')
        .execute(),
      this.db
        .selectFrom('article_categories')
        .innerJoin('articles', 'articles.id', 'article_categories.article_id')
        .where(this.published('post', publishedBefore))
        .select((eb) => [
          'article_categories.category_id',
          eb.fn.max('articles.published_at').as('p'),
          eb.fn.max('articles.updated_at').as('u'),
        ])
        .groupBy('article_categories.category_id')
        .execute(),
    ]);
    const byId = new Map<number, string>();
    for (const r of [...primary, ...additional]) {
      if (r.category_id === null) continue;
      const lastmod = later(later(r.p, r.u), byId.get(r.category_id));
      if (lastmod) byId.set(r.category_id, lastmod);
    }
    return [...byId].map(([categoryId, lastmod]) => ({ categoryId, lastmod }));
  }

  /** Tags or authors joined to their published posts, the archive's row aliased as `t`. */
  private archiveQuery(kind: 'tag' | 'author', publishedBefore: string) {
    const joined =
      kind === 'tag'
        ? this.db
            .selectFrom('articles')
            .innerJoin('article_tags as link', 'link.article_id', 'articles.id')
            .innerJoin('tags as t', 't.id', 'link.tag_id')
        : this.db
            .selectFrom('articles')
            .innerJoin('article_authors as link', 'link.article_id', 'articles.id')
            .innerJoin('users as t', 't.id', 'link.user_id');
    // Both branches expose `t.id` and `t.slug`; typing them as the tag join lets one query follow.
    return (joined as ArchiveJoin).where(this.published('post', publishedBefore));
  }

  async archives(
    kind: 'tag' | 'author',
    query: { publishedBefore: string; limit: number; offset: number },
  ): Promise<SitemapArchiveRow[]> {
    const rows = await this.archiveQuery(kind, query.publishedBefore)
      .select((eb) => [
        't.slug',
        eb.fn.max('articles.published_at').as('p'),
        eb.fn.max('articles.updated_at').as('u'),
      ])
      .groupBy(['t.id', 't.slug'])
      .orderBy('t.slug')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return rows.map((r) => ({ slug: r.slug, lastmod: later(r.p, r.u)! }));
  }

  async archivesSummary(kind: 'tag' | 'author', publishedBefore: string) {
    const row = await this.archiveQuery(kind, publishedBefore)
      .select((eb) => [
        eb.fn.count<number>('t.id').distinct().as('n'),
        eb.fn.max('articles.published_at').as('p'),
        eb.fn.max('articles.updated_at').as('u'),
      ])
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), lastmod: later(row.p, row.u) };
  }
}
