import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Browser } from 'playwright-core';
import {
  type CheckedPage,
  checkedPages,
  launchChromium,
  loadLazyImages,
  screenshotPath,
  watchForErrors,
} from '../support/browser.js';
import { chromiumSkip } from '../support/services-available.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: the bar every reader page must clear. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [375, 1280];
const SCHEMES = ['light', 'dark'] as const;

const skip = chromiumSkip();
let site: TestSite;
let origin: string;
let browser: Browser;
let pages: CheckedPage[];

before(async () => {
  if (skip) return;
  site = await startTestSite({ demo: true });
  origin = await site.listen();
  pages = await checkedPages(site);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) => `    ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`,
        )
        .join('\n');
      return `  ${v.id} (${v.impact}): ${v.help}\n${nodes}`;
    })
    .join('\n');
}

// The page list comes from the demo database, so the combinations are built inside one test each
// per page rather than at module load time.
const PAGE_NAMES = ['home', 'article', 'category', 'author', 'not-found', 'article-rtl'];

for (const name of PAGE_NAMES) {
  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      test(`${name} at ${width}px in ${colorScheme} mode: no axe violations, console errors or CSP violations`, {
        skip,
      }, async () => {
        const target = pages.find((p) => p.name === name);
        assert.ok(target, `no checked page named ${name}`);
        const context = await browser.newContext({
          viewport: { width, height: 900 },
          colorScheme,
        });
        try {
          const page = await context.newPage();
          const problems = watchForErrors(page, target.status === 200 ? undefined : target.status);
          const response = await page.goto(`${origin}${target.path}`, { waitUntil: 'load' });
          assert.equal(response?.status(), target.status);
          const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
          await loadLazyImages(page);
          await page.screenshot({
            path: screenshotPath(`${name}-${width}-${colorScheme}`),
            fullPage: true,
          });
          assert.ok(results.passes.length > 0, 'axe-core ran no checks');
          assert.equal(
            results.violations.length,
            0,
            `axe-core violations on ${target.path}:\n${describeViolations(results.violations)}`,
          );
          assert.deepEqual(problems, [], `browser errors on ${target.path}`);
        } finally {
          await context.close();
        }
      });
    }
  }
}
