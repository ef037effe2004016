import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type {
  ArticleRecord,
  ArticleSummaryRecord,
  AuthorRef,
  ImageRef,
  TagRef,
} from '../../articles/article.js';
import type {
  ArticleRepository,
  NewArticle,
  PublishedQuery,
} from '../../articles/article-repository.js';
import { parseRenditions } from '../../media/media.js';
import type { SanitizedHtml } from '../../text/sanitized-html.js';
import type { Json, JsonDialect } from '../dialect/storage-dialect.js';
import { LINK_TABLES, type LinkKind } from '../link-tables.js';
import type { ArticleRow, Database } from '../schema.js';
import { compiledOnce } from './compiled-once.js';
import { articleRow, insertArticleLinks } from './rows.js';

type Db = Kysely<Database>;

/**
 * Listings reaching no further than this many rows match sections with a correlated EXISTS: at
 * 100,000 articles the home page's section query took 6 to 25 ms with `IN (every article of the
 * section)` and 0.2 to 0.5 ms with EXISTS; past a few hundred rows the IN list wins again.
 */
const SHALLOW_LISTING = 60;

/**
 * A listing's row count written into its statement instead of bound: a prepared statement may
 * keep one plan for all its values on PostgreSQL, and behind `LIMIT $n` the planner cannot tell
 * a listing of six from the archive (its plan for any `n` joined every article: 5.6 ms against
 * 0.16), so it planned each run again. Counts come from the site's page sizes: few statements.
 */
function rowLimit(count: number) {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`bad row limit ${count}`);
  return sql.lit(count);
}

/**
 * What each sub-section's branch of a merged listing reads for a page ending at row `count`:
 * the next power of two. Written into the statement as it is (`rowLimit`), the exact count would
 * give every page number of such a section a statement of its own, enough for a crawler walking
 * the archive to crowd PostgreSQL's prepared statements out; rounded, the 5,000 pages of a
 * 100,000-article section take 13.
 */
function branchRows(count: number) {
  return count <= 1 ? 1 : 2 ** Math.ceil(Math.log2(count));
}

/** Every column but `body_html`: teasers never show the body, the largest part of a row. */
const SUMMARY_COLUMNS = [
  'articles.id',
  'articles.type',
  'articles.slug',
  'articles.title',
  'articles.dek',
  'articles.excerpt',
  'articles.status',
  'articles.published_at',
  'articles.created_at',
  'articles.updated_at',
  'articles.primary_category_id',
  'articles.featured_media_id',
  'articles.comment_status',
  'articles.lang',
  'articles.dir',
  'articles.seo_title',
  'articles.seo_description',
] as const satisfies readonly `articles.${Exclude<keyof ArticleRow, 'body_html'>}`[];

type SummaryRow = Omit<ArticleRow, 'body_html'>;

/** What an image reference reads from `media` (renditions still JSON text). */
const MEDIA_COLUMNS = [
  'media.id',
  'media.path',
  'media.mime',
  'media.width',
  'media.height',
  'media.alt',
  'media.caption',
  'media.credit',
  'media.renditions',
] as const;

type MediaRow = Omit<ImageRef, 'renditions'> & { renditions: string };

/** One article's full row with its relations as the engine's JSON (`JsonDialect`). */
type SingleRow = ArticleRow & { authors: Json<AuthorRef[]>; image: Json<MediaRow> | null };

/** Listing order: newest first, the later id first among stories published together. */
function newestFirst(a: SummaryRow, b: SummaryRow) {
  if (a.published_at !== b.published_at)
    return (a.published_at ?? '') < (b.published_at ?? '') ? 1 : -1;
  return b.id - a.id;
}

/**
 * The one exclusive upper bound on `published_at`: the earlier of "now" and a date archive's end.
 * With both bounds in the statement SQLite ranged the index up to "now" and filtered the other:
 * a month two years back walked every later story (4-8 ms at 100,000 articles).
 */
function publishedUntil(query: Pick<PublishedQuery, 'publishedBefore' | 'publishedTo'>) {
  const { publishedBefore, publishedTo } = query;
  return publishedTo && publishedTo < publishedBefore ? publishedTo : publishedBefore;
}

/**
 * Keyset paging: the rows of `table` (`articles`, or a link table's alias) after `before` in
 * newest-first order, by publication time and then by the article id in `idColumn`.
 */
