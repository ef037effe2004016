import type { Account } from '../../accounts/account.js';
import { AdminLayout } from '../../views/admin-layout.js';
import type { SiteContext } from '../../views/site-context.js';
import type { NewsroomArticle } from '../newsroom.js';

export interface ListFilterValues {
  status: string;
  author: string;
  category: string;
  from: string;
  to: string;
  q: string;
}

export interface ArticleListPageProps {
  site: SiteContext;
  account: Account;
  csrfToken: string;
  styles: string[];
  filters: ListFilterValues;
  items: NewsroomArticle[];
  total: number;
  page: number;
  pages: number;
  authors: { id: number; name: string }[];
  categories: { id: number; name: string }[];
  notice?: string | undefined;
  /** The current query string (without `page`), for paging links and returning after bulk. */
  query: string;
}

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Draft',
  pending: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
  trash: 'Trash',
};

const dateTime = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

/** `/admin/articles/`: every article the signed-in person may see, filtered, with bulk actions. */
export function ArticleListPage(props: ArticleListPageProps) {
  const { filters: f } = props;
  const categoryName = new Map(props.categories.map((c) => [c.id, c.name]));
  const pageHref = (n: number) =>
    `/admin/articles/?${props.query}${props.query ? '&' : ''}page=${n}`;
  return (
    <AdminLayout
      site={props.site}
      title="Articles"
      account={{ ...props.account, csrfToken: props.csrfToken }}
      section="/admin/articles/"
      styles={props.styles}
    >
      <div class="articles-head">
        <h1>Articles</h1>
        <a class="button" href="/admin/articles/new/">
          New article
        </a>
      </div>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <search>
        <form method="get" action="/admin/articles/" class="article-filters">
          <p class="field">
            <label for="filter-q">Search headlines</label>
            <input id="filter-q" type="search" name="q" value={f.q} maxLength={200} />
          </p>
          <p class="field">
            <label for="filter-status">Status</label>
            <select id="filter-status" name="status">
              <option value="">Any status</option>
              {Object.entries(STATUS_LABELS).map(([value, label]) => (
                <option value={value} selected={f.status === value} key={value}>
                  {label}
                </option>
              ))}
            </select>
          </p>
          <p class="field">
            <label for="filter-author">Author</label>
            <select id="filter-author" name="author">
              <option value="">Any author</option>
              {props.authors.map((a) => (
                <option value={String(a.id)} selected={f.author === String(a.id)} key={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </p>
          <p class="field">
            <label for="filter-category">Category</label>
            <select id="filter-category" name="category">
              <option value="">Any category</option>
              {props.categories.map((c) => (
                <option value={String(c.id)} selected={f.category === String(c.id)} key={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </p>
          <p class="field">
            <label for="filter-from">Updated from</label>
            <input id="filter-from" type="date" name="from" value={f.from} />
          </p>
          <p class="field">
            <label for="filter-to">Updated until</label>
            <input id="filter-to" type="date" name="to" value={f.to} />
          </p>
          <p class="article-filters__submit">
            <button type="submit">Filter</button> <a href="/admin/articles/">Clear filters</a>
          </p>
        </form>
      </search>
      <form method="post" action="/admin/articles/bulk/" class="article-bulk">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <input type="hidden" name="return" value={props.query} />
        <p class="article-bulk__bar">
          <label for="bulk-action">With the selected articles</label>{' '}
          <select id="bulk-action" name="action">
            <option value="publish">Publish</option>
            <option value="unpublish">Unpublish</option>
            <option value="trash">Move to trash</option>
          </select>{' '}
          <button type="submit">Apply</button>
        </p>
        <p id="article-count">
          {props.total === 1 ? '1 article' : `${props.total} articles`}
          {props.pages > 1 ? `, page ${props.page} of ${props.pages}` : ''}
        </p>
        {props.items.length ? (
          <table class="article-table" aria-describedby="article-count">
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">Select</span>
                </th>
                <th scope="col">Headline</th>
                <th scope="col">Status</th>
                <th scope="col">Authors</th>
                <th scope="col">Category</th>
                <th scope="col">Published</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <input
                      type="checkbox"
                      name="ids"
                      value={String(a.id)}
                      id={`select-${a.id}`}
                      aria-label={`Select “${a.headline}”`}
                    />
                  </td>
                  <th scope="row">
                    <a href={`/admin/articles/${a.id}/edit/`}>{a.headline}</a>
                  </th>
                  <td>
                    <span class={`status status--${a.status}`}>
                      {STATUS_LABELS[a.status] ?? a.status}
                    </span>
                  </td>
                  <td>{a.authors.map((x) => x.name).join(', ')}</td>
                  <td>
                    {a.primaryCategoryId ? (categoryName.get(a.primaryCategoryId) ?? '—') : '—'}
                  </td>
                  <td>{dateTime(a.publishedAt)}</td>
                  <td>{dateTime(a.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No articles match these filters.</p>
        )}
      </form>
      {props.pages > 1 ? (
        <nav class="pagination" aria-label="Pages of articles">
          {props.page > 1 ? (
            <a href={pageHref(props.page - 1)} rel="prev">
              Previous page
            </a>
          ) : null}{' '}
          {props.page < props.pages ? (
            <a href={pageHref(props.page + 1)} rel="next">
              Next page
            </a>
          ) : null}
        </nav>
      ) : null}
    </AdminLayout>
  );
}
