import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  type CheckedPage,
  checkedPages,
  launchChromium,
  watchForErrors,
} from '../support/browser.js';
import { chromiumSkip } from '../support/services-available.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

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

function pathOf(name: string): string {
  const page = pages.find((p) => p.name === name);
  assert.ok(page, `no checked page named ${name}`);
  return page.path;
}

for (const width of [375, 1280]) {
  test(`at ${width}px the skip link is the first Tab stop, shows on focus and moves focus to the main content`, {
    skip,
  }, async () => {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    try {
      const page = await context.newPage();
      const problems = watchForErrors(page);
      await page.goto(`${origin}${pathOf('article')}`);
      const skipLink = page.locator('a.skip-link');
      const hiddenBox = await skipLink.boundingBox();
      assert.ok(
        hiddenBox && hiddenBox.y + hiddenBox.height <= 0,
        'the skip link is off screen until focused',
      );

      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el
          ? { tag: el.tagName, className: el.className, href: el.getAttribute('href') }
          : null;
      });
      assert.deepEqual(focused, { tag: 'A', className: 'skip-link', href: '#main' });

      const box = await skipLink.boundingBox();
      assert.ok(box, 'the focused skip link has a box');
      assert.ok(box.width > 0 && box.height > 0, 'the focused skip link has a size');
      assert.ok(
        box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= 800,
        `the focused skip link is inside the viewport: ${JSON.stringify(box)}`,
      );
      assert.equal(await skipLink.isVisible(), true);

      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.closest('main#main') != null);
      const inMain = await page.evaluate(() => {
        const el = document.activeElement;
        return el ? { tag: el.tagName, inMain: el.closest('main#main') !== null } : null;
      });
      assert.deepEqual(inMain?.inMain, true, `focus moved to ${inMain?.tag}`);

      // The next Tab continues from the main content, not from the top of the page.
      await page.keyboard.press('Tab');
      const next = await page.evaluate(() => document.activeElement?.closest('main#main') !== null);
      assert.equal(next, true, 'the Tab after the skip link lands inside the main content');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
}

test('an article reads with JavaScript switched off: headline, body and comment form', {
  skip,
}, async () => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 375, height: 800 },
  });
  try {
    const page = await context.newPage();
    const problems = watchForErrors(page);
    const response = await page.goto(`${origin}${pathOf('article')}`);
    assert.equal(response?.status(), 200);
    const headline = page.locator('main h1');
    assert.equal(await headline.count(), 1);
    assert.equal(await headline.isVisible(), true);
    assert.ok(((await headline.textContent()) ?? '').trim().length > 10);

    const body = page.locator('main .story__body');
    assert.equal(await body.isVisible(), true);
    const paragraphs = body.locator('p');
    assert.ok((await paragraphs.count()) >= 2);
    assert.equal(await paragraphs.first().isVisible(), true);

    const form = page.locator('form#respond');
    assert.equal(await form.isVisible(), true);
    for (const label of ['#comment-body', '#comment-name', '#comment-email', '#comment-url']) {
      assert.equal(await form.locator(label).isVisible(), true, `${label} is visible`);
    }
    assert.equal(await form.locator('button[type="submit"]').isVisible(), true);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
