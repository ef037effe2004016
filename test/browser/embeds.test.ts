import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshotPath, watchForErrors } from '../support/browser.js';
import { formatVnuErrors, javaSkip, validateHtml } from '../support/html-validator.js';
import { chromiumSkip } from '../support/services-available.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

// Click-to-load embeds on the reader's article page: nothing goes to the provider until the
// reader clicks, then the privacy-friendly player loads.

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VIDEO = 'dQw4w9WgXcQ';
const skip = chromiumSkip();
let site: TestSite;
let origin: string;
let browser: Browser;
let path: string;

before(async () => {
  if (skip) return;
  site = await startTestSite();
  origin = await site.listen();
  const url = `https://www.youtube.com/watch?v=${VIDEO}`;
  const id = await site.services.articles.create({
    title: 'Harbour festival on video',
    bodyHtml: `<p>The festival opened with a parade.</p><figure data-embed="youtube"><a href="${url}" rel="noopener">Watch the video on YouTube: ${url}</a></figure><p>More after the video.</p>`,
    authorIds: [],
    status: 'published',
    publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
  });
  const article = await site.services.articles.findPublished(
    id,
    await site.services.taxonomy.categoryTree(),
  );
  path = article!.path;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test('a YouTube embed connects to nothing until clicked, then loads youtube-nocookie', {
  skip,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(60_000);
  try {
    const page = await context.newPage();
    const problems = watchForErrors(page);
    // There is no internet here: every other origin is answered by the test and recorded.
    const offSite: string[] = [];
    await context.route(
      (url) => url.origin !== origin,
      (route) => {
        offSite.push(route.request().url());
        return route.fulfill({ status: 204, body: '' });
      },
    );
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const youtube = (urls: string[]) => urls.filter((u) => /youtube|ytimg|googlevideo/.test(u));

    const response = await page.goto(`${origin}${path}`);
    // Frames only from the players' hosts (and the page may not be framed itself).
    assert.match(
      response!.headers()['content-security-policy'] ?? '',
      /(^|;)frame-src https:\/\/www\.youtube-nocookie\.com https:\/\/platform\.twitter\.com https:\/\/www\.instagram\.com(;|$)/,
    );
    const button = page.getByRole('button', {
      name: 'Load YouTube video (connects to youtube.com)',
    });
    await button.waitFor();
    // The link stays, for readers who would rather go to YouTube.
    assert.equal(
      await page.locator('figure[data-embed="youtube"] a').getAttribute('href'),
      `https://www.youtube.com/watch?v=${VIDEO}`,
    );
    assert.equal(await page.locator('iframe').count(), 0);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(youtube(requests), [], 'no request to YouTube before the click');
    assert.deepEqual([...offSite], [], 'no request off the site before the click');

    const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
    );
    await page.screenshot({ path: screenshotPath('embed-before-click'), fullPage: true });

    await button.click();
    const frame = page.locator('figure[data-embed="youtube"] iframe');
    await frame.waitFor();
    assert.equal(
      await frame.getAttribute('src'),
      `https://www.youtube-nocookie.com/embed/${VIDEO}`,
    );
    await page.waitForLoadState('networkidle');
    assert.ok(
      offSite.some((u) => u.startsWith(`https://www.youtube-nocookie.com/embed/${VIDEO}`)),
      `the player is requested after the click: ${offSite.join(', ')}`,
    );
    assert.deepEqual(
      youtube(offSite).filter((u) => !u.startsWith('https://www.youtube-nocookie.com/')),
      [],
      'only the no-cookie host',
    );
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the article page with an embed is valid HTML (Nu checker)', {
  skip: skip || javaSkip(),
}, async () => {
  const res = await site.app.inject(path);
  assert.equal(res.statusCode, 200);
  assert.match(
    res.body,
    /<script type="module" src="\/assets\/embeds\.[0-9a-f]{12}\.js"><\/script>/,
  );
  const errors = await validateHtml({ article: res.body });
  assert.equal(errors.get('article')?.length, 0, formatVnuErrors(errors));
});

test('without JavaScript the embed is a plain link to the provider', { skip }, async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}${path}`);
    assert.equal(await page.locator('.embed__load').count(), 0);
    const link = page.getByRole('link', { name: /Watch the video on YouTube/ });
    assert.equal(await link.getAttribute('href'), `https://www.youtube.com/watch?v=${VIDEO}`);
  } finally {
    await context.close();
  }
});
