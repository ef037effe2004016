import { ArticleService } from './articles/article-service.js';
import { CommentService } from './comments/comment-service.js';
import type { Config } from './config/config.js';
import { SettingsService } from './settings/settings-service.js';
import type { Storage } from './storage/database.js';
import { createRepositories } from './storage/repositories/index.js';
import { TaxonomyService } from './taxonomy/taxonomy-service.js';

export interface ServiceDeps {
  config: Config;
  storage: Storage;
  /** Injected so tests can control time. */
  clock?: () => Date;
}

/** Constructs every domain service with its dependencies; no module-level singletons. */
export function createServices({ config, storage, clock = () => new Date() }: ServiceDeps) {
  const repositories = createRepositories(storage.db);
  const taxonomy = new TaxonomyService({ repository: repositories.taxonomy, clock });
  const articles = new ArticleService({
    repository: repositories.articles,
    clock,
    timeZone: config.siteTimezone,
  });
  const comments = new CommentService({ repository: repositories.comments, clock });
  const settings = new SettingsService({ repository: repositories.settings });
  return { repositories, taxonomy, articles, comments, settings, clock };
}

export type Services = ReturnType<typeof createServices>;
