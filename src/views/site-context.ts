import type { Locale } from '../i18n/i18n.js';

export interface NavItem {
  name: string;
  path: string;
}

/** What every page's layout needs to know about the site. */
export interface SiteContext {
  name: string;
  description: string;
  /** Absolute origin, no trailing slash. */
  url: string;
  locale: Locale;
  nav: NavItem[];
  /** Fingerprinted stylesheet URLs. */
  assets: { css: string; printCss: string; icon: string };
}

/** Per-page head data. */
export interface PageMeta {
  title: string;
  description?: string;
  /** Site-relative canonical path. */
  canonicalPath: string;
  /** Site-relative path of the section highlighted in the navigation. */
  activeNavPath?: string;
  prevPath?: string;
  nextPath?: string;
  noindex?: boolean;
  ogType?: 'website' | 'article' | 'profile';
  image?: { url: string; width: number; height: number; alt: string };
}
