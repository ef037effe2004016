import { siteFeedLinks } from '../feeds/feed-links.js';
import type { PageMeta, SiteContext } from '../views/site-context.js';
import { JsonLdScript } from './json-ld-script.js';

/**
 * The discovery part of every page's head: Twitter card text and image, Open Graph article times,
 * hreflang alternates, feed autodiscovery (the site feed, then the page's own) and JSON-LD.
 */
export function SeoHead(props: { site: SiteContext; meta: PageMeta }) {
  const { site, meta } = props;
  const feeds = [...siteFeedLinks(site), ...(meta.feeds ?? [])];
  return (
    <>
      <meta name="twitter:title" content={meta.title} />
      {meta.description ? <meta name="twitter:description" content={meta.description} /> : null}
      {meta.image ? <meta name="twitter:image" content={meta.image.url} /> : null}
      {meta.image?.alt ? <meta name="twitter:image:alt" content={meta.image.alt} /> : null}
      {meta.article ? (
        <>
          <meta property="article:published_time" content={meta.article.publishedTime} />
          <meta property="article:modified_time" content={meta.article.modifiedTime} />
          {meta.article.section ? (
            <meta property="article:section" content={meta.article.section} />
          ) : null}
          {meta.article.tags?.map((tag) => (
            <meta key={tag} property="article:tag" content={tag} />
          ))}
        </>
      ) : null}
      {meta.alternates?.map((a) => (
        <link key={a.hreflang} rel="alternate" hreflang={a.hreflang} href={a.href} />
      ))}
      {feeds.map((f) => (
        <link key={f.href} rel="alternate" type={f.type} title={f.title} href={f.href} />
      ))}
      {meta.jsonLd?.map((data, i) => (
        <JsonLdScript key={i} data={data} />
      ))}
    </>
  );
}
