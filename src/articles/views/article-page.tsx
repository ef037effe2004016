import type { Discussion } from '../../comments/comment-service.js';
import {
  type CommentAssets,
  type CommentFormValues,
  CommentsSection,
} from '../../comments/views/comments-section.js';
import { imageSizes } from '../../media/responsive-image.js';
import { ResponsivePicture } from '../../media/views/responsive-picture.js';
import { CorrectionsSection } from '../../newsroom/views/corrections-section.js';
import { articleSeo, type Translation } from '../../seo/page-seo.js';
import { readingMinutes } from '../../text/sanitized-html.js';
import { ArticleCard, AuthorLinks, mediaUrl, Time } from '../../views/components.js';
import { Layout } from '../../views/layout.js';
import { RawHtml } from '../../views/raw-html.js';
import type { SiteContext } from '../../views/site-context.js';
import type { ArticleSummary, ArticleWithDetails } from '../article.js';

export interface ArticlePageProps {
  site: SiteContext;
  article: ArticleWithDetails;
  categoryPath: string | null;
  moreFrom: ArticleSummary[];
  discussion: Discussion;
  commentAssets: CommentAssets;
  /** The click-to-load embeds island, included only when the body has an embed. */
  embedScript: string;
  /** Remembered commenter details; only ever on a private (uncached) response. */
  commentValues?: CommentFormValues | undefined;
  /** Other language versions of this article (hreflang); none until translations exist. */
  translations?: Translation[];
}

/** Differs enough from publication to tell readers the story changed (not a typo fix a minute later). */
function wasUpdated(a: ArticleWithDetails): boolean {
  return Date.parse(a.updatedAt) - Date.parse(a.publishedAt) > 5 * 60_000;
}

export function ArticlePage(props: ArticlePageProps) {
  const { site, article, categoryPath } = props;
  const { locale } = site;
  const { t } = locale;
  const category = article.primaryCategory;
  const image = article.image;
  // Bylines, dates and tags are in the site's language; inside an article in another language
  // (say Arabic, right to left) they keep their own language and direction.
  const uiLang = article.lang && article.lang !== locale.code ? locale.code : undefined;
  return (
    <Layout
      site={site}
      meta={{
        title: article.seoTitle || article.title,
        description: article.seoDescription || article.dek || article.excerpt,
        canonicalPath: article.path,
        activeNavPath: categoryPath ?? undefined,
        ogType: 'article',
        image: image
          ? {
              url: `${site.url}${mediaUrl(image)}`,
              width: image.width,
              height: image.height,
              alt: image.alt,
            }
          : undefined,
        ...articleSeo(site, article, categoryPath, props.translations),
      }}
    >
      <article class="story" lang={article.lang ?? undefined} dir={article.dir ?? undefined}>
        <header class="story__header">
          {category && categoryPath ? (
            <p class="kicker">
              <a href={categoryPath} lang={uiLang}>
                {category.name}
              </a>
            </p>
          ) : null}
          <h1 class="story__title">{article.title}</h1>
          {article.dek ? <p class="story__dek">{article.dek}</p> : null}
          <div class="story__meta">
            {article.authors.length ? (
              <p class="byline">
                <span lang={uiLang} dir="auto">
                  {t('by')} <AuthorLinks authors={article.authors} locale={locale} />
                </span>
              </p>
            ) : null}
            <p class="dateline">
              <span lang={uiLang} dir="auto">
                <span class="visually-hidden">{t('published')}: </span>
                <Time iso={article.publishedAt} locale={locale} withTime />
                {wasUpdated(article) ? (
                  <>
                    {' · '}
                    {t('updated')} <Time iso={article.updatedAt} locale={locale} withTime />
                  </>
                ) : null}
                {' · '}
                {t('readingTime', { minutes: readingMinutes(article.bodyHtml) })}
              </span>
            </p>
          </div>
        </header>
        {image ? (
          <figure class="story__figure">
            <ResponsivePicture
              image={image}
              sizes={imageSizes.story}
              alt={image.alt}
              fetchpriority="high"
            />
            {image.caption || image.credit ? (
              <figcaption>
                {image.caption}
                {image.credit ? <span class="credit"> {image.credit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        <RawHtml class="story__body prose" html={article.bodyHtml} />
        {article.bodyHtml.includes(' data-embed="') ? (
          <script type="module" src={props.embedScript} />
        ) : null}
        <CorrectionsSection corrections={article.corrections ?? []} locale={locale} />
        {article.tags.length ? (
          <footer class="story__footer" lang={uiLang}>
            <h2 class="visually-hidden">{t('tags')}</h2>
            <ul class="tag-list">
              {article.tags.map((tag) => (
                <li key={tag.id}>
                  <a rel="tag" href={`/tag/${tag.slug}/`}>
                    {tag.name}
                  </a>
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
      </article>
      {category && categoryPath && props.moreFrom.length ? (
        <section class="more-from" aria-labelledby="more-from-title">
          <h2 id="more-from-title" class="section-title">
            {t('moreFrom', { category: category.name })}
          </h2>
          <div class="card-grid">
            {props.moreFrom.map((a) => (
              <ArticleCard key={a.id} article={a} locale={locale} size="compact" />
            ))}
          </div>
          <p class="more-link">
            <a href={categoryPath}>{t('morePostsIn', { category: category.name })} »</a>
          </p>
        </section>
      ) : null}
      <CommentsSection
        discussion={props.discussion}
        assets={props.commentAssets}
        values={props.commentValues}
        locale={locale}
      />
    </Layout>
  );
}
