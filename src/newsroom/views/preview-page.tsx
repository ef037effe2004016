import type { SanitizedHtml } from '../../text/sanitized-html.js';
import { Layout } from '../../views/layout.js';
import { RawHtml } from '../../views/raw-html.js';
import type { SiteContext } from '../../views/site-context.js';
import type { NewsroomArticle } from '../newsroom.js';

/** `/preview/<token>/`: an unpublished article for staff and embargo partners; never indexed. */
export function PreviewPage(props: { site: SiteContext; article: NewsroomArticle; path: string }) {
  const { site, article } = props;
  const { t } = site.locale;
  return (
    <Layout
      site={site}
      meta={{
        title: article.seoTitle || article.headline,
        canonicalPath: props.path,
        noindex: true,
      }}
    >
      <p class="notice" role="status">
        {t('previewNotice')}
      </p>
      <article class="story" lang={article.lang ?? undefined} dir={article.dir ?? undefined}>
        <header class="story__header">
          <h1 class="story__title">{article.headline}</h1>
          {article.dek ? <p class="story__dek">{article.dek}</p> : null}
          {article.authors.length ? (
            <p class="story__byline">
              {t('by')} {article.authors.map((a) => a.name).join(', ')}
            </p>
          ) : null}
        </header>
        <RawHtml class="story__body prose" html={article.bodyHtml as SanitizedHtml} />
      </article>
    </Layout>
  );
}
