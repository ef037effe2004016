import type { ArticleSummary, AuthorRef, ImageRef } from '../articles/article.js';
import type { Locale } from '../i18n/i18n.js';
import { imageSizes } from '../media/responsive-image.js';
import { ResponsivePicture } from '../media/views/responsive-picture.js';

/** URL of a stored media file. */
export function mediaUrl(image: Pick<ImageRef, 'path'>): string {
  return `/media/${image.path}`;
}

export function Time(props: { iso: string; locale: Locale; withTime?: boolean; class?: string }) {
  return (
    <time class={props.class} datetime={props.iso}>
      {props.withTime ? props.locale.formatDateTime(props.iso) : props.locale.formatDate(props.iso)}
    </time>
  );
}

export function AuthorLinks(props: { authors: AuthorRef[]; locale: Locale }) {
  const { authors } = props;
  return (
    <>
      {authors.map((a, i) => (
        <span key={a.id}>
          {i > 0 ? (i === authors.length - 1 ? ` ${props.locale.t('and')} ` : ', ') : null}
          <a rel="author" href={`/author/${a.slug}/`}>
            {a.name}
          </a>
        </span>
      ))}
    </>
  );
}

/** A story teaser used in every listing. `size` picks the lead, standard or compact layout. */
export function ArticleCard(props: {
  article: ArticleSummary;
  locale: Locale;
  size?: 'lead' | 'standard' | 'compact';
  headingLevel?: 2 | 3;
  showDek?: boolean;
  showCategory?: boolean;
}) {
  const { article, locale } = props;
  const size = props.size ?? 'standard';
  const Heading = props.headingLevel === 2 ? 'h2' : 'h3';
  const image = article.image;
  return (
    <article class={`card card--${size}`}>
      {image ? (
        <ResponsivePicture
          class="card__image"
          image={image}
          sizes={size === 'lead' ? imageSizes.lead : imageSizes.card}
          alt=""
          loading={size === 'lead' ? 'eager' : 'lazy'}
        />
      ) : null}
      <div class="card__text">
        {article.primaryCategory && props.showCategory ? (
          <p class="kicker">{article.primaryCategory.name}</p>
        ) : null}
        <Heading
          class="card__title"
          lang={article.lang ?? undefined}
          dir={article.dir ?? undefined}
        >
          <a href={article.path}>{article.title}</a>
        </Heading>
        {props.showDek !== false && article.dek && size !== 'compact' ? (
          <p class="card__dek" lang={article.lang ?? undefined} dir={article.dir ?? undefined}>
            {article.dek}
          </p>
        ) : null}
        <p class="card__meta">
          <Time iso={article.publishedAt} locale={locale} />
        </p>
      </div>
    </article>
  );
}

export function Pagination(props: {
  page: number;
  pages: number;
  pathFor: (page: number) => string;
  locale: Locale;
}) {
  const { page, pages, locale } = props;
  if (pages <= 1) return null;
  const { t } = locale;
  return (
    <nav class="pagination" aria-label={t('pagination')}>
      {page > 1 ? (
        <a class="pagination__newer" rel="prev" href={props.pathFor(page - 1)}>
          ← {t('newer')}
        </a>
      ) : (
        <span />
      )}
      <span class="pagination__status" aria-current="page">
        {t('pageOf', { page, pages })}
      </span>
      {page < pages ? (
        <a class="pagination__older" rel="next" href={props.pathFor(page + 1)}>
          {t('older')} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function SearchBox(props: { locale: Locale; id: string; value?: string }) {
  const { t } = props.locale;
  return (
    <search class="search-box">
      <form action="/search/" method="get">
        <label for={props.id}>{t('searchLabel')}</label>
        <div class="search-box__row">
          <input id={props.id} type="search" name="q" value={props.value} />
          <button type="submit">{t('search')}</button>
        </div>
      </form>
    </search>
  );
}
