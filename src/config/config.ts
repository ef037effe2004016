import { resolve } from 'node:path';

/** Everything Newsdesk reads from the environment, parsed and validated once at start-up. */
export interface Config {
  /** TCP port; default 3000. */
  port: number;
  /** Interface to bind; default 127.0.0.1 so a fresh install is not exposed by accident. */
  host: string;
  /** `sqlite:<file>` / a bare file path, or `postgres://...`; default an SQLite file under ./data/. */
  databaseUrl: string;
  /** Public origin without trailing slash, used for canonical URLs and same-origin checks. */
  siteUrl: string;
  siteName: string;
  /** UI language of the reader site (`en` or `tr`); default `en`. */
  siteLocale: string;
  /** IANA zone used for permalink dates and displayed times; default UTC. */
  siteTimezone: string;
  /** Where uploaded and generated media live; default ./data/media. */
  mediaDir: string;
  /** `MEDIA_MAX_BYTES`: largest image upload; default 20 MB (20971520). */
  mediaMaxBytes: number;
  /** `MEDIA_MAX_PIXELS`: most pixels an uploaded image may declare; default 50 000 000. */
  mediaMaxPixels: number;
  /** Redis for shared caches and pub/sub when several processes run; unset means in-process. */
  redisUrl: string | undefined;
  /**
   * `REDIS_PREFIX`: put before every Redis key and pub/sub channel, so several sites (or test runs)
   * can share one Redis; default `newsdesk:`.
   */
  redisPrefix: string;
  /** Secret for signing cookies and tokens; generated into ./data when unset. */
  secret: string | undefined;
  logLevel: string;
  /**
   * Bearer token for the staff moderation API (`Authorization: Bearer <token>`) until accounts
   * exist; unset disables that API (401).
   */
  moderationToken: string | undefined;
  /** Bearer token that opens /metrics to a Prometheus scraper; unset keeps /metrics closed. */
  metricsToken: string | undefined;
  /** `SMTP_URL` for invitation and reset mail (nodemailer); unset writes the links to the log. */
  smtpUrl: string | undefined;
  /** True when the site is served over https (Secure cookies, HSTS). */
  secure: boolean;
  /**
   * `PAGE_CACHE`: where the full-page cache keeps pages; `on` (default) means Redis when
   * `REDIS_URL` is set, else memory; `off` disables storing (ETags and 304s stay). See src/cache/.
   */
  pageCache: 'memory' | 'redis' | 'off';
  /** `PAGE_CACHE_MAX_MB`: byte budget of the memory page cache per process; default 16 (about 600 article pages of 26 KB; each worker keeps its own). */
  pageCacheMaxBytes: number;
  /** `PAGE_CACHE_TTL`: seconds a cached page may live without a purge; default 3600. */
  pageCacheTtlSeconds: number;
  /** `CDN_PURGE_URL`: receives `POST {"keys": [...]}` on every purge; unset sends nothing. */
  cdnPurgeUrl: string | undefined;
  /** `CDN_PURGE_TOKEN`: bearer token for `CDN_PURGE_URL`. */
  cdnPurgeToken: string | undefined;
  /** `MAX_CONCURRENT_REQUESTS`: reads one process works on at once (`src/http/admission.ts`); default 4. */
  maxConcurrentRequests: number;
}

function pageCacheMode(raw: string | undefined, redisUrl: string | undefined) {
  const mode = raw || 'on';
  if (mode === 'on') return redisUrl ? 'redis' : 'memory';
  if (mode === 'memory' || mode === 'off') return mode;
  if (mode === 'redis') {
    if (!redisUrl) throw new ConfigError('PAGE_CACHE=redis needs REDIS_URL');
    return mode;
  }
  throw new ConfigError(`PAGE_CACHE must be on, memory, redis or off, got "${mode}"`);
}

export class ConfigError extends Error {}

function integer(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a whole number between 0 and 65535, got "${raw}"`);
  }
  return value;
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ConfigError(`${name} must be a positive whole number, got "${raw}"`);
  }
  return value;
}

/** Builds the configuration from `env` (default `process.env`); throws ConfigError with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = integer('PORT', env.PORT, 3000);
  const host = env.HOST || '127.0.0.1';
  const siteUrl = (env.SITE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    new URL(siteUrl);
  } catch {
    throw new ConfigError(
      `SITE_URL must be an absolute URL such as https://news.example.com, got "${siteUrl}"`,
    );
  }
  const siteLocale = env.SITE_LOCALE || 'en';
  if (!['en', 'tr'].includes(siteLocale)) {
    throw new ConfigError(`SITE_LOCALE must be "en" or "tr", got "${siteLocale}"`);
  }
  const siteTimezone = env.SITE_TIMEZONE || 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: siteTimezone });
  } catch {
    throw new ConfigError(
      `SITE_TIMEZONE must be an IANA time zone such as Europe/Istanbul, got "${siteTimezone}"`,
    );
  }
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || `sqlite:${resolve('data', 'newsdesk.sqlite')}`,
    siteUrl,
    siteName: env.SITE_NAME || 'The Harbour Gazette',
    siteLocale,
    siteTimezone,
    mediaDir: resolve(env.MEDIA_DIR || resolve('data', 'media')),
    mediaMaxBytes: positive('MEDIA_MAX_BYTES', env.MEDIA_MAX_BYTES, 20 * 1024 * 1024),
    mediaMaxPixels: positive('MEDIA_MAX_PIXELS', env.MEDIA_MAX_PIXELS, 50_000_000),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX || 'newsdesk:',
    secret: env.SECRET || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    moderationToken: env.MODERATION_TOKEN || undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    secure: siteUrl.startsWith('https://'),
    pageCache: pageCacheMode(env.PAGE_CACHE, env.REDIS_URL || undefined),
    pageCacheMaxBytes: positive('PAGE_CACHE_MAX_MB', env.PAGE_CACHE_MAX_MB, 16) * 1024 * 1024,
    pageCacheTtlSeconds: positive('PAGE_CACHE_TTL', env.PAGE_CACHE_TTL, 3600),
    cdnPurgeUrl: env.CDN_PURGE_URL || undefined,
    cdnPurgeToken: env.CDN_PURGE_TOKEN || undefined,
    maxConcurrentRequests: positive('MAX_CONCURRENT_REQUESTS', env.MAX_CONCURRENT_REQUESTS, 4),
  };
}

/** Where a generated secret is kept: the settings table, so every process on one database agrees. */
export interface SecretStore {
  all(): Promise<Record<string, string>>;
  put(key: string, json: string): Promise<void>;
}

const SECRET_SETTING = 'secret';

/**
 * The signing secret: `SECRET` from the environment when set (at least 32 characters), otherwise
 * one generated on first use and stored in the database's settings table (key `secret`), so that
 * every process sharing the database signs alike and a restart keeps cookies valid. Never logged,
 * never in any response.
 */
export async function resolveSecret(
  configured: string | undefined,
  store: SecretStore,
  generate: () => string,
): Promise<string> {
  if (configured) {
    if (configured.length < 32) throw new ConfigError('SECRET must be at least 32 characters');
    return configured;
  }
  const read = async () => {
    const raw = (await store.all())[SECRET_SETTING];
    return raw ? (JSON.parse(raw) as string) : undefined;
  };
  const existing = await read();
  if (existing) return existing;
  await store.put(SECRET_SETTING, JSON.stringify(generate()));
  // Two processes generating at the same instant could each keep their own; deployments with
  // several processes set SECRET instead.
  return (await read())!;
}
