import type { ComponentChildren } from 'preact';
import { SeoHead } from '../seo/seo-head.js';
import type { PageMeta, SiteContext } from './site-context.js';

/** The page shell shared by every reader page: skip link, header, navigation, main, footer. */
export function Layout(props: { site: SiteContext; meta: PageMeta; children: ComponentChildren }) {
  const { site, meta } = props;
  const { t } = site.locale;
  const title = meta.title === site.name ? site.name : `${meta.title} | ${site.name}`;
  const canonical = `${site.url}${meta.canonicalPath}`;
  return (
    <html lang={site.locale.code}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        <link rel="canonical" href={canonical} />
        {meta.prevPath ? <link rel="prev" href={`${site.url}${meta.prevPath}`} /> : null}
        {meta.nextPath ? <link rel="next" href={`${site.url}${meta.nextPath}`} /> : null}
        {meta.noindex || site.noindex ? <meta name="robots" content="noindex" /> : null}
        <meta name="color-scheme" content="light dark" />
        <meta property="og:site_name" content={site.name} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:type" content={meta.ogType ?? 'website'} />
        <meta property="og:url" content={canonical} />
        {meta.description ? <meta property="og:description" content={meta.description} /> : null}
        {meta.image ? <meta property="og:image" content={meta.image.url} /> : null}
        {meta.image ? <meta property="og:image:width" content={String(meta.image.width)} /> : null}
        {meta.image ? (
          <meta property="og:image:height" content={String(meta.image.height)} />
        ) : null}
        {meta.image ? <meta property="og:image:alt" content={meta.image.alt} /> : null}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <SeoHead site={site} meta={meta} />
        <link rel="icon" href={site.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={site.assets.css} />
        <link rel="stylesheet" href={site.assets.printCss} media="print" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            <a class="site-name" href="/">
              {site.name}
            </a>
            <search class="site-search">
              <form action="/search/" method="get">
                <label class="visually-hidden" for="site-search-q">
                  {t('searchLabel')}
                </label>
                <input
                  id="site-search-q"
                  type="search"
                  name="q"
                  placeholder={t('searchPlaceholder')}
                />
                <button type="submit">{t('search')}</button>
              </form>
            </search>
          </div>
          <nav class="site-nav" aria-label={t('mainNavigation')}>
            <ul class="wrap site-nav__list">
              {site.nav.map((item) => (
                <li key={item.path}>
                  <a
                    href={item.path}
                    aria-current={meta.activeNavPath === item.path ? 'page' : undefined}
                  >
                    {item.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap site-main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap site-footer__inner">
            <p class="site-footer__name">{site.name}</p>
            <nav aria-label={t('footerSections')}>
              <ul class="site-footer__links">
                {site.nav.map((item) => (
                  <li key={item.path}>
                    <a href={item.path}>{item.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
            <p class="site-footer__small">
              © {new Date().getUTCFullYear()} {site.name}. {t('allRightsReserved')}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
