import { type Static, Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { AppError } from '../http/app-error.js';
import { sendPage } from '../http/render.js';
import type { SiteService } from '../site/site-service.js';
import type { TaxonomyService } from '../taxonomy/taxonomy-service.js';
import { segmentsToHtml, segmentsToText } from './highlight.js';
import { MAX_QUERY_LENGTH } from './query-parser.js';
import type { SearchRequest, SearchResults, SearchService } from './search-service.js';
import { type SearchForm, SearchPage } from './views/search-page.js';

export interface SearchRoutesOptions {
  site: SiteService;
  search: SearchService;
  taxonomy: TaxonomyService;
  /** Results per HTML page; default 10. */
  perPage?: number;
}

const SLUG = '^[a-z0-9][a-z0-9-]{0,119}$';
const DAY = '^\\d{4}-\\d{2}-\\d{2}$';
/** Deeper pages are refused: nobody reads result 1,001, and deep offsets cost the database. */
const MAX_PAGE = 100;
const MAX_PER_PAGE = 50;

// Form fields left empty arrive as `name=`; the page treats them as "no filter".
const optionalText = (pattern: string) =>
  Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern })]));

/** The HTML page tolerates extra parameters (campaign tags, old bookmarks) and ignores them. */
const PageQuery = Type.Object({
  q: Type.Optional(Type.String()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
  category: optionalText(SLUG),
  author: optionalText(SLUG),
  from: optionalText(DAY),
  to: optionalText(DAY),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('newest')])),
});

export const SearchApiQuery = Type.Object(
  {
    q: Type.String({
      maxLength: MAX_QUERY_LENGTH,
      description:
        'Words to find (all must match). "Quoted words" match as a phrase; the last word also ' +
        'matches as a prefix unless followed by a space. Case, accents and Arabic letter forms ' +
        'are ignored. A query with no searchable word returns no results.',
    }),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
    per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE, default: 10 })),
    category: Type.Optional(
      Type.String({ pattern: SLUG, description: 'Category slug; subcategories are included.' }),
    ),
    author: Type.Optional(Type.String({ pattern: SLUG, description: 'Author slug.' })),
    from: Type.Optional(Type.String({ pattern: DAY, description: 'First day (YYYY-MM-DD).' })),
    to: Type.Optional(Type.String({ pattern: DAY, description: 'Last day (YYYY-MM-DD).' })),
    sort: Type.Optional(
      Type.Union([Type.Literal('relevance'), Type.Literal('newest')], { default: 'relevance' }),
    ),
  },
  { additionalProperties: false },
);

const Highlight = Type.Object(
  {
    text: Type.String(),
    html: Type.String({ description: 'Escaped text; matched words wrapped in <mark>.' }),
  },
  { additionalProperties: false },
);

export const SearchApiResponse = Type.Object(
  {
    query: Type.String(),
    total: Type.Integer(),
    page: Type.Integer(),
    per_page: Type.Integer(),
    pages: Type.Integer(),
    suggestion: Type.Union([Type.String(), Type.Null()]),
    results: Type.Array(
      Type.Object(
        {
          id: Type.Integer(),
          type: Type.String(),
          url: Type.String(),
          path: Type.String(),
          title: Type.String(),
          title_highlight: Highlight,
          dek: Type.String(),
          snippet: Highlight,
          published_at: Type.String(),
          category: Type.Union([
            Type.Object(
              { slug: Type.String(), name: Type.String() },
              { additionalProperties: false },
            ),
            Type.Null(),
          ]),
          authors: Type.Array(
            Type.Object(
              { slug: Type.String(), name: Type.String() },
              { additionalProperties: false },
            ),
          ),
          lang: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** A calendar date that exists (the schema only checks its shape). */
function checkDay(field: string, value: string | undefined) {
  if (!value) return;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new AppError('VALIDATION_FAILED', `${field} must be a date (YYYY-MM-DD).`, {
      fields: [field],
    });
  }
}

/** `/search/` for readers and `GET /api/v1/search` for clients: one service, two renderings. */
export async function searchRoutes(fastify: FastifyInstance, opts: SearchRoutesOptions) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { site: siteService, search, taxonomy } = opts;
  const perPage = opts.perPage ?? 10;

  app.get(
    '/search/',
    { config: { cacheProfile: 'page' }, schema: { querystring: PageQuery } },
    async (request, reply) => {
      const query = request.query;
      const { site, tree } = await siteService.context();
      const q = query.q ?? '';
      if (q.length > MAX_QUERY_LENGTH) {
        throw new AppError(
          'VALIDATION_FAILED',
          site.locale.t('searchTooLong', { max: MAX_QUERY_LENGTH }),
          { fields: ['q'] },
        );
      }
      checkDay('from', query.from);
      checkDay('to', query.to);
      const form: SearchForm = {
        q,
        category: query.category ?? '',
        author: query.author ?? '',
        from: query.from ?? '',
        to: query.to ?? '',
        sort: query.sort ?? 'relevance',
      };
      const [results, authors] = await Promise.all([
        search.search(toRequest(form, query.page ?? 1, perPage), tree),
        taxonomy.listAuthors(),
      ]);
      reply.cacheKeys('search');
      return sendPage(reply, h(SearchPage, { site, form, results, categories: tree.all, authors }));
    },
  );

  app.get(
    '/api/v1/search',
    {
      config: { cacheProfile: 'api' },
      schema: {
        tags: ['search'],
        operationId: 'search',
        summary: 'Full-text search of published articles, best match first',
        querystring: SearchApiQuery,
        response: { 200: SearchApiResponse },
      },
    },
    async (request, reply) => {
      const query = request.query;
      checkDay('from', query.from);
      checkDay('to', query.to);
      const { tree } = await siteService.context();
      const form: SearchForm = {
        q: query.q,
        category: query.category ?? '',
        author: query.author ?? '',
        from: query.from ?? '',
        to: query.to ?? '',
        sort: query.sort ?? 'relevance',
      };
      const results = await search.search(
        toRequest(form, query.page ?? 1, query.per_page ?? 10),
        tree,
      );
      reply.cacheKeys('search');
      return present(results, query.q, siteService.config.siteUrl);
    },
  );
}

function toRequest(form: SearchForm, page: number, perPage: number): SearchRequest {
  return {
    q: form.q,
    page,
    perPage,
    sort: form.sort,
    ...(form.category ? { category: form.category } : {}),
    ...(form.author ? { author: form.author } : {}),
    ...(form.from ? { from: form.from } : {}),
    ...(form.to ? { to: form.to } : {}),
  };
}

function present(
  results: SearchResults,
  q: string,
  siteUrl: string,
): Static<typeof SearchApiResponse> {
  return {
    query: q,
    total: results.total,
    page: results.page,
    per_page: results.perPage,
    pages: results.pages,
    suggestion: results.suggestion,
    results: results.results.map((r) => ({
      id: r.id,
      type: r.type,
      url: `${siteUrl}${r.path}`,
      path: r.path,
      title: r.title,
      title_highlight: {
        text: segmentsToText(r.titleSegments),
        html: segmentsToHtml(r.titleSegments),
      },
      dek: r.dek,
      snippet: { text: segmentsToText(r.snippet), html: segmentsToHtml(r.snippet) },
      published_at: r.publishedAt,
      category: r.category ? { slug: r.category.slug, name: r.category.name } : null,
      authors: r.authors.map((a) => ({ slug: a.slug, name: a.name })),
      lang: r.lang,
    })),
  };
}
