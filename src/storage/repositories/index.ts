import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { KyselyArticleRepository } from './kysely-article-repository.js';
import { KyselyCommentRepository } from './kysely-comment-repository.js';
import { KyselyMediaRepository } from './kysely-media-repository.js';
import { KyselySettingsRepository } from './kysely-settings-repository.js';
import { KyselyTaxonomyRepository } from './kysely-taxonomy-repository.js';

/** Every repository over one database handle. */
export function createRepositories(db: Kysely<Database>) {
  return {
    articles: new KyselyArticleRepository(db),
    taxonomy: new KyselyTaxonomyRepository(db),
    comments: new KyselyCommentRepository(db),
    media: new KyselyMediaRepository(db),
    settings: new KyselySettingsRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
