import type { ControlledTransaction, Kysely } from 'kysely';
import type { NewMedia } from '../../media/media-repository.js';
import type {
  ExportArticle,
  ExportCategory,
  ExportComment,
  ExportMedia,
  ExportUser,
  GalleryMedia,
  ImportedArticle,
  ImportedComment,
  MappedItem,
  MigrationRepository,
  MigrationUnitOfWork,
  NewMapping,
  WordpressKind,
} from '../../migration/migration-repository.js';
import type { NewCategory, NewUser } from '../../taxonomy/taxonomy-repository.js';
import type { Database } from '../schema.js';
import {
  articleRow,
  categoryRow,
  commentRow,
  deleteArticleLinks,
  insertArticleLinks,
  mediaRow,
  userRow,
} from './rows.js';

type Db = Kysely<Database>;

/** The table each kind of mapping points into, to tell a live mapping from a deleted row. */
const TARGET_TABLE = {
  author: 'users',
  category: 'categories',
  tag: 'tags',
  article: 'articles',
  media: 'media',
  comment: 'comments',
} as const;

/** Keeps `IN (...)` lists under every engine's parameter limit. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function findMappings(
  db: Db,
  kind: WordpressKind,
  filter: {
    column: 'wp_key' | 'wp_number' | 'wp_slug' | 'newsdesk_id';
    values: readonly (string | number)[];
  },
): Promise<MappedItem[]> {
  if (filter.values.length === 0) return [];
  // Every target table has an integer `id`; typing the join as one of them keeps Kysely's types simple.
  const target = `${TARGET_TABLE[kind]} as t` as 'users as t';
  const out: MappedItem[] = [];
  for (const part of chunks(filter.values)) {
    const rows = await db
      .selectFrom('wordpress_items as m')
      .leftJoin(target, 't.id', 'm.newsdesk_id')
      .select([
        'm.kind',
        'm.wp_key',
        'm.wp_number',
        'm.wp_slug',
        'm.wp_parent',
        'm.newsdesk_id',
        'm.fingerprint',
        't.id as target_id',
      ])
      .where('m.kind', '=', kind)
      .where(`m.${filter.column}`, 'in', part as never[])
      .orderBy('m.newsdesk_id')
      .execute();
    for (const r of rows) {
      out.push({
        kind: r.kind,
        wpKey: r.wp_key,
        wpNumber: r.wp_number,
        wpSlug: r.wp_slug,
        wpParent: r.wp_parent,
        newsdeskId: r.newsdesk_id,
        fingerprint: r.fingerprint,
        exists: r.target_id !== null,
      });
    }
  }
  return out;
}

class KyselyMigrationUnitOfWork implements MigrationUnitOfWork {
  constructor(private readonly trx: ControlledTransaction<Database>) {}

  async mapped(kind: WordpressKind, wpKeys: readonly string[]) {
    const rows = await findMappings(this.trx, kind, { column: 'wp_key', values: wpKeys });
    return new Map(rows.map((r) => [r.wpKey, r]));
  }

  async mappedByNumber(kind: WordpressKind, wpNumber: number) {
    const rows = await findMappings(this.trx, kind, { column: 'wp_number', values: [wpNumber] });
    return rows[0];
  }

  async saveMappings(items: readonly NewMapping[], importedAt: string) {
    for (const part of chunks(items, 200)) {
      await this.trx
        .insertInto('wordpress_items')
        .values(
          part.map((m) => ({
            kind: m.kind,
            wp_key: m.wpKey,
            wp_number: m.wpNumber,
            wp_slug: m.wpSlug,
            wp_parent: m.wpParent,
            newsdesk_id: m.newsdeskId,
            fingerprint: m.fingerprint,
            imported_at: importedAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['kind', 'wp_key']).doUpdateSet((eb) => ({
            wp_number: eb.ref('excluded.wp_number'),
            wp_slug: eb.ref('excluded.wp_slug'),
            wp_parent: eb.ref('excluded.wp_parent'),
            newsdesk_id: eb.ref('excluded.newsdesk_id'),
            fingerprint: eb.ref('excluded.fingerprint'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        .execute();
    }
  }

  async userIdByEmail(email: string) {
    const row = await this.trx
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    return row?.id;
  }

  async userSlugTaken(slug: string) {
    const row = await this.trx
      .selectFrom('users')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insertUser(u: NewUser) {
    const { id } = await this.trx
      .insertInto('users')
      .values(userRow(u))
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateUser(id: number, u: { name: string; bio: string; role: string }) {
    await this.trx.updateTable('users').set(u).where('id', '=', id).execute();
  }

  async categoryIdBySlug(slug: string) {
    const row = await this.trx
      .selectFrom('categories')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row?.id;
  }

  async insertCategory(c: NewCategory) {
    const { id } = await this.trx
      .insertInto('categories')
      .values({ slug: c.slug, ...categoryRow(c) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateCategory(id: number, c: Omit<NewCategory, 'slug'>) {
    await this.trx.updateTable('categories').set(categoryRow(c)).where('id', '=', id).execute();
  }

  async linkCategoryParents() {
    const rows = await this.trx
      .selectFrom('wordpress_items as child')
      .innerJoin('wordpress_items as parent', (join) =>
        join.onRef('parent.wp_key', '=', 'child.wp_parent').on('parent.kind', '=', 'category'),
      )
      .innerJoin('categories', 'categories.id', 'child.newsdesk_id')
      .select(['categories.id', 'categories.parent_id', 'parent.newsdesk_id as parent_id_wanted'])
      .where('child.kind', '=', 'category')
      .where('child.wp_parent', 'is not', null)
      .execute();
    let changed = 0;
    for (const r of rows) {
      if (r.parent_id === r.parent_id_wanted || r.id === r.parent_id_wanted) continue;
      await this.trx
        .updateTable('categories')
        .set({ parent_id: r.parent_id_wanted })
        .where('id', '=', r.id)
        .execute();
      changed++;
    }
    return changed;
  }

  async tagIdBySlug(slug: string) {
    const row = await this.trx
      .selectFrom('tags')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row?.id;
  }

  async insertTag(slug: string, name: string) {
    const { id } = await this.trx
      .insertInto('tags')
      .values({ slug, name })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateTag(id: number, name: string) {
    await this.trx.updateTable('tags').set({ name }).where('id', '=', id).execute();
  }

  async mediaIdByPath(path: string) {
    const row = await this.trx
      .selectFrom('media')
      .select('id')
      .where('path', '=', path)
      .executeTakeFirst();
    return row?.id;
  }

  async insertMedia(m: NewMedia) {
    const { id } = await this.trx
      .insertInto('media')
      .values(mediaRow(m))
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateMedia(id: number, m: NewMedia) {
    await this.trx.updateTable('media').set(mediaRow(m)).where('id', '=', id).execute();
  }

  async galleryMedia(request: { ids: number[]; parent: number }): Promise<GalleryMedia[]> {
    let q = this.trx
      .selectFrom('wordpress_items as m')
      .innerJoin('media', 'media.id', 'm.newsdesk_id')
      .select([
        'm.wp_number',
        'media.path',
        'media.original_url',
        'media.alt',
        'media.caption',
        'media.width',
        'media.height',
        'media.mime',
      ])
      .where('m.kind', '=', 'media');
    q = request.ids.length
      ? q.where('m.wp_number', 'in', request.ids)
      : q.where('m.wp_parent', '=', String(request.parent)).orderBy('m.wp_number');
    const rows = (await q.execute()).filter((r) => r.mime.startsWith('image/'));
    const order = new Map(request.ids.map((id, i) => [id, i]));
    if (request.ids.length) {
      rows.sort((a, b) => (order.get(a.wp_number ?? 0) ?? 0) - (order.get(b.wp_number ?? 0) ?? 0));
    }
    return rows.map((r) => ({
      wpId: r.wp_number ?? 0,
      path: r.path,
      originalUrl: r.original_url,
      alt: r.alt,
      caption: r.caption,
      width: r.width,
      height: r.height,
    }));
  }

  async articleSlugTaken(slug: string) {
    const row = await this.trx
      .selectFrom('articles')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row !== undefined;
  }

  async articleUrlParts(id: number) {
    const row = await this.trx
      .selectFrom('articles')
      .select(['type', 'slug', 'status', 'published_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row
      ? { type: row.type, slug: row.slug, status: row.status, publishedAt: row.published_at }
      : undefined;
  }

  async insertArticle(a: ImportedArticle) {
    const { id } = await this.trx
      .insertInto('articles')
      .values(articleRow(a))
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writeRelations(id, a);
    return id;
  }

  async updateArticle(id: number, a: ImportedArticle) {
    await this.trx.updateTable('articles').set(articleRow(a)).where('id', '=', id).execute();
    await deleteArticleLinks(this.trx, id);
    await this.trx.deleteFrom('article_fields').where('article_id', '=', id).execute();
    await this.writeRelations(id, a);
  }

  private async writeRelations(id: number, a: ImportedArticle) {
    await insertArticleLinks(this.trx, id, a);
    const fields = Object.entries(a.fields);
    if (fields.length) {
      await this.trx
        .insertInto('article_fields')
        .values(fields.map(([name, value]) => ({ article_id: id, name, value })))
        .execute();
    }
  }

  async addRedirect(path: string, articleId: number, createdAt: string) {
    await this.trx
      .insertInto('redirects')
      .values({ path, article_id: articleId, created_at: createdAt })
      .onConflict((oc) => oc.column('path').doUpdateSet({ article_id: articleId }))
      .execute();
  }

  async insertComment(c: ImportedComment) {
    const { id } = await this.trx
      .insertInto('comments')
      .values(commentRow(c))
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async updateComment(id: number, c: ImportedComment) {
    await this.trx.updateTable('comments').set(commentRow(c)).where('id', '=', id).execute();
  }

  async saveLegacyPath(path: string, kind: 'media-file' | 'media-page', targetId: number) {
    await this.trx
      .insertInto('wordpress_paths')
      .values({ path, kind, target_id: targetId })
      .onConflict((oc) => oc.column('path').doUpdateSet({ kind, target_id: targetId }))
      .execute();
  }

  async commit() {
    await this.trx.commit().execute();
  }

  async rollback() {
    await this.trx.rollback().execute();
  }
}

/** MigrationRepository on Kysely; portable SQL only, so it serves every dialect. */
export class KyselyMigrationRepository implements MigrationRepository {
  constructor(private readonly db: Db) {}

