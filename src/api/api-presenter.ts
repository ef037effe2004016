import type { ArticleWithDetails, ImageRef, PublishedArticle } from '../articles/article.js';
import { RTL_LANGUAGES } from '../articles/article-service.js';
import type { Category, Tag } from '../taxonomy/taxonomy.js';
import type { CategoryTree } from '../taxonomy/taxonomy-service.js';
import type {
  ArticleBody,
  ArticleSummaryBody,
  AuthorBody,
  CategoryBody,
  CategoryRefBody,
  TagBody,
} from './api-schemas.js';

export const API_BASE = '/api/v1';

/**
 * Turns domain objects into API bodies: snake_case, absolute URLs, and only the public fields
 * (the response schemas enforce the same on the way out).
 */
export class ApiPresenter {
  constructor(
    private readonly site: { siteUrl: string; siteLocale: string },
    private readonly tree: CategoryTree,
  ) {}

  /** Absolute URL of a site-relative path. */
  url(path: string): string {
    return new URL(path, `${this.site.siteUrl}/`).href;
  }

  apiUrl(path: string, query?: URLSearchParams): string {
    const search = query?.toString();
    return this.url(`${API_BASE}${path}${search ? `?${search}` : ''}`);
  }

  private articlesUrl(filter: 'category' | 'tag' | 'author', slug: string): string {
    return this.apiUrl('/articles', new URLSearchParams({ [filter]: slug }));
  }

  categoryRef(category: Pick<Category, 'id' | 'slug' | 'name'>): CategoryRefBody {
    const full = this.tree.byId.get(category.id);
    return {
      id: category.id,
      slug: category.slug,
      name: category.name,
      url: this.url(full ? this.tree.path(full) : `/category/${category.slug}/`),
      api_url: this.apiUrl(`/categories/${category.slug}`),
    };
  }

  category(category: Category): CategoryBody {
    const path = this.tree.path(category);
    return {
      id: category.id,
      slug: category.slug,
      name: category.name,
      description: category.description,
      parent_id: category.parentId,
      depth: this.tree.lineage(category).length - 1,
      position: category.position,
      path,
      url: this.url(path),
      api_url: this.apiUrl(`/categories/${category.slug}`),
      articles_url: this.articlesUrl('category', category.slug),
    };
  }

  categoryDetail(category: Category) {
    return {
      ...this.category(category),
      ancestors: this.tree
        .lineage(category)
        .slice(0, -1)
        .map((c) => this.categoryRef(c)),
      children: this.tree.children(category.id).map((c) => this.categoryRef(c)),
    };
  }

  tag(tag: Tag & { count: number }): TagBody {
    return {
      id: tag.id,
      slug: tag.slug,
      name: tag.name,
      article_count: tag.count,
      url: this.url(`/tag/${tag.slug}/`),
      articles_url: this.articlesUrl('tag', tag.slug),
    };
  }

  author(author: { id: number; slug: string; name: string; bio: string }): AuthorBody {
    return {
      id: author.id,
      slug: author.slug,
      name: author.name,
      bio: author.bio,
      url: this.url(`/author/${author.slug}/`),
      api_url: this.apiUrl(`/authors/${author.slug}`),
      articles_url: this.articlesUrl('author', author.slug),
    };
  }

  private image(image: ImageRef) {
    return {
      url: this.url(`/media/${image.path}`),
      mime: image.mime,
      width: image.width,
      height: image.height,
      alt: image.alt,
      caption: image.caption,
      credit: image.credit,
    };
  }

  articleSummary(article: PublishedArticle): ArticleSummaryBody {
    const language = article.lang ?? this.site.siteLocale;
    return {
      id: article.id,
      slug: article.slug,
      title: article.title,
      dek: article.dek,
      excerpt: article.excerpt,
      url: this.url(article.path),
      api_url: this.apiUrl(`/articles/${article.id}`),
      published_at: article.publishedAt,
      updated_at: article.updatedAt,
      language,
      direction: article.dir ?? (RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr'),
      primary_category: article.primaryCategory ? this.categoryRef(article.primaryCategory) : null,
      authors: article.authors.map((a) => ({
        id: a.id,
        slug: a.slug,
        name: a.name,
        url: this.url(`/author/${a.slug}/`),
        api_url: this.apiUrl(`/authors/${a.slug}`),
      })),
      featured_image: article.image ? this.image(article.image) : null,
      comment_status: article.commentStatus,
    };
  }

  article(
    article: ArticleWithDetails,
    categories: Category[],
    approvedCommentCount: number,
  ): ArticleBody {
    return {
      ...this.articleSummary(article),
      body_html: article.bodyHtml,
      categories: categories.map((c) => this.categoryRef(c)),
      tags: article.tags.map((t) => ({
        id: t.id,
        slug: t.slug,
        name: t.name,
        url: this.url(`/tag/${t.slug}/`),
      })),
      approved_comment_count: approvedCommentCount,
      corrections: (article.corrections ?? []).map((c) => ({
        id: c.id,
        kind: c.kind,
        text: c.text,
        created_at: c.createdAt,
      })),
    };
  }
}
