import type { ComponentChildren } from 'preact';
import type { ArticleSummary } from '../../articles/article.js';
import type { Crumb } from '../../seo/json-ld.js';
import { archiveSeo } from '../../seo/page-seo.js';
import { ArticleCard, Pagination } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import type { JsonLd, SiteContext } from '../../views/site-context.js';

/** Any paginated listing: category, tag, author, date. */
export function ArchivePage(props: {
  site: SiteContext;
  title: string;
  description?: string;
  /** Path of page 1, e.g. `/category/sport/`. */
  basePath: string;
  page: number;
  pages: number;
  articles: ArticleSummary[];
  activeNavPath?: string;
  /** Shown under the heading: category description, author bio, subsections. */
  intro?: ComponentChildren;
  ogType?: 'website' | 'profile';
  /** Trail below Home for the BreadcrumbList; default this archive alone. */
  breadcrumbs?: Crumb[];
  /** Further structured data, e.g. the author's ProfilePage. */
  jsonLd?: JsonLd[];
}) {
  const { site, page, pages, basePath } = props;
  const { locale } = site;
  const pathFor = (n: number) => (n === 1 ? basePath : `${basePath}page/${n}/`);
  const heading = page > 1 ? `${props.title} — ${locale.t('page', { page })}` : props.title;
  return (
    <Layout
      site={site}
      meta={{
        title: heading,
        description: props.description ?? `${heading}. ${site.description}`,
        canonicalPath: pathFor(page),
        activeNavPath: props.activeNavPath,
        prevPath: page > 1 ? pathFor(page - 1) : undefined,
        nextPath: page < pages ? pathFor(page + 1) : undefined,
        ogType: props.ogType,
        ...archiveSeo(site, props),
      }}
    >
      <header class="archive__header">
        <h1 class="archive__title">{heading}</h1>
        {props.intro}
      </header>
      {props.articles.length ? (
        <div class="archive__list">
          {props.articles.map((a) => (
            <ArticleCard key={a.id} article={a} locale={locale} headingLevel={2} showCategory />
          ))}
        </div>
      ) : (
        <p>{locale.t('noStories')}</p>
      )}
      <Pagination page={page} pages={pages} pathFor={pathFor} locale={locale} />
    </Layout>
  );
}
