import { LRUCache } from 'lru-cache';
import { en, type MessageKey, type Messages } from './messages-en.js';
import { tr } from './messages-tr.js';

const catalogs: Record<string, Messages> = { en, tr };

export const SUPPORTED_LOCALES = Object.keys(catalogs);

/** Looks up a UI string and fills `{name}` parameters. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface Locale {
  code: string;
  t: Translate;
  /** Formats a date for readers in the site's time zone, e.g. "3 May 2026". */
  formatDate(iso: string): string;
  /** Formats a date with time, e.g. "3 May 2026, 09:30". */
  formatDateTime(iso: string): string;
  /** Formats a month, e.g. "May 2026". */
  formatMonth(year: number, month: number): string;
}

/**
 * `format` with its answers kept (least recently used dropped): every page formats the dates of
 * its stories and comments, and `Intl.DateTimeFormat#format` was a fiftieth of an uncached page.
 */
function remembered(format: (iso: string) => string, max = 20_000): (iso: string) => string {
  const answers = new LRUCache<string, string>({ max, memoMethod: format });
  return (iso) => answers.memo(iso);
}

/** Builds the translator and date formatters for `code` (falls back to English) in `timeZone`. */
export function createLocale(code: string, timeZone: string): Locale {
  const messages = catalogs[code] ?? en;
  const lang = catalogs[code] ? code : 'en';
  const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  });
  const dateTime = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const month = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return {
    code: lang,
    t: (key, params) => {
      const text = messages[key];
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
    },
    formatDate: remembered((iso) => date.format(new Date(iso))),
    formatDateTime: remembered((iso) => dateTime.format(new Date(iso))),
    formatMonth: (year, m) => month.format(new Date(Date.UTC(year, m - 1, 15))),
  };
}
