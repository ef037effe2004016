import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { MAX_SLUG_LENGTH } from '../text/slug.js';

/**
 * TypeBox schemas of the public JSON API. They validate requests, shape (and so limit) every
 * response body, and become the OpenAPI document: a field missing here is never sent, which is
 * what keeps private columns such as emails out of the API.
 *
 * Shared shapes carry an `$id`; routes point at them with `ref()` and `apiSchemas` is added to the
 * API's Fastify scope, so the OpenAPI document lists them once under `components.schemas`.
 */

/** A `$ref` to a shared schema that still infers the referenced type. */
export const ref = <T extends TSchema>(schema: T, description?: string) =>
  Type.Unsafe<Static<T>>(Type.Ref(schema.$id as string, description ? { description } : {}));

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One of a few strings, as a plain `enum` (clearer in the document than a union of literals). */
const oneOf = <const T extends string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: values });

const Id = Type.Integer({ minimum: 1 });
const Url = Type.String({ format: 'uri', description: 'Absolute URL.' });
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601, UTC.' });
/** A slug as it appears in URLs: lowercase ASCII letters, digits and hyphens. */
export const slugParam = (description = 'Slug.') =>
  Type.String({
    minLength: 1,
    maxLength: MAX_SLUG_LENGTH,
    pattern: '^[a-z0-9][a-z0-9-]*$',
    description,
  });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. NOT_FOUND.' }),
      message: Type.String({ description: 'Human-readable explanation; may change.' }),
      fields: Type.Optional(
        Type.Array(Type.String(), { description: 'Inputs that failed validation.' }),
      ),
    }),
  },
  { $id: 'Error', additionalProperties: false },
);

export const Image = Type.Object(
  {
    url: Url,
    mime: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
    alt: Type.String(),
    caption: Type.String(),
    credit: Type.String(),
  },
  { $id: 'Image', additionalProperties: false },
);

export const CategoryRef = Type.Object(
  { id: Id, slug: Type.String(), name: Type.String(), url: Url, api_url: Url },
  { $id: 'CategoryRef', additionalProperties: false },
);

export const TagRef = Type.Object(
  { id: Id, slug: Type.String(), name: Type.String(), url: Url },
  { $id: 'TagRef', additionalProperties: false },
);

export const AuthorRef = Type.Object(
  { id: Id, slug: Type.String(), name: Type.String(), url: Url, api_url: Url },
  { $id: 'AuthorRef', additionalProperties: false },
);

const articleSummaryProperties = {
  id: Id,
  slug: Type.String(),
  title: Type.String(),
  dek: Type.String({ description: 'Standfirst; may be empty.' }),
  excerpt: Type.String({ description: 'Plain text.' }),
  url: Type.String({ format: 'uri', description: 'Canonical URL of the article page.' }),
  api_url: Url,
  published_at: DateTime,
  updated_at: DateTime,
  language: Type.String({ description: 'BCP 47 tag: the article’s own, else the site’s.' }),
  direction: oneOf(['ltr', 'rtl']),
  primary_category: nullable(ref(CategoryRef)),
  authors: Type.Array(ref(AuthorRef)),
  featured_image: nullable(ref(Image)),
  comment_status: oneOf(['open', 'closed']),
};

export const ArticleSummary = Type.Object(articleSummaryProperties, {
  $id: 'ArticleSummary',
  additionalProperties: false,
});

export const Article = Type.Object(
  {
    ...articleSummaryProperties,
    body_html: Type.String({ description: 'Sanitized HTML of the body.' }),
    categories: Type.Array(ref(CategoryRef), { description: 'Every category, primary first.' }),
    tags: Type.Array(ref(TagRef)),
    approved_comment_count: Type.Integer({ minimum: 0 }),
    corrections: Type.Array(
      Type.Object(
        {
          id: Type.Integer(),
          kind: Type.Union([
            Type.Literal('correction'),
            Type.Literal('clarification'),
            Type.Literal('update'),
          ]),
          text: Type.String(),
          created_at: Type.String({ format: 'date-time' }),
        },
        { additionalProperties: false },
      ),
      { description: 'Dated corrections, clarifications and updates, oldest first.' },
    ),
  },
  { $id: 'Article', additionalProperties: false },
);

