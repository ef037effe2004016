import type { Config } from '../config/config.js';
import { createLocale, type Locale } from '../i18n/i18n.js';
import type { Settings } from '../settings/settings.js';
import type { CategoryTree, TaxonomyService } from '../taxonomy/taxonomy-service.js';
import type { SiteContext } from '../views/site-context.js';

export interface SiteServiceDeps {
  config: Pick<Config, 'siteName' | 'siteUrl' | 'siteLocale' | 'siteTimezone'>;
  taxonomy: TaxonomyService;
  assets: SiteContext['assets'];
  /**
   * When given, the `discourageSearchEngines` setting marks every page noindex, and the
   * `siteName` / `siteDescription` settings (edited in the newsroom) override the environment.
   */
  settings?: { all(): Promise<Settings> };
}

/** Builds what every page's layout needs: site identity, locale, navigation. */
export class SiteService {
  readonly locale: Locale;

  readonly config: SiteServiceDeps['config'];

  constructor(private readonly deps: SiteServiceDeps) {
    this.config = deps.config;
    this.locale = createLocale(deps.config.siteLocale, deps.config.siteTimezone);
  }

  /**
   * The layout context plus the category tree (one query serves both), and the settings read for
   * it, so the rest of the request need not read them again.
   */
  async context(): Promise<{ site: SiteContext; tree: CategoryTree; settings?: Settings }> {
    const [tree, settings] = await Promise.all([
      this.deps.taxonomy.categoryTree(),
      this.deps.settings?.all(),
    ]);
    const { config } = this.deps;
    const noindex = settings?.discourageSearchEngines;
    const name = settings?.siteName || config.siteName;
    return {
      tree,
      ...(settings ? { settings } : {}),
      site: {
        name,
        description: settings?.siteDescription || `${name}: news, analysis and comment.`,
        url: config.siteUrl,
        locale: this.locale,
        nav: tree.roots().map((c) => ({ name: c.name, path: tree.path(c) })),
        assets: this.deps.assets,
        ...(noindex ? { noindex: true } : {}),
      },
    };
  }
}