function olderThan(before: NonNullable<PublishedQuery['before']>, table: string, idColumn: string) {
  const published = sql.ref(`${table}.published_at`);
  const id = sql.ref(`${table}.${idColumn}`);
  const { publishedAt } = before;
  return sql<SqlBool>`(${published} < ${publishedAt} or (${published} = ${publishedAt} and ${id} < ${before.id}))`;
}

interface LinkFilter {
  kind: LinkKind;
  ids: number[];
}

/**
 * The links a listing can be read from: those of its section (with sub-sections), tag or person
 * when it filters on exactly one of them. Otherwise (none, or a combination the API allows) it
 * walks the articles' listing index.
 */
function linkFilter(query: Omit<PublishedQuery, 'limit' | 'offset'>): LinkFilter | undefined {
  const filters: LinkFilter[] = [];
  if (query.categoryIds?.length) {
    const ids = [...new Set(query.categoryIds)];
    filters.push({ kind: 'category', ids });
  }
  if (query.tagId !== undefined) {
    filters.push({ kind: 'tag', ids: [query.tagId] });
  }
  if (query.authorId !== undefined) {
    filters.push({ kind: 'author', ids: [query.authorId] });
  }
  return filters.length === 1 ? filters[0] : undefined;
}

/** ArticleRepository on Kysely; portable SQL (JSON through `JsonDialect`) for every dialect. */
export class KyselyArticleRepository implements ArticleRepository {
  /** What every article page asks (see `compiledOnce`); parameters in placeholder order. */
  private readonly queries;
  /** An article's byline and featured image as JSON columns of its row, for one-article lookups. */
  private readonly relations;

  constructor(
    private readonly db: Db,
    private readonly json: JsonDialect,
  ) {
    const outer = sql.ref<number>('articles.id');
    this.relations = [
      json
        .arrayFrom(
          db
            .selectFrom('article_authors')
            .innerJoin('users', 'users.id', 'article_authors.user_id')
            .select(['users.id', 'users.slug', 'users.name'])
            .where('article_authors.article_id', '=', outer)
            .orderBy('article_authors.position'),
        )
        .as('authors'),
      json
        .objectFrom(
          db
            .selectFrom('media')
            .select(MEDIA_COLUMNS)
            .where('media.id', '=', sql.ref<number>('articles.featured_media_id')),
        )
        .as('image'),
    ] as const;
    this.queries = {
      /** (slug): the row, its relations, tags and corrections in one statement (one round trip). */
      bySlug: compiledOnce(
        db
          .selectFrom('articles')
          .selectAll('articles')
          .select(this.relations)
          .select([
            json.arrayFrom(this.tags(outer)).as('tags'),
            json.arrayFrom(this.corrections(outer)).as('corrections'),
          ])
          .where('articles.slug', '=', ''),
      ),
      /** (articleId) */
      tags: compiledOnce(this.tags(0)),
      /** (articleId, 'approved') */
      commentCount: compiledOnce(
        db
          .selectFrom('comments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('article_id', '=', 0)
          .where('status', '=', 'approved'),
      ),
      /** (articleId) */
      corrections: compiledOnce(this.corrections(0)),
    };
  }

  /** An article's tags by name; `articleId` a value or the outer row's column. */
  private tags(articleId: number | Expression<number>) {
    return this.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['tags.id', 'tags.slug', 'tags.name'])
      .where('article_tags.article_id', '=', articleId)
      .orderBy('tags.name');
  }

  /** An article's corrections, oldest first; `articleId` a value or the outer row's column. */
  private corrections(articleId: number | Expression<number>) {
    return this.db
      .selectFrom('corrections')
      .select([
        'corrections.id',
        'corrections.kind',
        'corrections.text',
        'corrections.created_at as createdAt',
      ])
      .where('corrections.article_id', '=', articleId)
      .orderBy('corrections.created_at')
      .orderBy('corrections.id');
  }

  async findBySlug(slug: string) {
    const {
      rows: [row],
    } = await this.db.executeQuery(this.queries.bySlug.bind(slug));
    if (!row) return undefined;
    return {
      ...this.record(row),
      tags: this.json.read(row.tags),
      corrections: this.json.read(row.corrections),
    };
  }

  async findById(id: number) {
    const row = await this.db
      .selectFrom('articles')
      .selectAll('articles')
      .select(this.relations)
      .where('articles.id', '=', id)
      .executeTakeFirst();
    return row ? this.record(row) : undefined;
  }

