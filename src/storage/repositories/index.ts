import type { Kysely } from 'kysely';
import type { JsonDialect } from '../dialect/storage-dialect.js';
import type { Database } from '../schema.js';
import { KyselyAccountRepository } from './kysely-account-repository.js';
import { KyselyArticleRepository } from './kysely-article-repository.js';
import { KyselyCommentRepository } from './kysely-comment-repository.js';
import { KyselyFeedRepository } from './kysely-feed-repository.js';
import { KyselyMediaRepository } from './kysely-media-repository.js';
import { KyselyMigrationRepository } from './kysely-migration-repository.js';
import { KyselySettingsRepository } from './kysely-settings-repository.js';
import { KyselySitemapRepository } from './kysely-sitemap-repository.js';
import { KyselyTaxonomyRepository } from './kysely-taxonomy-repository.js';

/** Every repository over one database handle; `json` is its engine's (`StorageDialect.json`). */
export function createRepositories(db: Kysely<Database>, json: JsonDialect) {
  return {
    articles: new KyselyArticleRepository(db, json),
    taxonomy: new KyselyTaxonomyRepository(db),
    comments: new KyselyCommentRepository(db),
    media: new KyselyMediaRepository(db),
    settings: new KyselySettingsRepository(db),
    accounts: new KyselyAccountRepository(db),
    migration: new KyselyMigrationRepository(db),
    feeds: new KyselyFeedRepository(db),
    sitemaps: new KyselySitemapRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
