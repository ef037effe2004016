import type { AuthorRef, CategoryRef } from '../articles/article.js';
import type { SearchIndexer } from '../articles/article-service.js';
import { articlePath, periodBounds } from '../articles/permalink.js';
import type { ArticleType } from '../storage/schema.js';
import type { CategoryTree, TaxonomyService } from '../taxonomy/taxonomy-service.js';
import { htmlToText } from '../text/sanitized-html.js';
import { editDistance } from './edit-distance.js';
import { highlight, matcherFor, type Segment, snippet } from './highlight.js';
import { type ParsedQuery, parseQuery } from './query-parser.js';
import { buildDocument, INDEXED_STATUSES, isIndexed, vocabularyOf } from './search-indexing.js';
import type { SearchFilters, SearchRepository, SearchSort } from './search-repository.js';

export interface SearchServiceDeps {
  repository: SearchRepository;
  taxonomy: Pick<TaxonomyService, 'findAuthor'>;
  clock: () => Date;
  /** Site time zone: date filters mean whole local days, permalinks use local dates. */
  timeZone: string;
}

/** What a reader asked for, already validated at the edge. */
export interface SearchRequest {
  q: string;
  page: number;
  perPage: number;
  sort: SearchSort;
  /** Category slug; its subsections are included. */
  category?: string;
  /** Author slug. */
  author?: string;
  /** First day, `YYYY-MM-DD`, inclusive, in the site's time zone. */
  from?: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to?: string;
}

export interface SearchResult {
  id: number;
  type: ArticleType;
  title: string;
  /** The title with matched words marked. */
  titleSegments: Segment[];
  /** Words around the first match in the body (or the dek, or the start), matched words marked. */
  snippet: Segment[];
  dek: string;
  path: string;
  publishedAt: string;
  category: CategoryRef | null;
  authors: AuthorRef[];
  lang: string | null;
  dir: 'ltr' | 'rtl' | null;
}

export interface SearchResults {
  query: ParsedQuery;
  total: number;
  page: number;
  pages: number;
  perPage: number;
  results: SearchResult[];
  /** A query with a near-miss word corrected that does find published results. */
  suggestion: string | null;
}

export type ReindexProgress = (done: number, total: number) => void;

/** Words longer than this get up to two corrections in "did you mean"; shorter ones one. */
const TWO_EDITS_FROM = 6;
const MAX_SUGGESTION_TERMS = 6;

/**
 * Full-text search over published articles, and the `SearchIndexer` that keeps its index current
 * (ArticleService calls it after every write).
 */
export class SearchService implements SearchIndexer {
  constructor(private readonly deps: SearchServiceDeps) {}

  /** Re-reads one article and indexes it, or drops it from the index when it is not indexable. */
  async articleChanged(id: number): Promise<void> {
    const [source] = await this.deps.repository.indexSources([id]);
    if (source && isIndexed(source.status)) {
      await this.deps.repository.write([buildDocument(source)], []);
      await this.deps.repository.addTerms(vocabularyOf([source]));
    } else {
      await this.deps.repository.write([], [id]);
    }
  }

  /**
   * Rebuilds the whole index in batches of `batchSize` (default 500: big enough to amortise
   * transactions, small enough that readers and writers are not blocked for long). Search keeps
   * working throughout: documents are replaced in place, then leftovers are pruned.
   */
  async reindex(progress?: ReindexProgress, batchSize = 500): Promise<{ indexed: number }> {
    const { repository } = this.deps;
    const total = await repository.countArticles();
    await repository.clearTerms();
    let afterId = 0;
    let done = 0;
    let indexed = 0;
    progress?.(0, total);
    for (;;) {
      const sources = await repository.indexSourcesAfter(afterId, batchSize);
      if (sources.length === 0) break;
      afterId = sources[sources.length - 1]!.id;
      const keep = sources.filter((s) => isIndexed(s.status));
      await repository.write(
        keep.map(buildDocument),
        sources.filter((s) => !isIndexed(s.status)).map((s) => s.id),
      );
      await repository.addTerms(vocabularyOf(keep));
      indexed += keep.length;
      done += sources.length;
      progress?.(Math.min(done, total), total);
    }
    await repository.prune(INDEXED_STATUSES);
    await repository.optimize();
    return { indexed };
  }