  async slugExists(slug: string) {
    const row = await this.db
      .selectFrom('articles')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The ids of one page of a listing, newest first, from an index alone: a section's, tag's or
   * person's own links when the listing is one of those, otherwise the articles' listing index
   * (skipping `offset` whole rows, long bodies included, is what made deep archive pages slow).
   * `compact` keeps a section with sub-sections on the walk, for statements holding many lists.
   */
  private listedIds(query: PublishedQuery, compact = false) {
    const link = linkFilter(query);
    if (link && !(compact && link.ids.length > 1)) return this.linkListedIds(link, query);
    const offset = query.offset ?? 0;
    let ids = this.publishedFilter(
      this.db.selectFrom('articles').select('articles.id'),
      query,
      offset + query.limit <= SHALLOW_LISTING,
    )
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(rowLimit(query.limit));
    if (query.before) ids = ids.where(olderThan(query.before, 'articles', 'id'));
    return offset ? ids.offset(offset) : ids;
  }

  /**
   * One page of a section's, tag's or person's articles from its links' index, newest first: as
   * cheap for a small or old section as for a busy one. A section with sub-sections reads the
   * first `offset + limit` of each and merges them (an article in two of them counts once).
   */
  private linkListedIds(link: LinkFilter, query: PublishedQuery) {
    const offset = query.offset ?? 0;
    const newest = (ids: number[]) =>
      this.linkRows(link, ids, query)
        .select('links.article_id as id')
        .orderBy('links.published_at', 'desc')
        .orderBy('links.article_id', 'desc');
    if (link.ids.length === 1) {
      const page = newest(link.ids).limit(rowLimit(query.limit));
      return offset ? page.offset(offset) : page;
    }
    const [first, ...rest] = link.ids.map((id) =>
      this.db
        .selectFrom(
          newest([id])
            .select('links.published_at')
            .limit(rowLimit(branchRows(offset + query.limit)))
            .as('newest'),
        )
        .select(['newest.id', 'newest.published_at']),
    );
    const merged = rest.reduce((union, branch) => union.union(branch), first!);
    const page = this.db
      .selectFrom(merged.as('merged'))
      .select('merged.id')
      .orderBy('merged.published_at', 'desc')
      .orderBy('merged.id', 'desc')
      .limit(rowLimit(query.limit));
    return offset ? page.offset(offset) : page;
  }

  /** The visible links of `ids` (sections, a tag or a person) that `query` asks for. */
  private linkRows(
    link: LinkFilter,
    ids: number[],
    query: Omit<PublishedQuery, 'limit' | 'offset'>,
  ) {
    const { table, key } = LINK_TABLES[link.kind];
    // Every link table has these columns; the cast only names one of them for the types.
    let rows = this.db
      .selectFrom(`${table as 'article_tags'} as links`)
      .where(
        sql.ref(`links.${key}`),
        ids.length === 1 ? '=' : 'in',
        ids.length === 1 ? ids[0]! : ids,
      )
      .where('links.type', '=', query.type ?? 'post')
      .where('links.status', '=', 'published')
      .where('links.published_at', '<', publishedUntil(query));
    if (query.publishedFrom) rows = rows.where('links.published_at', '>=', query.publishedFrom);
    if (query.excludeIds?.length) rows = rows.where('links.article_id', 'not in', query.excludeIds);
    if (query.before) rows = rows.where(olderThan(query.before, 'links', 'article_id'));
    return rows;
  }

  /**
   * The rows of those ids, joined as a derived table rather than `WHERE id IN (ids)`: SQLite ran
   * the IN form 3-5 times slower (0.5 against 0.13 ms for "More from" at 100,000 articles).
   */
  private listedRows(query: PublishedQuery, compact = false) {
    return this.db
      .selectFrom(this.listedIds(query, compact).as('listed'))
      .innerJoin('articles', 'articles.id', 'listed.id')
      .select(SUMMARY_COLUMNS);
  }

  /** The rows of a listing, newest first; `body_html` only `withBody` (teasers never show it). */
  async listPublished(query: PublishedQuery) {
    const rows = await this.listedRows(query)
      .select('articles.body_html')
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .execute();
    const records = await this.hydrateSummaries(rows);
    return records.map((record, i) => ({
      ...record,
      bodyHtml: rows[i]!.body_html as SanitizedHtml,
    }));
  }

  async listSummaries(queries: PublishedQuery[]) {
    if (queries.length === 0) return [];
    // One statement for every list (the home page's sections), each a branch of a UNION ALL
    // tagged with its position: on PostgreSQL each statement is a round trip. Sections with
    // sub-sections walk the listing index there rather than merge their links: PostgreSQL plans
    // each statement afresh (`force_custom_plan`), and eight merged sections took 4 ms to plan,
    // 13% fewer home pages a second. Busy sections fill their few rows early in the walk.
    const compact = queries.length > 1;
    const [first, ...rest] = queries.map((q, i) =>
      this.listedRows(q, compact).select(sql.lit(i).as('list')),
    );
    const rows = await rest.reduce((union, branch) => union.unionAll(branch), first!).execute();
    const rowLists = queries.map(() => [] as SummaryRow[]);
    for (const { list, ...row } of rows) rowLists[Number(list)]!.push(row);
    // Sorted here, not by an ORDER BY on the union: with a single branch that is no compound
    // select, and SQLite reads its bare `id` as ambiguous (listed.id or articles.id).
    for (const list of rowLists) list.sort(newestFirst);
    // One hydration (authors, images) for every list instead of one per list.
    const records = await this.hydrateSummaries(rowLists.flat());
    let at = 0;
    return rowLists.map((rows) => {
      const list = records.slice(at, at + rows.length);
      at += rows.length;
      return list;
    });
  }

  async countPublished(query: Omit<PublishedQuery, 'limit' | 'offset' | 'before'>) {
    const link = linkFilter(query);
    const row = await (link
      ? this.linkRows(link, link.ids, query).select((eb) =>
          (link.ids.length === 1
            ? eb.fn.countAll<number>()
            : eb.fn.count<number>('links.article_id').distinct()
          ).as('n'),
        )
      : this.publishedFilter(
          this.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')),
          query,
          false,
        )
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * With `shallow` (the first rows of a listing), a section is matched by a correlated EXISTS,
   * checked row by row until the limit; otherwise by `IN (articles of the section)`, built once,
   * which is cheaper for counts and deep pages that walk most of the archive anyway.
   */
  private publishedFilter<O>(
    q: SelectQueryBuilder<Database, 'articles', O>,
    query: Omit<PublishedQuery, 'limit' | 'offset' | 'before'>,
    shallow: boolean,
  ) {
    let out = q
      .where('articles.status', '=', 'published')
      .where('articles.type', '=', query.type ?? 'post')
      .where('articles.published_at', '<', publishedUntil(query));
    if (query.publishedFrom) out = out.where('articles.published_at', '>=', query.publishedFrom);
    if (query.categoryIds?.length) {
      const ids = query.categoryIds;
      out = out.where((eb) => {
        const inSection = shallow
          ? // One EXISTS per category rather than one with `IN (ids)`: SQLite rebuilds an IN
            // list's lookup table each time a correlated subquery runs, which made "More from"
            // cost 0.2 ms more at 100,000 articles.
            ids.map((id) =>
              eb.exists(
                eb
                  .selectFrom('article_categories')
                  .select('article_categories.article_id')
                  .whereRef('article_categories.article_id', '=', 'articles.id')
                  .where('article_categories.category_id', '=', id)
                  // An OFFSET keeps PostgreSQL from hashing every article of the section before
                  // the first row (it plans for the whole archive, not the limit): 18 ms -> 0.5 ms
                  // per listing at 100,000 articles. SQLite needs a LIMIT before an OFFSET. Both
                  // written in (`rowLimit`).
                  .limit(rowLimit(1))
                  .offset(rowLimit(0)),
              ),
            )
          : [
              eb(
                'articles.id',
                'in',
                eb
                  .selectFrom('article_categories')
                  .select('article_id')
                  .where('category_id', 'in', ids),
              ),
            ];
        return eb.or([eb('articles.primary_category_id', 'in', ids), ...inSection]);
      });
    }
    if (query.tagId !== undefined) {
      const tagId = query.tagId;
      out = out.where('articles.id', 'in', (eb) =>
        eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId),
      );
    }
    if (query.authorId !== undefined) {
      const authorId = query.authorId;
      out = out.where('articles.id', 'in', (eb) =>
        eb.selectFrom('article_authors').select('article_id').where('user_id', '=', authorId),
      );
    }
    if (query.excludeIds?.length) out = out.where('articles.id', 'not in', query.excludeIds);
    return out;
  }

  async tagsOf(articleId: number): Promise<TagRef[]> {
    return (await this.db.executeQuery(this.queries.tags.bind(articleId))).rows;
  }

  async categoryIdsOf(articleId: number) {
    const rows = await this.db
      .selectFrom('article_categories')
      .select('category_id')
      .where('article_id', '=', articleId)
      .execute();
    return rows.map((r) => r.category_id);
  }

  async approvedCommentCount(articleId: number) {
    const query = this.queries.commentCount.bind(articleId, 'approved');
    const {
      rows: [row],
    } = await this.db.executeQuery(query);
    return Number(row!.n);
  }

  async correctionsOf(articleId: number) {
    return (await this.db.executeQuery(this.queries.corrections.bind(articleId))).rows;
  }

  async insert(a: NewArticle) {
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('articles')
        .values(articleRow(a))
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertArticleLinks(trx, id, a);
      return id;
    });
  }