export const Pagination = Type.Object(
  {
    per_page: Type.Integer(),
    page: nullable(Type.Integer({ description: 'Null when paging by cursor.' })),
    total_pages: nullable(Type.Integer({ description: 'Null when paging by cursor.' })),
    total_items: Type.Integer({ minimum: 0 }),
    next_cursor: nullable(
      Type.String({ description: 'Pass as `cursor` for the next items; null at the end.' }),
    ),
    links: Type.Object(
      {
        self: Url,
        first: Url,
        prev: nullable(Url),
        next: nullable(Url),
        last: nullable(Type.String({ format: 'uri', description: 'Null when paging by cursor.' })),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'Pagination', additionalProperties: false },
);

export const ArticleList = Type.Object(
  { items: Type.Array(ref(ArticleSummary)), pagination: ref(Pagination) },
  { $id: 'ArticleList', additionalProperties: false },
);

const categoryProperties = {
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  parent_id: nullable(Id),
  depth: Type.Integer({ minimum: 0, description: '0 for a main section.' }),
  position: Type.Integer({ description: 'Display order among siblings.' }),
  path: Type.String({ description: 'Site-relative archive path, e.g. /category/city/transport/.' }),
  url: Url,
  api_url: Url,
  articles_url: Type.String({ format: 'uri', description: 'API listing of its articles.' }),
};

export const Category = Type.Object(categoryProperties, {
  $id: 'Category',
  additionalProperties: false,
});

export const CategoryDetail = Type.Object(
  {
    ...categoryProperties,
    ancestors: Type.Array(ref(CategoryRef), { description: 'From the main section down.' }),
    children: Type.Array(ref(CategoryRef)),
  },
  { $id: 'CategoryDetail', additionalProperties: false },
);

export const CategoryList = Type.Object(
  { items: Type.Array(ref(Category)) },
  { $id: 'CategoryList', additionalProperties: false },
);

export const Tag = Type.Object(
  {
    id: Id,
    slug: Type.String(),
    name: Type.String(),
    article_count: Type.Integer({ minimum: 1 }),
    url: Url,
    articles_url: Url,
  },
  { $id: 'Tag', additionalProperties: false },
);

export const TagList = Type.Object(
  { items: Type.Array(ref(Tag)) },
  { $id: 'TagList', additionalProperties: false },
);

const authorProperties = {
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  bio: Type.String(),
  url: Url,
  api_url: Url,
  articles_url: Url,
};

export const Author = Type.Object(authorProperties, {
  $id: 'Author',
  additionalProperties: false,
});

export const AuthorDetail = Type.Object(
  {
    ...authorProperties,
    article_count: Type.Integer({ minimum: 0, description: 'Published articles (not pages).' }),
  },
  { $id: 'AuthorDetail', additionalProperties: false },
);

export const AuthorList = Type.Object(
  { items: Type.Array(ref(Author)) },
  { $id: 'AuthorList', additionalProperties: false },
);

/** Every shared schema, in dependency order, for `app.addSchema`. */
export const apiSchemas = [
  ErrorBody,
  Image,
  CategoryRef,
  TagRef,
  AuthorRef,
  ArticleSummary,
  Article,
  Pagination,
  ArticleList,
  Category,
  CategoryDetail,
  CategoryList,
  Tag,
  TagList,
  Author,
  AuthorDetail,
  AuthorList,
];

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

export const ArticleListQuery = Type.Object(
  {
    category: Type.Optional(slugParam('Category slug; its subcategories are included.')),
    tag: Type.Optional(slugParam('Tag slug.')),
    author: Type.Optional(slugParam('Author slug.')),
    page: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100_000, description: 'Page number; not with cursor.' }),
    ),
    per_page: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE }),
    ),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'Opaque `next_cursor` of a previous response; not with page.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ArticleListQuery = Static<typeof ArticleListQuery>;

/** For endpoints that take no query parameters: any parameter is an error. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const IdOrSlugParams = Type.Object(
  {
    idOrSlug: slugParam('Numeric id, or slug (slugs are never all digits).'),
  },
  { additionalProperties: false },
);

export const SlugParams = Type.Object({ slug: slugParam() }, { additionalProperties: false });

export type ArticleBody = Static<typeof Article>;
export type ArticleSummaryBody = Static<typeof ArticleSummary>;
export type CategoryBody = Static<typeof Category>;
export type CategoryRefBody = Static<typeof CategoryRef>;
export type AuthorBody = Static<typeof Author>;
export type TagBody = Static<typeof Tag>;