  /** Resolves filters to ids and bounds; `undefined` when a filter names nothing (no results). */
  private async filters(request: SearchRequest, tree: CategoryTree) {
    const filters: SearchFilters = { publishedBefore: this.deps.clock().toISOString() };
    if (request.category) {
      const category = tree.bySlug.get(request.category);
      if (!category) return undefined;
      filters.categoryIds = tree.descendantIds(category.id);
    }
    if (request.author) {
      const author = await this.deps.taxonomy.findAuthor(request.author);
      if (!author) return undefined;
      filters.authorId = author.id;
    }
    if (request.from) filters.publishedFrom = this.dayBounds(request.from).from;
    if (request.to) filters.publishedTo = this.dayBounds(request.to).to;
    return filters;
  }

  private dayBounds(day: string) {
    const [y, m, d] = day.split('-').map(Number);
    return periodBounds(this.deps.timeZone, y!, m!, d!);
  }

  /** One page of results for what the reader typed, with highlights and a "did you mean". */
  async search(request: SearchRequest, tree: CategoryTree): Promise<SearchResults> {
    const query = parseQuery(request.q);
    const empty: SearchResults = {
      query,
      total: 0,
      page: request.page,
      pages: 0,
      perPage: request.perPage,
      results: [],
      suggestion: null,
    };
    if (query.clauses.length === 0) return empty;
    const filters = await this.filters(request, tree);
    if (!filters) return empty;
    const { repository } = this.deps;
    const total = await repository.count({ ...filters, query });
    if (total === 0) {
      return { ...empty, suggestion: await this.suggest(query, filters) };
    }
    const offset = (request.page - 1) * request.perPage;
    const rows =
      offset < total
        ? await repository.search({
            ...filters,
            query,
            sort: request.sort,
            limit: request.perPage,
            offset,
          })
        : [];
    const matches = matcherFor(query);
    const results = rows.map((r): SearchResult => {
      const category =
        r.primaryCategoryId !== null ? tree.byId.get(r.primaryCategoryId) : undefined;
      const body = htmlToText(r.bodyHtml);
      const bodySnippet = snippet(body, matches);
      const dekSnippet = r.dek ? snippet(r.dek, matches) : [];
      return {
        id: r.id,
        type: r.type,
        title: r.title,
        titleSegments: highlight(r.title, matches),
        snippet: bodySnippet.some((s) => s.mark) || !dekSnippet.length ? bodySnippet : dekSnippet,
        dek: r.dek,
        path: articlePath(r, this.deps.timeZone),
        publishedAt: r.publishedAt,
        category: category
          ? {
              id: category.id,
              slug: category.slug,
              name: category.name,
              parentId: category.parentId,
            }
          : null,
        authors: r.authors,
        lang: r.lang,
        dir: r.dir,
      };
    });
    return {
      query,
      total,
      page: request.page,
      pages: Math.ceil(total / request.perPage),
      perPage: request.perPage,
      results,
      suggestion: null,
    };
  }

  /**
   * A corrected query for a search with no results: each single word is swapped for the closest
   * known title or tag word (one edit, two for longer words) and the correction is kept only if it
   * finds published results under the same filters, so drafts never leak through suggestions.
   */
  private async suggest(query: ParsedQuery, filters: SearchFilters): Promise<string | null> {
    const display: string[] = [];
    const corrected: ParsedQuery = { clauses: [] };
    let changed = false;
    for (const [i, clause] of query.clauses.entries()) {
      const word = clause.tokens[0]!;
      const replacement =
        clause.tokens.length === 1 && i < MAX_SUGGESTION_TERMS
          ? await this.closestTerm(word, clause.prefix)
          : undefined;
      if (replacement) {
        changed = true;
        display.push(replacement.display);
        corrected.clauses.push({ tokens: [replacement.term], prefix: false });
      } else {
        display.push(clause.tokens.length > 1 ? `"${clause.tokens.join(' ')}"` : word);
        corrected.clauses.push({ ...clause });
      }
    }
    if (!changed) return null;
    const total = await this.deps.repository.count({ ...filters, query: corrected });
    return total > 0 ? display.join(' ') : null;
  }

  private async closestTerm(word: string, prefix: boolean) {
    const length = [...word].length;
    if (length < 3) return undefined;
    const max = length >= TWO_EDITS_FROM ? 2 : 1;
    const candidates = await this.deps.repository.termsStartingWith([...word][0]!);
    let best: { term: string; display: string; distance: number } | undefined;
    for (const c of candidates) {
      if (c.term === word || (prefix && c.term.startsWith(word))) return undefined;
      const distance = editDistance(word, c.term, max);
      if (distance <= max && (!best || distance < best.distance)) best = { ...c, distance };
    }
    return best;
  }
}
