import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/accounts/staff-guard.js';
import { type StaffSession, staffSession } from '../admin-support.js';
import { photo } from '../media-support.js';
import { launchChromium, screenshotPath, watchForErrors } from '../support/browser.js';
import { formatVnuErrors, javaSkip, validateHtml } from '../support/html-validator.js';
import { chromiumSkip } from '../support/services-available.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const skip = chromiumSkip();
let site: TestSite;
let origin: string;
let browser: Browser;
let author: StaffSession;
let files: string;

before(async () => {
  if (skip) return;
  site = await startTestSite();
  origin = await site.listen();
  author = await staffSession(site, 'author');
  files = mkdtempSync(join(tmpdir(), 'newsdesk-media-files-'));
  writeFileSync(join(files, 'harbour.jpg'), await photo('jpeg', 1600, 900, 2));
  writeFileSync(join(files, 'notes.jpg'), 'these are notes, not a photograph');
  // A few items already in the library, one without alt text.
  for (const [seed, alt] of [
    [3, 'Fishing boats moored in a row'],
    [4, ''],
  ] as const) {
    await site.services.media.upload({ bytes: await photo('png', 900, 600, seed), alt });
  }
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

function describeViolations(violations: Result[]): string {
  return violations
    .map(
      (v) =>
        `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
    )
    .join('\n');
}

async function signedIn(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  // Generous: several test suites share two cores, and an upload renders a dozen files.
  context.setDefaultTimeout(120_000);
  await context.addCookies([{ name: SESSION_COOKIE, value: author.token, url: origin }]);
  return context;
}

async function axe(page: Page): Promise<Result[]> {
  return (await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()).violations;
}

describe('media library in Chromium', () => {
  test('the library and an item page have no axe violations', { skip }, async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      const problems = watchForErrors(page);
      await page.goto(`${origin}/admin/media/`, { waitUntil: 'load' });
      assert.equal(await page.locator('.media-grid__item').count(), 2);
      const violations = await axe(page);
      assert.equal(
        violations.length,
        0,
        `axe on /admin/media/:\n${describeViolations(violations)}`,
      );
      await page.screenshot({ path: screenshotPath('admin-media-library'), fullPage: true });
      await page
        .getByRole('link', { name: /Details of image/ })
        .first()
        .click();
      await page.waitForURL(/\/admin\/media\/\d+\/$/);
      const itemViolations = await axe(page);
      assert.equal(itemViolations.length, 0, describeViolations(itemViolations));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('uploading with JavaScript off: the form stores the image and the browser shows WebP', {
    skip,
  }, async () => {
    const context = await signedIn({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/admin/media/`, { waitUntil: 'load' });
      await page.getByLabel('Image file').setInputFiles(join(files, 'harbour.jpg'));
      await page.getByLabel('Alt text', { exact: true }).fill('The harbour wall at low tide');
      await page.getByLabel('Credit', { exact: true }).fill('Photo: Test Desk');
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.waitForURL(/\/admin\/media\/\d+\/\?done=uploaded$/);
      assert.match(String(await page.locator('[role=status]').textContent()), /Uploaded/);
      const itemUrl = page.url();
      // The picture's choice is read in a page with JavaScript (the upload ran without it).
      const viewer = await (await signedIn()).newPage();
      viewer.setDefaultTimeout(120_000);
      await viewer.goto(itemUrl, { waitUntil: 'load' });
      await viewer.waitForFunction(() => {
        const el = document.querySelector<HTMLImageElement>('.media-item__figure img');
        return Boolean(el?.complete && el.naturalWidth > 0);
      });
      const shown = await viewer
        .locator('.media-item__figure img')
        .evaluate((el: HTMLImageElement) => ({ src: el.currentSrc, width: el.naturalWidth }));
      await viewer.context().close();
      assert.match(shown.src, /\.webp$/, 'Chromium picks the WebP source');
      assert.ok(shown.width >= 320, `a rendition was loaded: ${shown.width} px`);
      await page.screenshot({ path: screenshotPath('admin-media-uploaded'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test('a refused upload explains why and keeps the typed text; alt text is edited in the grid', {
    skip,
  }, async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/admin/media/`, { waitUntil: 'load' });
      await page.getByLabel('Image file').setInputFiles(join(files, 'notes.jpg'));
      await page.getByLabel('Caption', { exact: true }).fill('Kept caption');
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.waitForLoadState('load');
      assert.match(
        String(await page.locator('[role=alert]').textContent()),
        /not a JPEG, PNG, WebP, AVIF or GIF/,
      );
      assert.equal(await page.getByLabel('Caption', { exact: true }).inputValue(), 'Kept caption');
      const violations = await axe(page);
      assert.equal(violations.length, 0, describeViolations(violations));

      await page.goto(`${origin}/admin/media/`, { waitUntil: 'load' });
      const bare = page.locator('.media-grid__item', { hasText: 'No alt text' }).first();
      const field = bare.locator('textarea[name=alt]');
      await field.fill('Nets drying on the quay');
      await bare.getByRole('button', { name: 'Save alt text' }).click();
      await page.waitForURL(/done=saved/);
      assert.equal(await page.locator('.media-grid__item', { hasText: 'No alt text' }).count(), 0);
      assert.equal((await site.services.media.list({ q: 'nets quay' })).total, 1);
    } finally {
      await context.close();
    }
  });
});

const noJava = javaSkip();
test('the Nu HTML checker finds no errors on the media screens', {
  skip: skip || noJava,
}, async () => {
  const cookies = { [SESSION_COOKIE]: author.token };
  const list = await site.app.inject({ url: '/admin/media/', cookies });
  const id = (await site.services.media.list({})).items[0]!.id;
  const item = await site.app.inject({ url: `/admin/media/${id}/`, cookies });
  const errors = await validateHtml({ library: list.body, item: item.body });
  const count = [...errors.values()].reduce((n, l) => n + l.length, 0);
  assert.equal(count, 0, formatVnuErrors(errors));
});
