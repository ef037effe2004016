import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { ArticleService, Listing } from '../articles/article-service.js';
import { AppError, notFound } from '../http/app-error.js';
import { pageCount } from '../http/paging.js';
import { CategoryTree, type TaxonomyService } from '../taxonomy/taxonomy-service.js';
import { decodeCursor, encodeCursor, parseId } from './api-cursor.js';
import { API_BASE, ApiPresenter } from './api-presenter.js';
import {
  Article,
  ArticleList,
  ArticleListQuery,
  AuthorDetail,
  AuthorList,
  apiSchemas,
  CategoryDetail,
  CategoryList,
  DEFAULT_PER_PAGE,
  ErrorBody,
  IdOrSlugParams,
  MAX_PER_PAGE,
  NoQuery,
  ref,
  SlugParams,
  TagList,
} from './api-schemas.js';

export interface ApiRoutesOptions {
  site: { siteUrl: string; siteLocale: string };
  articles: ArticleService;
  taxonomy: TaxonomyService;
}

const api = { config: { cacheProfile: 'api' as const } };

/**
 * Rows read for a page of `perPage`: one of a few sizes, the rest dropped. Listings write their
 * row count into the statement (src/storage/repositories/kysely-article-repository.ts, `rowLimit`),
 * so each `per_page` from 1 to 100 would otherwise be a statement of its own on every connection.
 */
const READ_SIZES = [10, DEFAULT_PER_PAGE, 50, MAX_PER_PAGE];
const rowsRead = (perPage: number) => READ_SIZES.find((size) => size >= perPage) ?? perPage;
const invalid = ref(ErrorBody, 'Invalid request (code VALIDATION_FAILED)');
const missing = ref(ErrorBody, 'Not found (code NOT_FOUND)');

/**
 * The public read-only JSON API under /api/v1/. Only published content, never an email: the
 * response schemas drop any field they do not declare.
 */
