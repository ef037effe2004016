import type { ComponentChildren } from 'preact';
import { type Capability, can } from '../accounts/roles.js';
import type { SiteContext } from './site-context.js';

/** The newsroom's screens, each shown in the navigation only to roles that may use it. */
const adminNav: { href: string; label: string; capability?: Capability }[] = [
  { href: '/admin/', label: 'Dashboard' },
  { href: '/admin/articles/', label: 'Articles', capability: 'write_drafts' },
  { href: '/admin/media/', label: 'Media', capability: 'write_drafts' },
  { href: '/admin/comments/', label: 'Comments', capability: 'moderate_comments' },
  { href: '/admin/categories/', label: 'Categories', capability: 'manage_taxonomy' },
  { href: '/admin/tags/', label: 'Tags', capability: 'manage_taxonomy' },
  { href: '/admin/users/', label: 'Users', capability: 'manage_users' },
  { href: '/admin/settings/', label: 'Settings', capability: 'manage_settings' },
  { href: '/admin/profile/', label: 'Your profile' },
];

/** The newsroom's page shell: same stylesheet as the site, its own header, never indexed. */
export function AdminLayout(props: {
  site: SiteContext;
  title: string;
  /** The signed-in person, with the CSRF token for the log-out form (and role for the menu). */
  account?: { name: string; csrfToken: string; role?: string };
  /** The navigation entry of this screen (`/admin/comments/`), marked as current. */
  section?: string;
  /** Extra stylesheets of this screen (fingerprinted URLs). */
  styles?: string[];
  /** Module scripts of this screen (external files only: strict CSP). */
  scripts?: string[];
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
        {props.styles?.map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {props.scripts?.map((src) => (
          <script type="module" src={src} key={src} />
        ))}
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
        {props.account?.role ? (
          <nav class="admin-nav wrap" aria-label="Newsroom">
            <ul>
              {adminNav
                .filter((item) => !item.capability || can(props.account!.role!, item.capability))
                .map((item) => (
                  <li key={item.href}>
                    <a
                      href={item.href}
                      aria-current={item.href === props.section ? 'page' : undefined}
                    >
                      {item.label}
                    </a>
                  </li>
                ))}
            </ul>
          </nav>
        ) : null}
        <main id="main" class="wrap site-main" tabIndex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}
