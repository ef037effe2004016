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
  /** Setting `discourageSearchEngines`: every page says noindex. */
  noindex?: boolean;
}

/** A feed autodiscovery link (`<link rel="alternate" type=…>`). */
export interface FeedLink {
  type: string;
  title: string;
  href: string;
}

/** A JSON-LD block (schema.org); see `src/seo/json-ld.ts` for the builders. */
export type JsonLd = Record<string, unknown>;

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
  /** Feeds of this page, after the site feed every page advertises. */
  feeds?: FeedLink[];
  /** Structured data for search engines. */
  jsonLd?: JsonLd[];
  /** Open Graph article properties (ISO times). */
  article?: { publishedTime: string; modifiedTime: string; section?: string; tags?: string[] };
  /** Language versions of this page, itself included (hreflang); empty or absent when none. */
  alternates?: { hreflang: string; href: string }[];
}