export async function apiRoutes(fastify: FastifyInstance, opts: ApiRoutesOptions) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { articles, taxonomy } = opts;
  for (const schema of apiSchemas) app.addSchema(schema);

  const presenter = (tree = new CategoryTree([])) => new ApiPresenter(opts.site, tree);

  /** Turns slug filters into a listing; a filter naming nothing that exists is a 404. */
  async function listingOf(query: ArticleListQuery, tree: CategoryTree): Promise<Listing> {
    const listing: Listing = {};
    if (query.category !== undefined) {
      const category = tree.bySlug.get(query.category);
      if (!category) throw notFound('No such category');
      listing.categoryIds = tree.descendantIds(category.id);
    }
    if (query.tag !== undefined) {
      const tag = await taxonomy.findTag(query.tag);
      if (!tag) throw notFound('No such tag');
      listing.tagId = tag.id;
    }
    if (query.author !== undefined) {
      const author = await taxonomy.findAuthor(query.author);
      if (!author) throw notFound('No such author');
      listing.authorId = author.id;
    }
    return listing;
  }

  app.get(
    `${API_BASE}/articles`,
    {
      ...api,
      schema: {
        tags: ['articles'],
        operationId: 'listArticles',
        summary: 'Published articles, newest first',
        description:
          'Page through them either with `page` (and `per_page`), or by passing the previous ' +
          'response’s `next_cursor` as `cursor`, which stays stable while new articles are ' +
          'published. A page past the last one is a 404.',
        querystring: ArticleListQuery,
        response: {
          200: ref(ArticleList, 'A page of article summaries'),
          400: invalid,
          404: missing,
        },
      },
    },
    async (request, reply) => {
      const query = request.query;
      if (query.page !== undefined && query.cursor !== undefined) {
        throw new AppError('VALIDATION_FAILED', 'Use either page or cursor, not both.', {
          fields: ['/page', '/cursor'],
        });
      }
      const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const perPage = query.per_page ?? DEFAULT_PER_PAGE;
      const tree = await taxonomy.categoryTree();
      const p = presenter(tree);
      const listing = await listingOf(query, tree);
      const link = (position: { page?: number; cursor?: string }) => {
        const params = new URLSearchParams();
        for (const key of ['category', 'tag', 'author'] as const) {
          const value = query[key];
          if (value !== undefined) params.set(key, value);
        }
        params.set('per_page', String(perPage));
        if (position.page !== undefined && position.page > 1)
          params.set('page', String(position.page));
        if (position.cursor !== undefined) params.set('cursor', position.cursor);
        return p.apiUrl('/articles', params);
      };
      const total = await articles.count(listing);

      if (cursor !== undefined) {
        // One more than asked for tells whether there is a next page.
        const found = await articles.listBefore(listing, cursor, rowsRead(perPage) + 1, tree);
        const items = found.slice(0, perPage);
        const last = items.at(-1);
        const next = found.length > perPage && last ? encodeCursor(last) : null;
        reply.cacheKeys('api:articles', ...items.map((a) => `article:${a.id}`));
        return {
          items: items.map((a) => p.articleSummary(a)),
          pagination: {
            per_page: perPage,
            page: null,
            total_pages: null,
            total_items: total,
            next_cursor: next,
            links: {
              self: link({ cursor: query.cursor }),
              first: link({}),
              prev: null,
              next: next ? link({ cursor: next }) : null,
              last: null,
            },
          },
        };
      }

      const page = query.page ?? 1;
      const pages = pageCount(total, perPage);
      if (page > pages) throw notFound('No such page');
      const items = (
        await articles.list(listing, rowsRead(perPage), (page - 1) * perPage, tree)
      ).slice(0, perPage);
      const last = items.at(-1);
      const hasNext = page < pages;
      reply.cacheKeys('api:articles', ...items.map((a) => `article:${a.id}`));
      return {
        items: items.map((a) => p.articleSummary(a)),
        pagination: {
          per_page: perPage,
          page,
          total_pages: pages,
          total_items: total,
          next_cursor: hasNext && last ? encodeCursor(last) : null,
          links: {
            self: link({ page }),
            first: link({}),
            prev: page > 1 ? link({ page: page - 1 }) : null,
            next: hasNext ? link({ page: page + 1 }) : null,
            last: link({ page: pages }),
          },
        },
      };
    },
  );

  app.get(
    `${API_BASE}/articles/:idOrSlug`,
    {
      ...api,
      schema: {
        tags: ['articles'],
        operationId: 'getArticle',
        summary: 'One published article, by numeric id or slug',
        params: IdOrSlugParams,
        querystring: NoQuery,
        response: { 200: ref(Article, 'The article'), 400: invalid, 404: missing },
      },
    },
    async (request, reply) => {
      const { idOrSlug } = request.params;
      const tree = await taxonomy.categoryTree();
      // Slugs are never all digits (see toSlug), so a number is always an id.
      const id = /^\d+$/.test(idOrSlug) ? parseId(idOrSlug) : idOrSlug;
      const article = id !== undefined ? await articles.findPublished(id, tree) : undefined;
      // Static pages are not articles.
      if (article?.type !== 'post') throw notFound('No such article');
      const [categories, approvedComments] = await Promise.all([
        articles.categoriesOf(article, tree),
        articles.approvedCommentCount(article.id),
      ]);
      reply.cacheKeys(`article:${article.id}`, `comments:${article.id}`);
      return presenter(tree).article(article, categories, approvedComments);
    },
  );

  app.get(
    `${API_BASE}/categories`,
    {
      ...api,
      schema: {
        tags: ['categories'],
        operationId: 'listCategories',
        summary: 'Every category, in display order, with its place in the tree',
        querystring: NoQuery,
        response: { 200: ref(CategoryList, 'All categories'), 400: invalid },
      },
    },
    async (_request, reply) => {
      const tree = await taxonomy.categoryTree();
      const p = presenter(tree);
      reply.cacheKeys('taxonomy');
      return { items: tree.all.map((c) => p.category(c)) };
    },
  );

  app.get(
    `${API_BASE}/categories/:slug`,
    {
      ...api,
      schema: {
        tags: ['categories'],
        operationId: 'getCategory',
        summary: 'One category with its ancestors and children',
        params: SlugParams,
        querystring: NoQuery,
        response: { 200: ref(CategoryDetail, 'The category'), 400: invalid, 404: missing },
      },
    },
    async (request, reply) => {
      const tree = await taxonomy.categoryTree();
      const category = tree.bySlug.get(request.params.slug);
      if (!category) throw notFound('No such category');
      reply.cacheKeys('taxonomy');
      return presenter(tree).categoryDetail(category);
    },
  );

  app.get(
    `${API_BASE}/tags`,
    {
      ...api,
      schema: {
        tags: ['tags'],
        operationId: 'listTags',
        summary: 'Tags of at least one published article, by name',
        querystring: NoQuery,
        response: { 200: ref(TagList, 'Tags in use'), 400: invalid },
      },
    },
    async (_request, reply) => {
      const p = presenter();
      reply.cacheKeys('taxonomy');
      return { items: (await taxonomy.listTags()).map((t) => p.tag(t)) };
    },
  );

  app.get(
    `${API_BASE}/authors`,
    {
      ...api,
      schema: {
        tags: ['authors'],
        operationId: 'listAuthors',
        summary: 'People with a byline on at least one published article, by name',
        querystring: NoQuery,
        response: { 200: ref(AuthorList, 'Authors'), 400: invalid },
      },
    },
    async (_request, reply) => {
      const p = presenter();
      reply.cacheKeys('taxonomy');
      return { items: (await taxonomy.listAuthors()).map((a) => p.author(a)) };
    },
  );

  app.get(
    `${API_BASE}/authors/:slug`,
    {
      ...api,
      schema: {
        tags: ['authors'],
        operationId: 'getAuthor',
        summary: 'One person with a byline on a published article',
        params: SlugParams,
        querystring: NoQuery,
        response: { 200: ref(AuthorDetail, 'The author'), 400: invalid, 404: missing },
      },
    },
    async (request, reply) => {
      // The same people as the list: staff without a published byline are not public.
      const author = (await taxonomy.listAuthors()).find((a) => a.slug === request.params.slug);
      if (!author) throw notFound('No such author');
      const count = await articles.count({ authorId: author.id });
      reply.cacheKeys('taxonomy', `author:${author.id}`);
      return { ...presenter().author(author), article_count: count };
    },
  );

  app.get(
    `${API_BASE}/openapi.json`,
    { ...api, schema: { hide: true, querystring: NoQuery } },
    async () => fastify.swagger(),
  );
}
