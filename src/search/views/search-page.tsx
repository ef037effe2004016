import type { AuthorRef } from '../../articles/article.js';
import type { Locale } from '../../i18n/i18n.js';
import type { Category } from '../../taxonomy/taxonomy.js';
import { Time } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import type { SiteContext } from '../../views/site-context.js';
import type { Segment } from '../highlight.js';
import type { SearchResult, SearchResults } from '../search-service.js';

/** The form's current values, echoed back (escaped by the renderer like all text). */
export interface SearchForm {
  q: string;
  category: string;
  author: string;
  from: string;
  to: string;
  sort: 'relevance' | 'newest';
}

/** Text with matched words in `<mark>`: every run is rendered as text, never as HTML. */
export function Highlighted(props: { segments: Segment[] }) {
  return <>{props.segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

/** `/search/?q=...` with the current form values and `page`. */
export function searchPath(form: SearchForm, page: number): string {
  const params = new URLSearchParams();
  if (form.q) params.set('q', form.q);
  for (const key of ['category', 'author', 'from', 'to'] as const) {
    if (form[key]) params.set(key, form[key]);
  }
  if (form.sort !== 'relevance') params.set('sort', form.sort);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/search/?${query}` : '/search/';
}

function ResultItem(props: { result: SearchResult; locale: Locale }) {
  const { result: r, locale } = props;
  return (
    <li class="search-result">
      <article>
        {r.category ? <p class="kicker">{r.category.name}</p> : null}
        <h2 class="card__title" lang={r.lang ?? undefined} dir={r.dir ?? undefined}>
          <a href={r.path}>
            <Highlighted segments={r.titleSegments} />
          </a>
        </h2>
        {r.snippet.length ? (
          <p class="card__dek" lang={r.lang ?? undefined} dir={r.dir ?? undefined}>
            <Highlighted segments={r.snippet} />
          </p>
        ) : null}
        <p class="card__meta">
          <Time iso={r.publishedAt} locale={locale} />
          {r.authors.length ? ` · ${r.authors.map((a) => a.name).join(', ')}` : null}
        </p>
      </article>
    </li>
  );
}

/** The search page: form with filters, result count, highlighted results, paging, "did you mean". */
export function SearchPage(props: {
  site: SiteContext;
  form: SearchForm;
  results: SearchResults;
  categories: Category[];
  authors: Pick<AuthorRef, 'slug' | 'name'>[];
}) {
  const { site, form, results, categories, authors } = props;
  const { locale } = site;
  const { t } = locale;
  const searched = results.query.clauses.length > 0;
  const filtered = Boolean(
    form.category || form.author || form.from || form.to || form.sort !== 'relevance',
  );
  const heading = searched ? t('searchResultsFor', { query: form.q.trim() }) : t('searchHeading');
  const count =
    results.total === 1
      ? t('searchResultCountOne')
      : t('searchResultCount', { count: results.total });
  return (
    <Layout
      site={site}
      meta={{
        title: results.page > 1 ? `${heading} — ${t('page', { page: results.page })}` : heading,
        canonicalPath: '/search/',
        noindex: true,
      }}
    >
      <header class="archive__header">
        <h1 class="archive__title">{heading}</h1>
      </header>
      <search class="search-box" aria-label={t('searchHeading')}>
        <form action="/search/" method="get">
          <div class="field">
            <label for="search-q">{t('searchQueryLabel')}</label>
            <div class="search-box__row">
              <input id="search-q" type="search" name="q" value={form.q} maxLength={500} />
              <button type="submit">{t('search')}</button>
            </div>
          </div>
          {/* Closed unless a filter is in use; <details> needs no JavaScript. */}
          <details class="search-filters" open={filtered}>
            <summary>{t('searchRefine')}</summary>
            <div class="field">
              <label for="search-category">{t('searchSection')}</label>
              <select id="search-category" name="category">
                <option value="">{t('searchAnySection')}</option>
                {categories.map((c) => (
                  <option key={c.slug} value={c.slug} selected={form.category === c.slug}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="search-author">{t('searchAuthor')}</label>
              <select id="search-author" name="author">
                <option value="">{t('searchAnyAuthor')}</option>
                {authors.map((a) => (
                  <option key={a.slug} value={a.slug} selected={form.author === a.slug}>
                    {a.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="search-from">{t('searchFrom')}</label>
              <input id="search-from" type="date" name="from" value={form.from} />
            </div>
            <div class="field">
              <label for="search-to">{t('searchTo')}</label>
              <input id="search-to" type="date" name="to" value={form.to} />
            </div>
            <div class="field">
              <label for="search-sort">{t('searchSort')}</label>
              <select id="search-sort" name="sort">
                <option value="relevance" selected={form.sort === 'relevance'}>
                  {t('searchSortRelevance')}
                </option>
                <option value="newest" selected={form.sort === 'newest'}>
                  {t('searchSortNewest')}
                </option>
              </select>
            </div>
            <button type="submit">{t('searchApply')}</button>
          </details>
        </form>
      </search>
      {!searched ? (
        <p class="search-prompt">{t('searchEmptyPrompt')}</p>
      ) : results.total === 0 ? (
        <section class="search-empty">
          <p>{t('searchNoResults', { query: form.q.trim() })}</p>
          {results.suggestion ? (
            <p class="search-suggestion">
              {t('searchDidYouMean')}{' '}
              <a href={searchPath({ ...form, q: results.suggestion }, 1)}>{results.suggestion}</a>?
            </p>
          ) : null}
          <p>{t('searchTips')}</p>
        </section>
      ) : (
        <>
          <p class="search-count">{count}</p>
          <ol class="search-results archive__list" aria-label={t('searchResultsList')}>
            {results.results.map((r) => (
              <ResultItem key={r.id} result={r} locale={locale} />
            ))}
          </ol>
          {results.pages > 1 ? (
            <nav class="pagination" aria-label={t('pagination')}>
              {results.page > 1 ? (
                <a rel="prev" href={searchPath(form, results.page - 1)}>
                  ← {t('searchPrevious')}
                </a>
              ) : (
                <span />
              )}
              <span class="pagination__status">
                {t('pageOf', { page: results.page, pages: results.pages })}
              </span>
              {results.page < results.pages ? (
                <a rel="next" href={searchPath(form, results.page + 1)}>
                  {t('searchNext')} →
                </a>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </>
      )}
    </Layout>
  );
}
