import { notFound } from './app-error.js';

/**
 * Page number from a `/page/N/` URL segment: a whole number from 1 (up to six digits). Anything
 * else is a page that does not exist. Page 1 parses, but it lives at the listing's own URL, so
 * routes answer `/page/1/` with a 301 there (as WordPress does): see `pagePath`.
 */
export function parsePageSegment(raw: string | undefined): number {
  if (raw === undefined) return 1;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw notFound('No such page');
  return Number(raw);
}

/** Canonical path of page `page` of the listing at `basePath` (which ends in `/`). */
export function pagePath(basePath: string, page: number): string {
  return page === 1 ? basePath : `${basePath}page/${page}/`;
}

/** Number of pages for `total` items; an empty archive still has its first page. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