  async begin(): Promise<MigrationUnitOfWork> {
    return new KyselyMigrationUnitOfWork(await this.db.startTransaction().execute());
  }

  findMapped(
    kind: WordpressKind,
    by: { wpKey: string } | { wpNumber: number } | { wpSlug: string },
  ) {
    if ('wpKey' in by) return findMappings(this.db, kind, { column: 'wp_key', values: [by.wpKey] });
    if ('wpNumber' in by)
      return findMappings(this.db, kind, { column: 'wp_number', values: [by.wpNumber] });
    return findMappings(this.db, kind, { column: 'wp_slug', values: [by.wpSlug] });
  }

  findMappedByTarget(kind: WordpressKind, newsdeskId: number) {
    return findMappings(this.db, kind, { column: 'newsdesk_id', values: [newsdeskId] });
  }

  async findLegacyPath(paths: readonly string[]) {
    if (paths.length === 0) return undefined;
    const row = await this.db
      .selectFrom('wordpress_paths')
      .select(['kind', 'target_id'])
      .where('path', 'in', paths)
      .executeTakeFirst();
    return row ? { kind: row.kind, targetId: row.target_id } : undefined;
  }

  async findRedirect(paths: readonly string[]) {
    if (paths.length === 0) return undefined;
    const row = await this.db
      .selectFrom('redirects')
      .select('article_id')
      .where('path', 'in', paths)
      .executeTakeFirst();
    return row?.article_id;
  }

