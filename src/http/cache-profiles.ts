import type { FastifyReply } from 'fastify';

/**
 * Named Cache-Control policies, decided here and nowhere else. Routes name a profile in
 * `config.cacheProfile`; the hook in `http-plugins.ts` applies it.
 */
export const cacheProfiles = {
  /** Public HTML: short browser freshness, a CDN may serve stale briefly while it revalidates. */
  page: 'public, max-age=60, stale-while-revalidate=300',
  /** JSON API: like pages. */
  api: 'public, max-age=60, stale-while-revalidate=300',
  /** Fingerprinted assets and media renditions never change at their URL. */
  immutable: 'public, max-age=31536000, immutable',
  /** Error pages: cache briefly so a burst of bad links does not hammer the database. */
  error: 'public, max-age=30',
  /** Anything per-visitor. */
  private: 'private, no-store',
} as const;

export type CacheProfile = keyof typeof cacheProfiles;

declare module 'fastify' {
  interface FastifyContextConfig {
    cacheProfile?: CacheProfile;
  }
}

export function applyCacheProfile(reply: FastifyReply, profile: CacheProfile): void {
  reply.header('cache-control', cacheProfiles[profile]);
}
