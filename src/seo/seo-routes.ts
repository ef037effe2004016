import type { FastifyInstance } from 'fastify';
import { notFound } from '../http/app-error.js';
import { sendWithValidators } from '../http/conditional-get.js';
import type { SettingsService } from '../settings/settings-service.js';
import { PUBLISHER_LOGO, renderPublisherLogo } from './publisher-logo.js';
import { robotsTxt } from './robots.js';
import type { SitemapService } from './sitemap-service.js';
import { newsSitemapXml, sitemapIndexXml, urlsetXml } from './sitemap-xml.js';

export interface SeoRoutesOptions {
  siteUrl: string;
  siteName: string;
  sitemaps: SitemapService;
  settings: SettingsService;
}

const cached = { config: { cacheProfile: 'page' as const } };
const XML = 'application/xml; charset=utf-8';

/** robots.txt, the sitemap index and its sitemaps, the Google News sitemap, the publisher logo. */
export async function seoRoutes(app: FastifyInstance, opts: SeoRoutesOptions) {
  const { sitemaps, settings } = opts;
  // Rendered on the first request for it (crawlers fetch it rarely): see renderPublisherLogo.
  let logo: Promise<Buffer> | undefined;
  const publisherLogo = () => {
    logo ??= renderPublisherLogo().catch((error: unknown) => {
      logo = undefined;
      throw error;
    });
    return logo;
  };

  app.get(PUBLISHER_LOGO.path, cached, async (request, reply) =>
    sendWithValidators(request, reply.cacheKeys('sitemaps'), {
      body: await publisherLogo(),
      contentType: 'image/png',
    }),
  );

  app.get('/robots.txt', cached, async (request, reply) => {
    const discourage = await settings.get('discourageSearchEngines');
    return sendWithValidators(request, reply.cacheKeys('sitemaps'), {
      body: robotsTxt({ siteUrl: opts.siteUrl, discourage }),
      contentType: 'text/plain; charset=utf-8',
    });
  });

  /** A staging site keeps its sitemaps to itself, as WordPress does when it discourages search engines. */
  async function assertListed() {
    if (await settings.get('discourageSearchEngines')) throw notFound('Sitemaps are turned off');
  }

  app.get('/sitemap.xml', cached, async (request, reply) => {
    await assertListed();
    const body = await sitemapIndexXml(await sitemaps.index());
    return sendWithValidators(request, reply.cacheKeys('sitemaps'), { body, contentType: XML });
  });

  app.get('/sitemaps/news.xml', cached, async (request, reply) => {
    await assertListed();
    const body = await newsSitemapXml(await sitemaps.news(), opts.siteName);
    return sendWithValidators(request, reply.cacheKeys('sitemaps'), { body, contentType: XML });
  });

  app.get<{ Params: { file: string } }>('/sitemaps/:file', cached, async (request, reply) => {
    await assertListed();
    const { file } = request.params;
    const urls = file.endsWith('.xml') ? await sitemaps.urlset(file.slice(0, -4)) : undefined;
    if (!urls) throw notFound('No such sitemap');
    return sendWithValidators(request, reply.cacheKeys('sitemaps'), {
      body: await urlsetXml(urls),
      contentType: XML,
    });
  });
}