  async updateUrlParts(id: number, slug: string, publishedAt: string | null, updatedAt: string) {
    await this.db
      .updateTable('articles')
      .set({ slug, published_at: publishedAt, updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
  }

  async updateStatus(id: number, status: ArticleRow['status'], updatedAt: string) {
    await this.db
      .updateTable('articles')
      .set({ status, updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
  }

  async findRedirect(path: string) {
    const row = await this.db
      .selectFrom('redirects')
      .select('article_id')
      .where('path', '=', path)
      .executeTakeFirst();
    return row?.article_id;
  }

  async addRedirect(path: string, articleId: number, createdAt: string) {
    await this.db
      .insertInto('redirects')
      .values({ path, article_id: articleId, created_at: createdAt })
      .onConflict((oc) =>
        oc.column('path').doUpdateSet({ article_id: articleId, created_at: createdAt }),
      )
      .execute();
  }

  /**
   * Authors and images of many listed rows in two statements. Listings read them apart, not as
   * JSON columns of each row (`this.relations`): per-row subqueries made the home page's statement
   * 0.96 -> 1.55 ms on SQLite and cost 18-23% of home pages a second on both engines.
   */
  private async hydrateSummaries(rows: SummaryRow[]): Promise<ArticleSummaryRecord[]> {
    if (rows.length === 0) return [];
    const mediaIds = [
      ...new Set(rows.map((r) => r.featured_media_id).filter((x): x is number => x !== null)),
    ];
    const [authorRows, mediaRows] = await Promise.all([
      this.db
        .selectFrom('article_authors')
        .innerJoin('users', 'users.id', 'article_authors.user_id')
        .select(['article_authors.article_id', 'users.id', 'users.slug', 'users.name'])
        .where(
          'article_authors.article_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('article_authors.position')
        .execute(),
      mediaIds.length
        ? this.db.selectFrom('media').select(MEDIA_COLUMNS).where('id', 'in', mediaIds).execute()
        : Promise.resolve([]),
    ]);
    const authorsByArticle = new Map<number, AuthorRef[]>();
    for (const { article_id, ...author } of authorRows) {
      const list = authorsByArticle.get(article_id) ?? [];
      list.push(author);
      authorsByArticle.set(article_id, list);
    }
    const mediaById = new Map(mediaRows.map((m) => [m.id, m]));
    return rows.map((r) =>
      summaryRecord(
        r,
        authorsByArticle.get(r.id) ?? [],
        r.featured_media_id !== null ? (mediaById.get(r.featured_media_id) ?? null) : null,
      ),
    );
  }

  /** One article's row with its relations read from their JSON columns. */
  private record(r: SingleRow): ArticleRecord {
    return {
      ...summaryRecord(r, this.json.read(r.authors), r.image && this.json.read(r.image)),
      bodyHtml: r.body_html as SanitizedHtml,
    };
  }
}

/** A row and its relations as the article capability sees them. */
function summaryRecord(
  r: SummaryRow,
  authors: AuthorRef[],
  image: MediaRow | null,
): ArticleSummaryRecord {
  return {
    id: r.id,
    type: r.type,
    slug: r.slug,
    title: r.title,
    dek: r.dek,
    excerpt: r.excerpt,
    status: r.status,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    createdAt: r.created_at,
    primaryCategoryId: r.primary_category_id,
    commentStatus: r.comment_status,
    lang: r.lang,
    dir: r.dir,
    seoTitle: r.seo_title,
    seoDescription: r.seo_description,
    authors,
    image: image && { ...image, renditions: parseRenditions(image.renditions) },
  };
}
