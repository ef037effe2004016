import type { Kysely } from 'kysely';
import type { Category } from '../../taxonomy/taxonomy.js';
import type {
  NewCategory,
  NewUser,
  TaxonomyRepository,
} from '../../taxonomy/taxonomy-repository.js';
import type { Database } from '../schema.js';

const publicUserColumns = ['users.id', 'users.slug', 'users.name', 'users.bio'] as const;

export class KyselyTaxonomyRepository implements TaxonomyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async listCategories(): Promise<Category[]> {
    const rows = await this.db
      .selectFrom('categories')
      .selectAll()
      .orderBy('position')
      .orderBy('name')
      .execute();
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
    const rows = await this.db
      .selectFrom('tags')
      .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .where('articles.status', '=', 'published')
      .where('articles.type', '=', 'post')
      .where('articles.published_at', '<', publishedBefore)
      .select(['tags.id', 'tags.slug', 'tags.name', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy(['tags.id', 'tags.slug', 'tags.name'])
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
    return this.db
      .selectFrom('users')
      .select(publicUserColumns)
      .where('users.id', 'in', (eb) =>
        eb
          .selectFrom('article_authors')
          .innerJoin('articles', 'articles.id', 'article_authors.article_id')
          .select('article_authors.user_id')
          .where('articles.status', '=', 'published')
          .where('articles.type', '=', 'post')
          .where('articles.published_at', '<', publishedBefore),
      )
      .orderBy('users.name')
      .execute();
  }

  async insertCategory(c: NewCategory) {
    const { id } = await this.db
      .insertInto('categories')
      .values({
        slug: c.slug,
        name: c.name,
        description: c.description,
        parent_id: c.parentId,
        position: c.position,
      })
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
      .values({
        slug: u.slug,
        name: u.name,
        email: u.email,
        bio: u.bio,
        role: u.role,
        password_hash: null,
        created_at: u.createdAt,
      })
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
}
