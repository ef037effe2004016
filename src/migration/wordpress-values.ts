import { posix } from 'node:path';
import { MAX_SLUG_LENGTH, toSlug } from '../text/slug.js';

// Small conversions between WordPress's way of writing things and Newsdesk's, shared by import,
// export and legacy URLs. All pure.

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** `2024-03-14 10:30:00` read as UTC; undefined for WordPress's "no date" (`0000-00-00 ...`) or junk. */
export function wpGmtToIso(value: string): string | undefined {
  const m = WP_DATE.exec(value.trim());
  if (!m || m[1] === '0000') return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A WordPress local date (the site's wall-clock time) read in `timeZone`. */
export function wpLocalToIso(value: string, timeZone: string): string | undefined {
  const m = WP_DATE.exec(value.trim());
  if (!m || m[1] === '0000') return undefined;
  return zonedToUtc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, timeZone).toISOString();
}

/** The date WordPress meant: the GMT column when it is set, else the local one in `timeZone`. */
export function wpDate(gmt: string, local: string, timeZone: string): string | undefined {
  return wpGmtToIso(gmt) ?? wpLocalToIso(local, timeZone);
}

function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** The instant a wall-clock time in `timeZone` denotes (the earlier one when clocks go back). */
export function zonedToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two corrections converge on both sides of a daylight-saving change.
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/** `2024-03-14 10:30:00` for an ISO instant in `timeZone` (WordPress's `post_date`). */
export function isoToWpLocal(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** `2024-03-14 10:30:00` in UTC (WordPress's `post_date_gmt`). */
export function isoToWpGmt(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

export const WP_NO_DATE = '0000-00-00 00:00:00';

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/**
 * A Newsdesk slug for a WordPress slug: kept as it is when it is already a valid ASCII slug (so
 * `/category/news/` and `/tag/x/` keep their URLs), otherwise transliterated from the
 * (percent-decoded) slug or, failing that, from `name`. Reserved route names are left to
 * `uniqueSlug`, which never hands them out.
 */
export function slugFromWordpress(wpSlug: string, name: string, fallback: string): string {
  const decoded = safeDecode(wpSlug).trim();
  if (SLUG.test(decoded) && !/^\d+$/.test(decoded) && decoded.length <= MAX_SLUG_LENGTH) {
    return decoded;
  }
  const fromSlug = decoded ? toSlug(decoded, fallback) : '';
  return fromSlug && fromSlug !== fallback ? fromSlug : toSlug(name, fallback);
}

/**
 * The path part of a WordPress URL, or undefined for a URL that is not a pretty permalink (a
 * query string such as `?p=12`, or not a URL at all).
 */
export function pathOfUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://wordpress.invalid');
  } catch {
    return undefined;
  }
  if (parsed.search || parsed.pathname === '/' || parsed.pathname === '') return undefined;
  return parsed.pathname;
}

/**
 * The forms in which a browser may ask for `path`: as WordPress wrote it (lower-case
 * percent-escapes), with upper-case escapes (what browsers send for typed non-ASCII), and decoded.
 */
export function pathVariants(path: string): string[] {
  const lower = path.replace(/%[0-9A-F]{2}/gi, (e) => e.toLowerCase());
  const upper = path.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase());
  return [...new Set([path, lower, upper, safeDecode(path)])];
}

/** The canonical form paths are stored in: percent-decoded Unicode. */
export function canonicalPath(path: string): string {
  return safeDecode(path);
}

/**
 * A relative upload path (`2024/03/photo.jpg`) that cannot leave the uploads folder, or undefined.
 * Refuses absolute paths, `..` segments, backslashes and NUL.
 */
export function safeUploadPath(value: string): string | undefined {
  const raw = safeDecode(value.trim());
  if (!raw || raw.includes('\0') || raw.includes('\\') || raw.startsWith('/')) return undefined;
  const segments = raw.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  return posix.normalize(raw);
}

/** `2024/03/photo.jpg` from `https://site/wp-content/uploads/2024/03/photo.jpg`. */
export function uploadPathOfUrl(url: string): string | undefined {
  const match = /\/wp-content\/uploads\/([^?#]+)/.exec(url);
  return match ? safeUploadPath(match[1]!) : undefined;
}

/** The full-size upload a resized copy (`photo-300x200.jpg`) was made from. */
export function originalOfResized(path: string): string {
  return path.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1');
}

const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  txt: 'text/plain',
  csv: 'text/csv',
};

/** MIME type from a file name; WXR does not carry it. */
export function mimeOfPath(path: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Width, height and credit from `_wp_attachment_metadata` (PHP-serialized). Read with patterns, not
 * unserialized: only these scalar fields are needed and nothing in the value is ever executed.
 */
export function attachmentMetadata(serialized: string | undefined): {
  width: number;
  height: number;
  credit: string;
} {
  const text = serialized ?? '';
  const width = /s:5:"width";i:(\d+);/.exec(text)?.[1];
  const height = /s:6:"height";i:(\d+);/.exec(text)?.[1];
  const credit = /s:6:"credit";s:\d+:"(.*?)";/.exec(text)?.[1] ?? '';
  return { width: Number(width ?? 0), height: Number(height ?? 0), credit };
}

/** An author or commenter website, only when it is an http(s) URL. */
export function webUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed) || trimmed.length > 2000) return null;
  try {
    new URL(trimmed);
    return trimmed;
  } catch {
    return null;
  }
}
