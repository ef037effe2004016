import type { PublishedArticle } from '../articles/article.js';
import { ArticleCard, SearchBox } from './components.js';
import { Layout } from './layout.js';
import type { SiteContext } from './site-context.js';

/** Friendly page for 404, 410, 400 and 500: says what happened and offers a way on. */
export function ErrorPage(props: {
  site: SiteContext;
  status: number;
  title: string;
  message: string;
  requestPath: string;
  latest: PublishedArticle[];
}) {
  const { site } = props;
  const { locale } = site;
  return (
    <Layout
      site={site}
      meta={{ title: props.title, canonicalPath: props.requestPath, noindex: true }}
    >
      <section class="error-page">
        <h1>{props.title}</h1>
        <p class="error-page__message">{props.message}</p>
        {props.status === 404 || props.status === 410 ? (
          <SearchBox locale={locale} id="error-search" />
        ) : null}
      </section>
      {props.latest.length ? (
        <section aria-labelledby="error-latest">
          <h2 id="error-latest" class="section-title">
            {locale.t('latestStories')}
          </h2>
          <div class="card-grid">
            {props.latest.map((a) => (
              <ArticleCard key={a.id} article={a} locale={locale} size="compact" />
            ))}
          </div>
        </section>
      ) : null}
    </Layout>
  );
}
