import { LRUCache } from 'lru-cache';

/**
 * Formatters per time zone: building an Intl.DateTimeFormat costs far more than using one (it was
 * a seventh of an uncached article page's CPU when made per call).
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const localFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let formatter = cache.get(timeZone);
  if (formatter === undefined) {
    formatter = make();
    cache.set(timeZone, formatter);
  }
  return formatter;
}

type DateParts = { readonly year: string; readonly month: string; readonly day: string };

/**
 * Date parts already worked out, per time zone and instant: every listing and "More from" block
 * turns its stories' dates into paths, and `formatToParts` was a fiftieth of an uncached page.
 */
const partsCache = new LRUCache<string, DateParts>({ max: 20_000 });

/** Year, month and day of an instant in the site's time zone: the date part of a permalink. */
export function dateParts(iso: string, timeZone: string): DateParts {
  const key = `${timeZone} ${iso}`;
  let parts = partsCache.get(key);
  if (parts === undefined) {
    parts = computeDateParts(iso, timeZone);
    partsCache.set(key, parts);
  }
  return parts;
}

function computeDateParts(iso: string, timeZone: string): DateParts {
  const formatter = formatterFor(
    dayFormatters,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
  );
  let year = '';
  let month = '';
  let day = '';
  for (const part of formatter.formatToParts(new Date(iso))) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return { year, month, day };
}

/**
 * Canonical site-relative URL. Posts live at `/YYYY/MM/DD/<slug>/` (WordPress's "day and name"
 * structure, so migrated links keep working); pages at `/<slug>/`.
 */
export function articlePath(
  article: { type: string; slug: string; publishedAt: string | null },
  timeZone: string,
): string {
  if (article.type === 'page' || !article.publishedAt) return `/${article.slug}/`;
  const { year, month, day } = dateParts(article.publishedAt, timeZone);
  return `/${year}/${month}/${day}/${article.slug}/`;
}

/**
 * UTC bounds of a calendar year/month/day in the site's time zone, as ISO strings
 * [from, to). Used by date archives.
 */
export function periodBounds(
  timeZone: string,
  year: number,
  month?: number,
  day?: number,
): { from: string; to: string } {
  const start = zonedMidnight(timeZone, year, month ?? 1, day ?? 1);
  const end =
    day !== undefined
      ? zonedMidnight(timeZone, year, month!, day + 1)
      : month !== undefined
        ? zonedMidnight(timeZone, year, month + 1, 1)
        : zonedMidnight(timeZone, year + 1, 1, 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** The UTC instant of local midnight at year-month-day in `timeZone` (month/day may overflow). */
function zonedMidnight(timeZone: string, year: number, month: number, day: number): Date {
  const guess = new Date(Date.UTC(year, month - 1, day));
  // Offset of the zone at that instant, measured by formatting it back.
  const parts = formatterFor(
    localFormatters,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      }),
  ).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess.getTime() - (asLocal - guess.getTime()));
}
