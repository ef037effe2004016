import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { wordpressImporterFor } from '../src/cli/import-command.js';
import { launchChromium, watchForErrors } from './support/browser.js';
import { formatVnuErrors, javaSkip, validateHtml } from './support/html-validator.js';
import { chromiumSkip } from './support/services-available.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/wordpress/millbrook-courier.xml');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Imported pages that exercise every conversion: shortcodes, galleries, blocks, RTL, threads. */
const PAGES = {
  classic: '/2024/03/14/old-mill-bridge-to-close-for-six-weeks/',
  blocks: '/2024/03/18/river-levels-fall-after-a-week-of-flooding/',
  turkish: '/2024/05/02/istanbuldan-gelen-kutuphane-otobusu-millbrookta/',
  preformatted: '/2024/06/09/harriers-win-the-valley-relay/',
  arabic: '', // filled in once the slug is known
  section: '/category/news/valley/town-hall/',
  page: '/about/',
  home: '/',
};

describe('imported pages are valid and accessible', () => {
  let site: TestSite;
  let workDir: string;

  before(async () => {
    site = await startTestSite({
      env: { SITE_TIMEZONE: 'Europe/London' },
      now: new Date('2026-06-01T12:00:00Z'),
    });
    workDir = mkdtempSync(join(tmpdir(), 'newsdesk-wp-pages-'));
    const uploads = join(workDir, 'uploads');
    for (const [path, w, h] of [
      ['2024/03/old-mill-bridge.jpg', 120, 80],
      ['2024/03/river-gauge.jpg', 90, 60],
      ['2024/03/ferry-lane-sandbags.jpg', 64, 48],
    ] as const) {
      const file = join(uploads, path);
      mkdirSync(dirname(file), { recursive: true });
      await sharp({ create: { width: w, height: h, channels: 3, background: '#305070' } })
        .jpeg()
        .toFile(file);
    }
    const importer = await wordpressImporterFor(site.services, site.config);
    await importer.run({ file: FIXTURE, uploadsDir: uploads });
    const arabic = await site.storage.db
      .selectFrom('articles')
      .select('slug')
      .where('lang', '=', 'ar')
      .executeTakeFirstOrThrow();
    PAGES.arabic = `/2024/06/15/${arabic.slug}/`;
  });
  after(async () => {
    await site?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  test('the Nu HTML checker finds no errors', { skip: javaSkip() }, async () => {
    const documents: Record<string, string> = {};
    for (const [name, path] of Object.entries(PAGES)) {
      const res = await site.app.inject(path);
      assert.equal(res.statusCode, 200, path);
      documents[name] = res.body;
    }
    const errors = await validateHtml(documents);
    const count = [...errors.values()].reduce((n, list) => n + list.length, 0);
    assert.equal(count, 0, `Nu HTML checker errors:\n${formatVnuErrors(errors)}`);
  });

  describe('in Chromium', { skip: chromiumSkip() }, () => {
    let browser: Browser;
    let origin: string;
    before(async () => {
      origin = await site.listen();
      browser = await launchChromium();
    });
    after(() => browser?.close());

    for (const name of Object.keys(PAGES) as (keyof typeof PAGES)[]) {
      test(`${name}: no axe violations, console errors or CSP violations`, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        try {
          const page = await context.newPage();
          const problems = watchForErrors(page);
          const response = await page.goto(`${origin}${PAGES[name]}`, { waitUntil: 'load' });
          assert.equal(response?.status(), 200);
          const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
          assert.ok(results.passes.length > 0, 'axe-core ran no checks');
          assert.deepEqual(
            results.violations.map(
              (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            ),
            [],
          );
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  });
});
