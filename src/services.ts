import { randomBytes } from 'node:crypto';
import { AccountService } from './accounts/account-service.js';
import { ArticleService } from './articles/article-service.js';
import { MemoryCommentEvents } from './comments/comment-events.js';
import { CommentService } from './comments/comment-service.js';
import { commentTargetFinder } from './comments/comment-targets.js';
import { type Config, resolveSecret } from './config/config.js';
import { FeedService } from './feeds/feed-service.js';
import { mediaFileSizes } from './feeds/media-file-size.js';
import { LegacyUrlService } from './migration/legacy-urls.js';
import { SearchService } from './search/search-service.js';
import { SitemapService } from './seo/sitemap-service.js';
import { SettingsService } from './settings/settings-service.js';
import type { Storage } from './storage/database.js';
import { createRepositories } from './storage/repositories/index.js';
import { KyselySearchRepository } from './storage/repositories/kysely-search-repository.js';
import { MemoryCounterStore } from './stores/counter-store.js';
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
  const search = new SearchService({
    repository: new KyselySearchRepository(storage.db, storage.dialect.search),
    taxonomy,
    clock,
    timeZone: config.siteTimezone,
  });
  const articles = new ArticleService({
    repository: repositories.articles,
    clock,
    timeZone: config.siteTimezone,
    searchIndexer: search,
  });
  const settings = new SettingsService({ repository: repositories.settings });
  const comments = new CommentService({
    repository: repositories.comments,
    findTarget: commentTargetFinder({
      findById: (id) => repositories.articles.findById(id),
      pathOf: (a) => articles.pathOf(a),
      clock,
    }),
    settings,
    clock,
    secret: () =>
      resolveSecret(config.secret, repositories.settings, () =>
        randomBytes(32).toString('base64url'),
      ),
    throttle: new MemoryCounterStore(() => clock().getTime()),
    events: new MemoryCommentEvents(),
  });
  const accounts = new AccountService({
    repository: repositories.accounts,
    throttle: new MemoryCounterStore(() => clock().getTime()),
    clock,
  });
  const feeds = new FeedService({
    articles,
    settings,
    repository: repositories.feeds,
    mediaFileSize: mediaFileSizes(config.mediaDir),
    clock,
  });
  const sitemaps = new SitemapService({
    repository: repositories.sitemaps,
    articles,
    taxonomy,
    clock,
    site: { url: config.siteUrl, locale: config.siteLocale },
  });
  const legacyUrls = new LegacyUrlService({
    lookups: repositories.migration,
    articles,
    taxonomy,
    mediaDir: config.mediaDir,
  });
  return {
    repositories,
    taxonomy,
    articles,
    comments,
    settings,
    accounts,
    search,
    feeds,
    sitemaps,
    legacyUrls,
    clock,
  };
}

export type Services = ReturnType<typeof createServices>;
