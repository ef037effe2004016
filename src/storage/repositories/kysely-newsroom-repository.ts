import { type Kysely, sql, type Transaction } from 'kysely';
import {
  type ArticleFields,
  type Correction,
  fieldsOf,
  type ListFilters,
  type Lock,
  type NewsroomArticle,
  type Revision,
} from '../../newsroom/newsroom.js';
import type {
  NewRevision,
  NewsroomRepository,
  StatusChange,
  StoredFields,
} from '../../newsroom/newsroom-repository.js';
import type { Database } from '../schema.js';
import { deleteArticleLinks, insertArticleLinks } from './rows.js';

type Db = Kysely<Database>;

/** NewsroomRepository on Kysely; portable SQL only, so it serves every dialect. */
export class KyselyNewsroomRepository implements NewsroomRepository {
  constructor(private readonly db: Db) {}

  private base(db: Db | Transaction<Database> = this.db) {
    return db
      .selectFrom('articles')
      .leftJoin('newsroom_articles as n', 'n.article_id', 'articles.id')
      .selectAll('articles')
      .select([
        'n.created_by',
        'n.social_media_id',
        'n.unpublish_at',
        'n.embargo_until',
        'n.preview_token',
        'n.head_revision_id',
      ]);
  }

  async find(id: number) {
    const row = await this.base().where('articles.id', '=', id).executeTakeFirst();
    return row ? (await this.hydrate([row]))[0] : undefined;
  }

  async findByPreviewToken(token: string) {
    const row = await this.db
      .selectFrom('newsroom_articles')
      .select('article_id')
      .where('preview_token', '=', token)
      .executeTakeFirst();
    return row?.article_id;
  }