  async tagSlug(id: number) {
    const row = await this.db
      .selectFrom('tags')
      .select('slug')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.slug;
  }

  async userSlug(id: number) {
    const row = await this.db
      .selectFrom('users')
      .select('slug')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.slug;
  }

  async mediaPath(id: number) {
    const row = await this.db
      .selectFrom('media')
      .select('path')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.path;
  }

  // ---- export ----------------------------------------------------------------------------------

  async users(): Promise<ExportUser[]> {
    return this.db
      .selectFrom('users')
      .select(['id', 'slug', 'name', 'email', 'bio', 'role'])
      .orderBy('id')
      .execute();
  }

  async categories(): Promise<ExportCategory[]> {
    const rows = await this.db.selectFrom('categories').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      description: r.description,
      parentId: r.parent_id,
      position: r.position,
    }));
  }

  tags() {
    return this.db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('id').execute();
  }

  async mediaAfter(afterId: number, limit: number): Promise<ExportMedia[]> {
    const rows = await this.db
      .selectFrom('media')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    const parents = rows.length
      ? await this.db
          .selectFrom('articles')
          .select(['id', 'featured_media_id'])
          .where(
            'featured_media_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('id')
          .execute()
      : [];
    const parentOf = new Map<number, number>();
    for (const p of parents) {
      if (p.featured_media_id !== null && !parentOf.has(p.featured_media_id)) {
        parentOf.set(p.featured_media_id, p.id);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      mime: r.mime,
      width: r.width,
      height: r.height,
      alt: r.alt,
      caption: r.caption,
      credit: r.credit,
      originalUrl: r.original_url,
      createdAt: r.created_at,
      parentArticleId: parentOf.get(r.id) ?? null,
    }));
  }

  async articlesAfter(afterId: number, limit: number): Promise<ExportArticle[]> {
    const rows = await this.db
      .selectFrom('articles')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [authors, categories, tags, fields] = await Promise.all([
      this.db
        .selectFrom('article_authors')
        .innerJoin('users', 'users.id', 'article_authors.user_id')
        .select(['article_authors.article_id', 'users.slug'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute(),
      this.db
        .selectFrom('article_categories')
        .select(['article_id', 'category_id'])
        .where('article_id', 'in', ids)
        .orderBy('category_id')
        .execute(),
      this.db
        .selectFrom('article_tags')
        .select(['article_id', 'tag_id'])
        .where('article_id', 'in', ids)
        .orderBy('tag_id')
        .execute(),
      this.db
        .selectFrom('article_fields')
        .select(['article_id', 'name', 'value'])
        .where('article_id', 'in', ids)
        .orderBy('name')
        .execute(),
    ]);
    const group = <T extends { article_id: number }>(list: T[]) => {
      const map = new Map<number, T[]>();
      for (const item of list)
        map.set(item.article_id, [...(map.get(item.article_id) ?? []), item]);
      return map;
    };
    const byAuthors = group(authors);
    const byCategories = group(categories);
    const byTags = group(tags);
    const byFields = group(fields);
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      slug: r.slug,
      title: r.title,
      dek: r.dek,
      bodyHtml: r.body_html,
      excerpt: r.excerpt,
      status: r.status,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      primaryCategoryId: r.primary_category_id,
      featuredMediaId: r.featured_media_id,
      commentStatus: r.comment_status,
      lang: r.lang,
      dir: r.dir,
      seoTitle: r.seo_title,
      seoDescription: r.seo_description,
      authorSlugs: (byAuthors.get(r.id) ?? []).map((a) => a.slug),
      categoryIds: (byCategories.get(r.id) ?? []).map((c) => c.category_id),
      tagIds: (byTags.get(r.id) ?? []).map((t) => t.tag_id),
      fields: Object.fromEntries((byFields.get(r.id) ?? []).map((f) => [f.name, f.value])),
    }));
  }

  async commentsOf(articleIds: readonly number[]): Promise<ExportComment[]> {
    if (articleIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('comments')
      .select([
        'id',
        'article_id',
        'parent_id',
        'author_name',
        'author_email',
        'author_url',
        'body',
        'status',
        'created_at',
      ])
      .where('article_id', 'in', articleIds)
      .orderBy('article_id')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      parentId: r.parent_id,
      authorName: r.author_name,
      authorEmail: r.author_email,
      authorUrl: r.author_url,
      body: r.body,
      status: r.status,
      createdAt: r.created_at,
    }));
  }

  async redirectsOf(articleIds: readonly number[]) {
    if (articleIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('redirects')
      .select(['article_id', 'path'])
      .where('article_id', 'in', articleIds)
      .orderBy('path')
      .execute();
    return rows.map((r) => ({ articleId: r.article_id, path: r.path }));
  }

  async legacyPathsOf(mediaIds: readonly number[]) {
    if (mediaIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('wordpress_paths')
      .select(['target_id', 'path', 'kind'])
      .where('target_id', 'in', mediaIds)
      .orderBy('path')
      .execute();
    return rows.map((r) => ({ mediaId: r.target_id, path: r.path, kind: r.kind }));
  }

  async maxIds() {
    const [a, m, c] = await Promise.all([
      this.db
        .selectFrom('articles')
        .select((eb) => eb.fn.max('id').as('n'))
        .executeTakeFirst(),
      this.db
        .selectFrom('media')
        .select((eb) => eb.fn.max('id').as('n'))
        .executeTakeFirst(),
      this.db
        .selectFrom('categories')
        .select((eb) => eb.fn.max('id').as('n'))
        .executeTakeFirst(),
    ]);
    return {
      article: Number(a?.n ?? 0),
      media: Number(m?.n ?? 0),
      category: Number(c?.n ?? 0),
    };
  }
}
