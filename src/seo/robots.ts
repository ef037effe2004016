/**
 * robots.txt: crawl everything and find the sitemaps; or, with `discourageSearchEngines`, crawl
 * nothing (a staging site), with no sitemap advertised.
 */
export function robotsTxt(opts: { siteUrl: string; discourage: boolean }): string {
  if (opts.discourage) return 'User-agent: *\nDisallow: /\n';
  return [
    'User-agent: *',
    // Reader-specific and machine endpoints carry nothing worth indexing.
    'Disallow: /api/',
    'Disallow: /search/',
    '',
    `Sitemap: ${opts.siteUrl}/sitemap.xml`,
    `Sitemap: ${opts.siteUrl}/sitemaps/news.xml`,
    '',
  ].join('\n');
}
