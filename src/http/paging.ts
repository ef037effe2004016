import { notFound } from './app-error.js';

/**
 * Page number from a `/page/N/` URL segment. Anything but a whole number ≥ 2 is a page that does
 * not exist (page 1 lives at the archive's own URL).
 */
export function parsePageSegment(raw: string | undefined): number {
  if (raw === undefined) return 1;
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw notFound('No such page');
  const page = Number(raw);
  if (page < 2) throw notFound('No such page');
  return page;
}

/** Number of pages for `total` items; an empty archive still has its first page. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
