import type { ArticleSummary } from '../../articles/article.js';
import { homeSeo } from '../../seo/page-seo.js';
import { ArticleCard } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import type { SiteContext } from '../../views/site-context.js';

export interface HomeSection {
  name: string;
  path: string;
  articles: ArticleSummary[];
}

export function HomePage(props: {
  site: SiteContext;
  lead: ArticleSummary | undefined;
  latest: ArticleSummary[];
  sections: HomeSection[];
}) {
  const { site, lead } = props;
  const { locale } = site;
  const { t } = locale;
  return (
    <Layout
      site={site}
      meta={{
        title: site.name,
        description: site.description,
        canonicalPath: '/',
        ...homeSeo(site),
      }}
    >
      <h1 class="visually-hidden">{site.name}</h1>
      <div class="front">
        {lead ? (
          <section class="front__lead" aria-labelledby="lead-title">
            <h2 id="lead-title" class="visually-hidden">
              {t('leadStory')}
            </h2>
            <ArticleCard article={lead} locale={locale} size="lead" showCategory />
          </section>
        ) : (
          <p>{t('noStories')}</p>
        )}
        {props.latest.length ? (
          <section class="front__latest" aria-labelledby="latest-title">
            <h2 id="latest-title" class="section-title">
              {t('latestStories')}
            </h2>
            <div class="stack">
              {props.latest.map((a) => (
                <ArticleCard key={a.id} article={a} locale={locale} size="compact" showCategory />
              ))}
            </div>
          </section>
        ) : null}
      </div>
      {props.sections.map((section, i) =>
        section.articles.length ? (
          <section class="front-section" key={section.path} aria-labelledby={`section-${i}`}>
            <h2 id={`section-${i}`} class="section-title">
              <a href={section.path}>{section.name}</a>
            </h2>
            <div class="card-grid">
              {section.articles.map((a) => (
                <ArticleCard key={a.id} article={a} locale={locale} />
              ))}
            </div>
            <p class="more-link">
              <a href={section.path}>{t('moreIn', { category: section.name })} »</a>
            </p>
          </section>
        ) : null,
      )}
    </Layout>
  );
}
