import { randomBytes } from 'node:crypto';
import { AccountService } from './accounts/account-service.js';
import { ArticleService } from './articles/article-service.js';
import { PURGE_CHANNEL } from './cache/page-purger.js';
import { SiteChanges } from './cache/site-changes.js';
import { BusCommentEvents } from './comments/comment-events.js';
import { CommentService } from './comments/comment-service.js';
import { commentTargetFinder } from './comments/comment-targets.js';
import { type Config, resolveSecret } from './config/config.js';
import { FeedService } from './feeds/feed-service.js';
import { mediaFileSizes } from './feeds/media-file-size.js';
import { LocalMediaFiles } from './media/media-files.js';
import { MediaService } from './media/media-service.js';
import { LegacyUrlService } from './migration/legacy-urls.js';
import { ArticleEvents } from './newsroom/article-events.js';
import { NewsroomScheduler } from './newsroom/newsroom-scheduler.js';
import { NewsroomService } from './newsroom/newsroom-service.js';
import { SearchService } from './search/search-service.js';
import { SitemapService } from './seo/sitemap-service.js';
import { SettingsService } from './settings/settings-service.js';
import type { Storage } from './storage/database.js';
import { createRepositories } from './storage/repositories/index.js';
import { KyselyNewsroomRepository } from './storage/repositories/kysely-newsroom-repository.js';
import { KyselySearchRepository } from './storage/repositories/kysely-search-repository.js';
import { createStores } from './stores/stores.js';
import { TaxonomyService } from './taxonomy/taxonomy-service.js';

export interface ServiceDeps {
  config: Config;
  storage: Storage;
  /** Injected so tests can control time. */
  clock?: () => Date;
}

/** Constructs every domain service with its dependencies; no module-level singletons. */
export function createServices({ config, storage, clock = () => new Date() }: ServiceDeps) {
  const repositories = createRepositories(storage.db, storage.dialect.json);
  // Counters and the message bus: in memory, or Redis shared by every process when REDIS_URL is
  // set (see src/stores/README.md). Whoever builds the services closes them: `stores.close()`.
  const stores = createStores(config, () => clock().getTime());
  // Observers of article changes (page cache, webhooks): see src/newsroom/README.md. Other
  // public changes (comments, settings, taxonomy, profiles) go through siteChanges (src/cache/).
  const articleEvents = new ArticleEvents((error) =>
    process.emitWarning(`article change listener failed: ${String(error)}`),
  );
  const siteChanges = new SiteChanges((error) =>
    process.emitWarning(`site change listener failed: ${String(error)}`),
  );
  const siteChanged = (reason: string) => () => siteChanges.emit({ kind: 'site', reason });
  const taxonomy = new TaxonomyService({
    repository: repositories.taxonomy,
    clock,
    changed: siteChanged('taxonomy'),
  });
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
    events: articleEvents,
  });
  // The first listeners: the lists read recently go before the page cache drops what showed them.
  articleEvents.on('changed', () => articles.forgetRecent());
  siteChanges.on(() => articles.forgetRecent());
  const settings = new SettingsService({
    repository: repositories.settings,
    changed: siteChanged('settings'),
  });
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
    throttle: stores.counters('comments'),
    events: new BusCommentEvents(stores.bus),
    publicChanged: (articleIds) => siteChanges.emit({ kind: 'comments', articleIds }),
  });
  const accounts = new AccountService({
    repository: repositories.accounts,
    throttle: stores.counters('login'),
    clock,
    profileChanged: siteChanged('profile'),
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
  // The media library: uploads, renditions and the alt-text rule (see src/media/README.md).
  const media = new MediaService({
    repository: repositories.media,
    files: new LocalMediaFiles(config.mediaDir),
    limits: { maxBytes: config.mediaMaxBytes, maxPixels: config.mediaMaxPixels },
    clock,
  });
  const newsroomRepository = new KyselyNewsroomRepository(storage.db);
  const newsroom = new NewsroomService({
    repository: newsroomRepository,
    events: articleEvents,
    clock,
    pathOf: (a) => articles.pathOf(a),
    ensureTag: (name) => taxonomy.ensureTag(name),
    searchIndexer: search,
    altText: media,
  });
  // A purge from another process may follow a change to the settings or the sections: what this
  // process read of them recently goes too, before the pages built from it do.
  stores.bus.subscribe(PURGE_CHANNEL, () => {
    settings.forgetRecent();
    taxonomy.forgetRecent();
    articles.forgetRecent();
  });
  const newsroomScheduler = new NewsroomScheduler({
    newsroom,
    leases: newsroomRepository,
    clock,
    onError: (error) => process.emitWarning(`newsroom scheduler: ${String(error)}`),
  });
  return {
    stores,
    /** Broadcast to every process of the site (cache purges, comment events): `stores.bus`. */
    bus: stores.bus,
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
    articleEvents,
    siteChanges,
    newsroom,
    newsroomScheduler,
    media,
    clock,
  };
}

export type Services = ReturnType<typeof createServices>;