  async list(f: ListFilters) {
    let q = this.base().where('articles.type', '=', 'post');
    if (f.status) q = q.where('articles.status', '=', f.status);
    else q = q.where('articles.status', '!=', 'trash');
    if (f.authorId !== undefined) {
      const id = f.authorId;
      q = q.where('articles.id', 'in', (eb) =>
        eb.selectFrom('article_authors').select('article_id').where('user_id', '=', id),
      );
    }
    if (f.ownerId !== undefined) {
      const id = f.ownerId;
      q = q.where((eb) =>
        eb.or([
          eb('n.created_by', '=', id),
          eb(
            'articles.id',
            'in',
            eb.selectFrom('article_authors').select('article_id').where('user_id', '=', id),
          ),
        ]),
      );
    }
    if (f.categoryId !== undefined) {
      const id = f.categoryId;
      q = q.where((eb) =>
        eb.or([
          eb('articles.primary_category_id', '=', id),
          eb(
            'articles.id',
            'in',
            eb.selectFrom('article_categories').select('article_id').where('category_id', '=', id),
          ),
        ]),
      );
    }
    if (f.from) q = q.where('articles.updated_at', '>=', f.from);
    if (f.to) q = q.where('articles.updated_at', '<', f.to);
    if (f.q) {
      const needle = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<boolean>`lower(${sql.ref('articles.title')}) like ${needle} escape '\\'`);
    }
    const [rows, count] = await Promise.all([
      q
        .orderBy('articles.updated_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: await this.hydrate(rows), total: Number(count.n) };
  }

  private articleValues(f: StoredFields) {
    return {
      title: f.headline,
      dek: f.dek,
      slug: f.slug,
      body_html: f.bodyHtml,
      excerpt: f.excerpt,
      primary_category_id: f.primaryCategoryId,
      featured_media_id: f.featuredImageId,
      comment_status: f.commentStatus,
      lang: f.lang,
      dir: f.dir,
      seo_title: f.seoTitle || null,
      seo_description: f.seoDescription || null,
    };
  }

  /** Stores a revision; it becomes the head unless `asHead` is false (an autosave kept aside). */
  private async insertRevision(trx: Transaction<Database>, r: NewRevision, asHead = true) {
    const { id } = await trx
      .insertInto('article_revisions')
      .values({
        article_id: r.articleId,
        kind: r.kind,
        author_id: r.authorId,
        client_save_id: r.clientSaveId,
        restored_from: r.restoredFrom,
        fields: JSON.stringify(r.fields),
        created_at: r.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!asHead) return id;
    await trx
      .updateTable('newsroom_articles')
      .set({ head_revision_id: id })
      .where('article_id', '=', r.articleId)
      .execute();
    return id;
  }

  /**
   * True when the head is still `expectHead`. The row is updated either way (to `claimHead`, or
   * to itself), so a concurrent save waits for this transaction and then sees the head moved.
   */
  private async headIs(
    trx: Transaction<Database>,
    id: number,
    expectHead: number | null,
    claim: boolean,
  ): Promise<boolean> {
    const result = await trx
      .updateTable('newsroom_articles')
      .set((eb) => ({ head_revision_id: claim ? null : eb.ref('head_revision_id') }))
      .where('article_id', '=', id)
      .where((eb) =>
        expectHead === null
          ? eb('head_revision_id', 'is', null)
          : eb('head_revision_id', '=', expectHead),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insert(
    fields: StoredFields,
    meta: { createdBy: number; createdAt: string; previewToken: string },
    revision: Omit<NewRevision, 'articleId'>,
  ) {
    return this.db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('articles')
        .values({
          ...this.articleValues(fields),
          type: 'post',
          status: 'draft',
          published_at: null,
          created_at: meta.createdAt,
          updated_at: meta.createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('newsroom_articles')
        .values({
          article_id: id,
          created_by: meta.createdBy,
          social_media_id: fields.socialImageId,
          preview_token: meta.previewToken,
        })
        .execute();
      await insertArticleLinks(trx, id, fields);
      const revisionId = await this.insertRevision(trx, { ...revision, articleId: id });
      return { id, revisionId };
    });
  }

  async update(
    id: number,
    fields: StoredFields,
    updatedAt: string,
    revision: Omit<NewRevision, 'articleId'>,
    expectHead?: number | null,
  ) {
    return this.db.transaction().execute(async (trx) => {
      // Claim the head first: a concurrent save with the same base then finds it moved.
      if (expectHead !== undefined && !(await this.headIs(trx, id, expectHead, true))) {
        return { conflict: true as const };
      }
      await trx
        .updateTable('articles')
        .set({ ...this.articleValues(fields), updated_at: updatedAt })
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('newsroom_articles')
        .set({ social_media_id: fields.socialImageId })
        .where('article_id', '=', id)
        .execute();
      await deleteArticleLinks(trx, id);
      await insertArticleLinks(trx, id, fields);
      const revisionId = await this.insertRevision(trx, { ...revision, articleId: id });
      return { revisionId };
    });
  }

  async addRevision(
    id: number,
    revision: Omit<NewRevision, 'articleId'>,
    expectHead?: number | null,
  ) {
    return this.db.transaction().execute(async (trx) => {
      if (expectHead !== undefined && !(await this.headIs(trx, id, expectHead, false))) {
        return { conflict: true as const };
      }
      const revisionId = await this.insertRevision(trx, { ...revision, articleId: id }, false);
      return { revisionId };
    });
  }

  /** Autosaves by `authorId` newer than the head: kept aside, not live. */
  private pendingQuery(articleId: number, authorId: number) {
    return this.revisionQuery()
      .innerJoin('newsroom_articles as n', 'n.article_id', 'r.article_id')
      .where('r.article_id', '=', articleId)
      .where('r.author_id', '=', authorId)
      .where('r.kind', '=', 'autosave')
      .where((eb) => eb('r.id', '>', eb.ref('n.head_revision_id')));
  }

  async pendingAutosave(articleId: number, authorId: number) {
    const r = await this.pendingQuery(articleId, authorId)
      .orderBy('r.id', 'desc')
      .executeTakeFirst();
    return r ? { ...this.toRevision(r), fields: JSON.parse(r.fields) as ArticleFields } : undefined;
  }

  async discardPendingAutosaves(articleId: number, authorId: number) {
    const ids = (await this.pendingQuery(articleId, authorId).execute()).map((r) => r.id);
    if (ids.length) await this.db.deleteFrom('article_revisions').where('id', 'in', ids).execute();
  }

  async changeStatus(id: number, c: StatusChange) {
    return this.db.transaction().execute(async (trx) => {
      const q = trx
        .updateTable('articles')
        .set({ status: c.status, published_at: c.publishedAt, updated_at: c.updatedAt })
        .where('id', '=', id)
        .where('status', 'in', [...c.expect]);
      const result = await q.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (c.unpublishAt !== undefined) {
        await trx
          .updateTable('newsroom_articles')
          .set({ unpublish_at: c.unpublishAt })
          .where('article_id', '=', id)
          .execute();
      }
      return true;
    });
  }

  async setUnpublishAt(id: number, at: string | null) {
    await this.db
      .updateTable('newsroom_articles')
      .set({ unpublish_at: at })
      .where('article_id', '=', id)
      .execute();
  }

  async setEmbargo(id: number, until: string | null, publishedAt?: string) {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('newsroom_articles')
        .set({ embargo_until: until })
        .where('article_id', '=', id)
        .execute();
      if (publishedAt) {
        await trx
          .updateTable('articles')
          .set({ published_at: publishedAt })
          .where('id', '=', id)
          .where('status', '=', 'scheduled')
          .execute();
      }
    });
  }

  async touch(id: number, updatedAt: string) {
    await this.db
      .updateTable('articles')
      .set({ updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
  }

  async ensureWorkflowRow(id: number, previewToken: string) {
    await this.db
      .insertInto('newsroom_articles')
      .values({ article_id: id, preview_token: previewToken })
      .onConflict((oc) => oc.column('article_id').doNothing())
      .execute();
    // Articles made before the newsroom have no history: their current state is revision one.
    const current = await this.find(id);
    if (current && current.headRevisionId === null) {
      await this.db.transaction().execute((trx) =>
        this.insertRevision(trx, {
          articleId: id,
          kind: 'create',
          authorId: null,
          clientSaveId: null,
          restoredFrom: null,
          fields: fieldsOf(current),
          createdAt: current.updatedAt,
        }),
      );
    }
  }

  async slugTaken(slug: string, exceptId: number) {
    const row = await this.db
      .selectFrom('articles')
      .select('id')
      .where('slug', '=', slug)
      .where('id', '!=', exceptId)
      .executeTakeFirst();
    return row !== undefined;
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

  async userNames(ids: number[]) {
    if (!ids.length) return new Map<number, string>();
    const rows = await this.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private revisionQuery() {
    return this.db
      .selectFrom('article_revisions as r')
      .leftJoin('users as u', 'u.id', 'r.author_id')
      .select([
        'r.id',
        'r.article_id',
        'r.kind',
        'r.author_id',
        'u.name as author_name',
        'r.created_at',
        'r.restored_from',
        'r.client_save_id',
        'r.fields',
      ]);
  }

  private toRevision(r: {
    id: number;
    article_id: number;
    kind: Revision['kind'];
    author_id: number | null;
    author_name: string | null;
    created_at: string;
    restored_from: number | null;
    client_save_id: string | null;
  }): Revision {
    return {
      id: r.id,
      articleId: r.article_id,
      kind: r.kind,
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: r.created_at,
      restoredFrom: r.restored_from,
      clientSaveId: r.client_save_id,
    };
  }

  async revisions(articleId: number) {
    const rows = await this.revisionQuery()
      .where('r.article_id', '=', articleId)
      .orderBy('r.id', 'desc')
      .execute();
    return rows.map((r) => this.toRevision(r));
  }

  async revision(id: number) {
    const r = await this.revisionQuery().where('r.id', '=', id).executeTakeFirst();
    return r ? { ...this.toRevision(r), fields: JSON.parse(r.fields) as ArticleFields } : undefined;
  }

  async revisionByClientSaveId(articleId: number, clientSaveId: string) {
    const r = await this.revisionQuery()
      .where('r.article_id', '=', articleId)
      .where('r.client_save_id', '=', clientSaveId)
      .executeTakeFirst();
    return r ? this.toRevision(r) : undefined;
  }

  async lockOf(articleId: number): Promise<Lock | undefined> {
    const row = await this.db
      .selectFrom('article_locks as l')
      .innerJoin('users as u', 'u.id', 'l.user_id')
      .select(['l.user_id', 'u.name', 'l.expires_at'])
      .where('l.article_id', '=', articleId)
      .executeTakeFirst();
    return row ? { userId: row.user_id, userName: row.name, expiresAt: row.expires_at } : undefined;
  }

  async takeLock(
    articleId: number,
    userId: number,
    expiresAt: string,
    now: string,
    force: boolean,
  ) {
    await this.db
      .insertInto('article_locks')
      .values({ article_id: articleId, user_id: userId, expires_at: expiresAt })
      .onConflict((oc) => {
        const update = oc
          .column('article_id')
          .doUpdateSet({ user_id: userId, expires_at: expiresAt });
        return force
          ? update
          : update.where((eb) =>
              eb.or([
                eb('article_locks.user_id', '=', userId),
                eb('article_locks.expires_at', '<=', now),
              ]),
            );
      })
      .execute();
    return (await this.lockOf(articleId)) as Lock;
  }

  async releaseLock(articleId: number, userId: number) {
    await this.db
      .deleteFrom('article_locks')
      .where('article_id', '=', articleId)
      .where('user_id', '=', userId)
      .execute();
  }

  async addCorrection(c: Omit<Correction, 'id'> & { authorId: number }) {
    const { id } = await this.db
      .insertInto('corrections')
      .values({
        article_id: c.articleId,
        kind: c.kind,
        text: c.text,
        author_id: c.authorId,
        created_at: c.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, articleId: c.articleId, kind: c.kind, text: c.text, createdAt: c.createdAt };
  }

  async correctionsOf(articleId: number) {
    const rows = await this.db
      .selectFrom('corrections')
      .select(['id', 'article_id', 'kind', 'text', 'created_at'])
      .where('article_id', '=', articleId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      articleId: r.article_id,
      kind: r.kind,
      text: r.text,
      createdAt: r.created_at,
    }));
  }

  async listCorrections(publishedBefore: string, limit: number, offset: number) {
    const q = this.db
      .selectFrom('corrections as c')
      .innerJoin('articles as a', 'a.id', 'c.article_id')
      .where('a.status', '=', 'published')
      .where('a.published_at', '<', publishedBefore);
    const [rows, count] = await Promise.all([
      q
        .select([
          'c.id',
          'c.article_id',
          'c.kind',
          'c.text',
          'c.created_at',
          'a.type',
          'a.slug',
          'a.title',
          'a.published_at',
        ])
        .orderBy('c.created_at', 'desc')
        .orderBy('c.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        articleId: r.article_id,
        kind: r.kind,
        text: r.text,
        createdAt: r.created_at,
        article: {
          type: r.type,
          slug: r.slug,
          title: r.title,
          publishedAt: r.published_at as string,
        },
      })),
      total: Number(count.n),
    };
  }

  async due(now: string) {
    const [publish, unpublish] = await Promise.all([
      this.db
        .selectFrom('articles')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('published_at', '<=', now)
        .orderBy('published_at')
        .execute(),
      this.db
        .selectFrom('newsroom_articles as n')
        .innerJoin('articles as a', 'a.id', 'n.article_id')
        .select('a.id')
        .where('a.status', '=', 'published')
        .where('n.unpublish_at', '<=', now)
        .orderBy('n.unpublish_at')
        .execute(),
    ]);
    return { publish: publish.map((r) => r.id), unpublish: unpublish.map((r) => r.id) };
  }

  async nextDue() {
    const [publish, unpublish] = await Promise.all([
      this.db
        .selectFrom('articles')
        .select((eb) => eb.fn.min('published_at').as('t'))
        .where('status', '=', 'scheduled')
        .executeTakeFirst(),
      this.db
        .selectFrom('newsroom_articles as n')
        .innerJoin('articles as a', 'a.id', 'n.article_id')
        .select((eb) => eb.fn.min('n.unpublish_at').as('t'))
        .where('a.status', '=', 'published')
        .executeTakeFirst(),
    ]);
    const times = [publish?.t, unpublish?.t].filter((t): t is string => typeof t === 'string');
    return times.sort()[0];
  }

  async acquireLease(name: string, holder: string, expiresAt: string, now: string) {
    const inserted = await this.db
      .insertInto('leases')
      .values({ name, holder, expires_at: expiresAt })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
    const taken = await this.db
      .updateTable('leases')
      .set({ holder, expires_at: expiresAt })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<=', now)]))
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }

  async releaseLease(name: string, holder: string) {
    await this.db
      .deleteFrom('leases')
      .where('name', '=', name)
      .where('holder', '=', holder)
      .execute();
  }

  private async hydrate(
    rows: Awaited<ReturnType<ReturnType<KyselyNewsroomRepository['base']>['execute']>>,
  ): Promise<NewsroomArticle[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [authors, categories, tags] = await Promise.all([
      this.db
        .selectFrom('article_authors')
        .innerJoin('users', 'users.id', 'article_authors.user_id')
        .select(['article_authors.article_id', 'users.id', 'users.name'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute(),
      this.db
        .selectFrom('article_categories')
        .select(['article_id', 'category_id'])
        .where('article_id', 'in', ids)
        .execute(),
      this.db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name'])
        .where('article_tags.article_id', 'in', ids)
        .orderBy('tags.name')
        .execute(),
    ]);
    const group = <T extends { article_id: number }>(list: T[]) => {
      const map = new Map<number, T[]>();
      for (const x of list) map.set(x.article_id, [...(map.get(x.article_id) ?? []), x]);
      return map;
    };
    const byAuthor = group(authors);
    const byCategory = group(categories);
    const byTag = group(tags);
    return rows.map((r) => {
      const primary = r.primary_category_id;
      const others = (byCategory.get(r.id) ?? []).map((c) => c.category_id);
      return {
        id: r.id,
        type: r.type,
        status: r.status,
        headline: r.title,
        dek: r.dek,
        slug: r.slug,
        bodyHtml: r.body_html,
        primaryCategoryId: primary,
        categoryIds: [...new Set([...(primary ? [primary] : []), ...others])],
        tags: (byTag.get(r.id) ?? []).map((t) => ({ id: t.id, slug: t.slug, name: t.name })),
        authors: (byAuthor.get(r.id) ?? []).map((a) => ({ id: a.id, name: a.name })),
        featuredImageId: r.featured_media_id,
        socialImageId: r.social_media_id,
        seoTitle: r.seo_title ?? '',
        seoDescription: r.seo_description ?? '',
        commentStatus: r.comment_status,
        lang: r.lang,
        dir: r.dir,
        publishedAt: r.published_at,
        unpublishAt: r.unpublish_at,
        embargoUntil: r.embargo_until,
        previewToken: r.preview_token,
        createdBy: r.created_by,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        headRevisionId: r.head_revision_id,
      };
    });
  }
}
