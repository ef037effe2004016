import { Layout } from '../../views/layout.js';
import { RawHtml } from '../../views/raw-html.js';
import type { SiteContext } from '../../views/site-context.js';
import type { ArticleWithDetails } from '../article.js';

/** A static page such as About or Contact. */
export function StaticPage(props: { site: SiteContext; page: ArticleWithDetails }) {
  const { page, site } = props;
  return (
    <Layout
      site={site}
      meta={{
        title: page.seoTitle || page.title,
        description: page.seoDescription || page.excerpt,
        canonicalPath: page.path,
      }}
    >
      <article class="story story--page" lang={page.lang ?? undefined} dir={page.dir ?? undefined}>
        <header class="story__header">
          <h1 class="story__title">{page.title}</h1>
          {page.dek ? <p class="story__dek">{page.dek}</p> : null}
        </header>
        <RawHtml class="story__body prose" html={page.bodyHtml} />
      </article>
    </Layout>
  );
}
