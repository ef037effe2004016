import assert from 'node:assert/strict';
import { test } from 'node:test';
import { robotsTxt } from './robots.js';
import { parseSitemapName } from './sitemap-service.js';

test('sitemap file names: groups, months and pages', () => {
  assert.deepEqual(parseSitemapName('posts-2026-05'), { group: 'posts-2026-05', page: 1 });
  assert.deepEqual(parseSitemapName('posts-2026-05-3'), { group: 'posts-2026-05', page: 3 });
  assert.deepEqual(parseSitemapName('tags-12'), { group: 'tags', page: 12 });
  assert.deepEqual(parseSitemapName('pages'), { group: 'pages', page: 1 });
  for (const bad of ['posts-2026-13', 'posts-2026-5', 'tags-1', 'tags-0', 'tags-02', 'news', '']) {
    assert.equal(parseSitemapName(bad), undefined, bad);
  }
});

test('robots.txt points to the sitemaps, or shuts crawlers out of a staging site', () => {
  const open = robotsTxt({ siteUrl: 'https://news.example', discourage: false });
  assert.match(open, /^Sitemap: https:\/\/news\.example\/sitemap\.xml$/m);
  assert.doesNotMatch(open, /^Disallow: \/$/m);
  assert.equal(
    robotsTxt({ siteUrl: 'https://news.example', discourage: true }),
    'User-agent: *\nDisallow: /\n',
  );
});
