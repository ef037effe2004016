import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { AuthorRef } from '../../articles/article.js';
import type {
  IndexSource,
  SearchDocument,
  SearchFilters,
  SearchHitRow,
  SearchQuery,
  SearchRepository,
  VocabularyTerm,
} from '../../search/search-repository.js';
import type { SanitizedHtml } from '../../text/sanitized-html.js';
import type { SearchDialect, VisibleArticle } from '../dialect/storage-dialect.js';
import type { ArticleStatus, Database } from '../schema.js';

type Db = Kysely<Database>;
type Matched = Omit<Database, 'articles'> & {
  m: { article_id: number; score: number };
  articles: VisibleArticle;
};

/**
 * SearchRepository on Kysely. The engine's full-text match comes from the dialect as a
 * `(article_id, score)` subquery; visibility, filters, ordering and paging are portable SQL here.
 */
export class KyselySearchRepository implements SearchRepository {
  constructor(
    private readonly db: Db,
    private readonly engine: SearchDialect,
  ) {}

  /** Matches joined to the columns search filters on (`visibleArticles`), filtered. */
  private matched(db: Db, query: SearchFilters & { query: SearchQuery['query'] }, ranked: boolean) {
    const from = (db as unknown as Kysely<Matched>)
      .selectFrom(this.engine.matches(query.query, ranked).as('m'))
      .innerJoin(this.engine.visibleArticles().as('articles'), 'articles.id', 'm.article_id');
    return this.filtered(from, query);
  }

  private filtered<O>(q: SelectQueryBuilder<Matched, 'm' | 'articles', O>, f: SearchFilters) {
    // Visibility is re-checked on every query: the index may hold scheduled articles.
    let out = q
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '<', f.publishedBefore);
    if (f.publishedFrom) out = out.where('articles.published_at', '>=', f.publishedFrom);
    if (f.publishedTo) out = out.where('articles.published_at', '<', f.publishedTo);
    if (f.categoryIds) {
      const ids = f.categoryIds.length ? f.categoryIds : [-1];
      out = out.where((eb) =>
        eb.or([
          eb('articles.primary_category_id', 'in', ids),
          eb(
            'articles.id',
            'in',
            eb
              .selectFrom('article_categories')
              .select('article_categories.article_id')
              .where('article_categories.category_id', 'in', ids),
          ),
        ]),
      );
    }
    if (f.authorId !== undefined) {
      const authorId = f.authorId;
      out = out.where('articles.id', 'in', (eb) =>
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .where('article_authors.user_id', '=', authorId),
      );
    }
    return out;
  }

  /** One page of hits with their rows, best first (or newest first when not ranked). */
  private page(db: Db, query: SearchQuery) {
    const ranked = query.sort === 'relevance';
    // The page's hits first, from the narrow join; then, joined to them as the listings do, the
    // rows (bodies included) of just those, instead of every match's body carried through the sort.
    let page = this.matched(db, query, ranked).select(['articles.id', 'm.score']);
    if (ranked) page = page.orderBy('m.score', 'desc');
    page = page
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(query.limit)
      .offset(query.offset);
    let hits = db
      .selectFrom(page.as('hit'))
      .innerJoin('articles', 'articles.id', 'hit.id')
      .select([
        'articles.id',
        'articles.type',
        'articles.slug',
        'articles.title',
        'articles.dek',
        'articles.body_html',
        'articles.published_at',
        'articles.primary_category_id',
        'articles.lang',
        'articles.dir',
      ]);
    if (ranked) hits = hits.orderBy('hit.score', 'desc');
    return hits.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').execute();
  }

  async search(query: SearchQuery): Promise<SearchHitRow[]> {
    const rows = await this.engine.readMatches(this.db, (db) => this.page(db, query));
    if (rows.length === 0) return [];
    const authorRows = await this.db
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select(['article_authors.article_id', 'users.id', 'users.slug', 'users.name'])
      .where(
        'article_authors.article_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('article_authors.position')
      .execute();
    const authors = new Map<number, AuthorRef[]>();
    for (const a of authorRows) {
      const list = authors.get(a.article_id) ?? [];
      list.push({ id: a.id, slug: a.slug, name: a.name });
      authors.set(a.article_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      slug: r.slug,
      title: r.title,
      dek: r.dek,
      bodyHtml: r.body_html as SanitizedHtml,
      publishedAt: r.published_at!,
      primaryCategoryId: r.primary_category_id,
      lang: r.lang,
      dir: r.dir,
      authors: authors.get(r.id) ?? [],
    }));
  }

  async count(query: SearchFilters & { query: SearchQuery['query'] }): Promise<number> {
    const row = await this.engine.readMatches(this.db, (db) =>
      this.matched(db, query, false)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    return Number(row.n);
  }

  private sourcesQuery() {
    return this.db
      .selectFrom('articles')
      .select(['id', 'status', 'title', 'dek', 'body_html'])
      .orderBy('id');
  }

  private async withTags(
    rows: { id: number; status: ArticleStatus; title: string; dek: string; body_html: string }[],
  ): Promise<IndexSource[]> {
    if (rows.length === 0) return [];
    const tagRows = await this.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.name'])
      .where(
        'article_tags.article_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const tags = new Map<number, string[]>();
    for (const t of tagRows) tags.set(t.article_id, [...(tags.get(t.article_id) ?? []), t.name]);
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      title: r.title,
      dek: r.dek,
      bodyHtml: r.body_html,
      tags: tags.get(r.id) ?? [],
    }));
  }

  async indexSources(ids: number[]) {
    if (ids.length === 0) return [];
    return this.withTags(await this.sourcesQuery().where('id', 'in', ids).execute());
  }

  async indexSourcesAfter(afterId: number, limit: number) {
    return this.withTags(
      await this.sourcesQuery().where('id', '>', afterId).limit(limit).execute(),
    );
  }

  async countArticles() {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async write(documents: SearchDocument[], removeIds: number[]) {
    if (documents.length === 0 && removeIds.length === 0) return;
    await this.db.transaction().execute((trx) => this.engine.write(trx, documents, removeIds));
  }

  async prune(statuses: ArticleStatus[]) {
    await this.engine.prune(this.db, statuses);
  }

  async optimize() {
    await this.engine.optimize(this.db);
  }

  async addTerms(terms: VocabularyTerm[]) {
    for (let i = 0; i < terms.length; i += 300) {
      const rows = terms.slice(i, i + 300).map((t) => ({
        term: t.term,
        initial: [...t.term][0] ?? '',
        display: t.display,
      }));
      await this.db
        .insertInto('search_terms')
        .values(rows)
        .onConflict((oc) => oc.column('term').doNothing())
        .execute();
    }
  }

  async clearTerms() {
    await this.db.deleteFrom('search_terms').execute();
  }

  async termsStartingWith(initial: string) {
    return this.db
      .selectFrom('search_terms')
      .select(['term', 'display'])
      .where('initial', '=', initial)
      .execute();
  }
}
