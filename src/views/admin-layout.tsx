import type { ComponentChildren } from 'preact';
import type { SiteContext } from './site-context.js';

/** The newsroom's page shell: same stylesheet as the site, its own header, never indexed. */
export function AdminLayout(props: {
  site: SiteContext;
  title: string;
  /** The signed-in person, with the CSRF token for the log-out form. */
  account?: { name: string; csrfToken: string };
  children: ComponentChildren;
}) {
  const { site } = props;
  return (
    <html lang={site.locale.code}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} | ${site.name} Newsroom`}</title>
        <link rel="icon" href={site.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={site.assets.css} />
      </head>
      <body class="admin">
        <a class="skip-link" href="#main">
          {site.locale.t('skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap site-header__inner">
            <a class="site-name" href="/admin/">
              {site.name} <span class="admin__label">Newsroom</span>
            </a>
            {props.account ? (
              <form method="post" action="/admin/logout/" class="admin__logout">
                <input type="hidden" name="_csrf" value={props.account.csrfToken} />
                <span>{props.account.name}</span> <button type="submit">Log out</button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="main" class="wrap site-main" tabIndex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
