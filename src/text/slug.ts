import slugify from '@sindresorhus/slugify';

/** Path segments that belong to the site's own routes and so can never be a page or article slug. */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'assets',
  'author',
  'category',
  'comments',
  'feed',
  'media',
  'page',
  'search',
  'sitemap',
  'tag',
  'wp-admin',
  'wp-content',
  'wp-json',
  'robots',
  'healthz',
  'readyz',
  'metrics',
  'corrections',
  'preview',
  'archives',
]);

export const MAX_SLUG_LENGTH = 120;

// Apostrophes join words ("Türkiye'nin" is one word); German-style ü→ue would misspell Turkish names,
// so umlauts fold to their base letter as WordPress does.
const replacements: [string, string][] = [
  ["'", ''],
  ['’', ''],
  ['ʼ', ''],
  ['ü', 'u'],
  ['Ü', 'U'],
  ['ö', 'o'],
  ['Ö', 'O'],
  ['ä', 'a'],
  ['Ä', 'A'],
];

/**
 * Turns a headline or name into an ASCII URL slug: `Türkiye'nin İstanbul planı` →
 * `turkiyenin-istanbul-plani`. Scripts without a Latin transliteration still give a readable
 * fallback; an empty result becomes `fallback` (default `untitled`). Trimmed to MAX_SLUG_LENGTH at a
 * word boundary.
 */
export function toSlug(text: string, fallback = 'untitled'): string {
  let slug = slugify(text, { customReplacements: replacements });
  if (slug.length > MAX_SLUG_LENGTH) {
    slug = slug.slice(0, MAX_SLUG_LENGTH);
    const cut = slug.lastIndexOf('-');
    if (cut > MAX_SLUG_LENGTH / 2) slug = slug.slice(0, cut);
  }
  slug = slug.replace(/-+$/, '');
  if (!slug || /^\d+$/.test(slug)) return slug ? `${fallback}-${slug}` : fallback;
  return slug;
}

/**
 * Makes `base` unique by appending `-2`, `-3`, ... until `isTaken` says no. Reserved route names are
 * always taken.
 */
export async function uniqueSlug(
  base: string,
  isTaken: (slug: string) => Promise<boolean>,
): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!RESERVED_SLUGS.has(candidate) && !(await isTaken(candidate))) return candidate;
  }
}
