import type { Kysely } from 'kysely';
import type { Category } from '../../taxonomy/taxonomy.js';
import type {
  NewCategory,
  NewUser,
  TaxonomyRepository,
  TermKind,
} from '../../taxonomy/taxonomy-repository.js';
import type { Database } from '../schema.js';
import { categoryRow, userRow } from './rows.js';

const publicUserColumns = ['users.id', 'users.slug', 'users.name', 'users.bio'] as const;

export class KyselyTaxonomyRepository implements TaxonomyRepository {
  /** Every page reads the tree: the query, which has no parameters, is compiled once. */
  private readonly listCategoriesQuery;

  constructor(private readonly db: Kysely<Database>) {
    this.listCategoriesQuery = db
      .selectFrom('categories')
      .selectAll()
      .orderBy('position')
      .orderBy('name')
      .compile();
  }

  async listCategories(): Promise<Category[]> {
    const { rows } = await this.db.executeQuery(this.listCategoriesQuery);
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      parentId: r.parent_id,
      position: r.position,
    }));
  }

  findTagBySlug(slug: string) {
    return this.db
      .selectFrom('tags')
      .select(['id', 'slug', 'name'])
      .where('slug', '=', slug)
      .executeTakeFirst();
  }

  async listTagsInUse(publishedBefore: string) {
    // Counted per tag id from the links' own copy of each article's state (migration 015) and
    // their index, before the names are joined: no article row is read, and no link is sorted
    // with its tag's text.
    const counts = this.db
      .selectFrom('article_tags')
      .where('article_tags.status', '=', 'published')
      .where('article_tags.type', '=', 'post')
      .where('article_tags.published_at', '<', publishedBefore)
      .select(['article_tags.tag_id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('article_tags.tag_id');
    const rows = await this.db
      .selectFrom('tags')
      .innerJoin(counts.as('c'), 'c.tag_id', 'tags.id')
      .select(['tags.id', 'tags.slug', 'tags.name', 'c.count'])
      .orderBy('tags.name')
      .execute();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  findAuthorBySlug(slug: string) {
    return this.db
      .selectFrom('users')
      .select(publicUserColumns)
      .where('slug', '=', slug)
      .executeTakeFirst();
  }

  listAuthorsWithBylines(publishedBefore: string) {
    // Each person is checked for one published byline, from the bylines' own copy of each
    // article's state: the IN form joined all 100,000 articles' bylines on every search page.
    return this.db
      .selectFrom('users')
      .select(publicUserColumns)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_authors')
            .select('article_authors.article_id')
            .whereRef('article_authors.user_id', '=', 'users.id')
            .where('article_authors.status', '=', 'published')
            .where('article_authors.type', '=', 'post')
            .where('article_authors.published_at', '<', publishedBefore),
        ),
      )
      .orderBy('users.name')
      .execute();
  }

  async insertCategory(c: NewCategory) {
    const { id } = await this.db
      .insertInto('categories')
      .values({ slug: c.slug, ...categoryRow(c) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async ensureTag(slug: string, name: string) {
    const existing = await this.db
      .selectFrom('tags')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    if (existing) return existing.id;
    const { id } = await this.db
      .insertInto('tags')
      .values({ slug, name })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async insertUser(u: NewUser) {
    const { id } = await this.db
      .insertInto('users')
      .values(userRow(u))
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async userSlugExists(slug: string) {
    return (
      (await this.db
        .selectFrom('users')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirst()) !== undefined
    );
  }

  async updateCategory(id: number, c: NewCategory) {
    await this.db
      .updateTable('categories')
      .set({ slug: c.slug, ...categoryRow(c) })
      .where('id', '=', id)
      .execute();
  }

  async mergeCategory(fromId: number, intoId: number | null) {
    await this.db.transaction().execute(async (trx) => {
      const from = await trx
        .selectFrom('categories')
        .select('parent_id')
        .where('id', '=', fromId)
        .executeTakeFirst();
      if (!from) return;
      await trx
        .updateTable('categories')
        .set({ parent_id: from.parent_id === fromId ? null : from.parent_id })
        .where('parent_id', '=', fromId)
        .execute();
      if (intoId !== null) {
        await trx
          .insertInto('article_categories')
          .columns(['article_id', 'category_id'])
          .expression((eb) =>
            eb
              .selectFrom('article_categories as ac')
              .select(['ac.article_id', eb.val(intoId).as('category_id')])
              .where('ac.category_id', '=', fromId)
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('article_categories as other')
                      .select('other.article_id')
                      .whereRef('other.article_id', '=', 'ac.article_id')
                      .where('other.category_id', '=', intoId),
                  ),
                ),
              ),
          )
          .execute();
      }
      await trx
        .updateTable('articles')
        .set({ primary_category_id: intoId })
        .where('primary_category_id', '=', fromId)
        .execute();
      await trx.deleteFrom('article_categories').where('category_id', '=', fromId).execute();
      await trx.deleteFrom('categories').where('id', '=', fromId).execute();
    });
  }

  async listAllTags() {
    const rows = await this.db
      .selectFrom('tags')
      .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
      .select([
        'tags.id',
        'tags.slug',
        'tags.name',
        (eb) => eb.fn.count<number>('article_tags.article_id').as('count'),
      ])
      .groupBy(['tags.id', 'tags.slug', 'tags.name'])
      .orderBy('tags.name')
      .orderBy('tags.id')
      .execute();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  findTagById(id: number) {
    return this.db
      .selectFrom('tags')
      .select(['id', 'slug', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async updateTag(id: number, changes: { slug: string; name: string }) {
    await this.db.updateTable('tags').set(changes).where('id', '=', id).execute();
  }

  async mergeTag(fromId: number, intoId: number | null) {
    await this.db.transaction().execute(async (trx) => {
      if (intoId !== null) {
        await trx
          .insertInto('article_tags')
          .columns(['article_id', 'tag_id'])
          .expression((eb) =>
            eb
              .selectFrom('article_tags as at')
              .select(['at.article_id', eb.val(intoId).as('tag_id')])
              .where('at.tag_id', '=', fromId)
              .where(({ not, exists, selectFrom }) =>
                not(
                  exists(
                    selectFrom('article_tags as other')
                      .select('other.article_id')
                      .whereRef('other.article_id', '=', 'at.article_id')
                      .where('other.tag_id', '=', intoId),
                  ),
                ),
              ),
          )
          .execute();
      }
      await trx.deleteFrom('article_tags').where('tag_id', '=', fromId).execute();
      await trx.deleteFrom('tags').where('id', '=', fromId).execute();
    });
  }

  async recordFormerSlug(kind: TermKind, slug: string, id: number) {
    await this.db
      .insertInto('former_slugs')
      .values({ kind, slug, term_id: id })
      .onConflict((oc) => oc.columns(['kind', 'slug']).doUpdateSet({ term_id: id }))
      .execute();
  }

  async findFormerSlug(kind: TermKind, slug: string) {
    const row = await this.db
      .selectFrom('former_slugs')
      .select('term_id')
      .where('kind', '=', kind)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row?.term_id;
  }
}
