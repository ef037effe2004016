import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type ConsoleMessage, chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './services-available.js';
import type { TestSite } from './test-site.js';

/**
 * Flags for the system Chromium: headless, no sandbox (containers run as root), and nothing that
 * reaches out to the network or a GPU, so runs are quiet and repeatable.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * Launches the Debian Chromium at CHROMIUM_PATH with a fresh, empty profile (Playwright gives every
 * `launch` its own temporary user data dir). Never downloads a browser: call `chromiumSkip()`
 * first and skip when it says so.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Loads every lazy image and waits for them, so a full-page screenshot shows the page as a reader
 * who scrolled through it sees it rather than blank placeholders.
 */
export async function loadLazyImages(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      Array.from(document.images, (img) => {
        img.loading = 'eager';
        // Chromium otherwise may leave async-decoded images below the fold unpainted in the capture.
        img.decoding = 'sync';
        return img.complete
          ? img.decode().catch(() => undefined)
          : new Promise((resolve) => {
              img.addEventListener('load', resolve, { once: true });
              img.addEventListener('error', resolve, { once: true });
            });
      }),
    ),
  );
}

/** Where browser tests write their screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}

/**
 * Collects what the browser reports as broken while a page loads: console errors (Chromium logs
 * every CSP violation as one) and uncaught exceptions. `expectedStatus` lets a 404 page's own
 * "failed to load resource" line through, since that status is the point of the page.
 */
export function watchForErrors(page: Page, expectedStatus?: number): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const url = message.location().url;
    if (
      expectedStatus &&
      text.includes(`status of ${expectedStatus}`) &&
      url === page.url().split('#')[0]
    ) {
      return;
    }
    problems.push(`console error: ${text}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** One reader page the browser and validator checks visit. */
export interface CheckedPage {
  name: string;
  path: string;
  status: number;
}

/**
 * The pages issue 2 names for axe-core and the Nu checker, found in the demo content by their
 * properties rather than by title so they survive edits to the demo text: the home page, an
 * illustrated article with comments, a category archive, an author page, a 404 and the Arabic
 * right-to-left article.
 */
export async function checkedPages(site: TestSite): Promise<CheckedPage[]> {
  const { services } = site;
  const tree = await services.taxonomy.categoryTree();
  const recent = await services.articles.list({}, 100, 0, tree);
  const details = await Promise.all(recent.map((a) => services.articles.findPublished(a.id, tree)));
  const commented = await Promise.all(
    recent.map(async (a) => (await services.articles.approvedCommentCount(a.id)) > 0),
  );
  const withComments = details.find(
    (a, i) => a?.image && !a.lang && a.commentStatus === 'open' && commented[i],
  );
  const rtl = details.find((a) => a?.dir === 'rtl');
  const category = tree.roots()[0];
  const author = withComments?.authors[0];
  if (!withComments || !rtl || !category || !author) {
    throw new Error(
      'the demo content lacks an illustrated article with comments, RTL article, category or author',
    );
  }
  return [
    { name: 'home', path: '/', status: 200 },
    { name: 'article', path: withComments.path, status: 200 },
    { name: 'category', path: tree.path(category), status: 200 },
    { name: 'author', path: `/author/${author.slug}/`, status: 200 },
    { name: 'not-found', path: '/no-such-page-here/', status: 404 },
    { name: 'article-rtl', path: rtl.path, status: 200 },
  ];
}
