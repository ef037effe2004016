import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../src/accounts/staff-guard.js';
import { type StaffSession, staffSession } from '../admin-support.js';
import { launchChromium, screenshotPath, watchForErrors } from '../support/browser.js';
import { chromiumSkip } from '../support/services-available.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const skip = chromiumSkip();
let site: TestSite;
let origin: string;
let browser: Browser;
let admin: StaffSession;
let held: number[] = [];
let categoryId: number;

before(async () => {
  if (skip) return;
  site = await startTestSite({ demo: true });
  origin = await site.listen();
  admin = await staffSession(site, 'administrator');
  const tree = await site.services.taxonomy.categoryTree();
  categoryId = tree.all[0]!.id;
  const [story] = await site.services.articles.list({}, 1, 0, tree);
  assert.ok(story, 'the demo has a published story');
  held = [];
  for (const [i, name] of ['First Holder', 'Second Holder', 'Third Holder'].entries()) {
    held.push(
      await site.services.comments.record({
        articleId: story.id,
        parentId: null,
        authorName: name,
        authorEmail: `holder-${i}@example.org`,
        authorUrl: null,
        body: `Held comment number ${i + 1}.`,
        status: 'pending',
      }),
    );
  }
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function signedIn(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.addCookies([{ name: SESSION_COOKIE, value: admin.token, url: origin }]);
  return context;
}

function describeViolations(violations: Result[]): string {
  return violations
    .map(
      (v) =>
        `  ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
    )
    .join('\n');
}

const status = async (id: number) => (await site.services.comments.find(id))!.status;
const activeItemId = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.commentId ?? null);

describe('moderation queue in Chromium', () => {
  test('a held comment is moderated with keyboard shortcuts only', { skip }, async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      const problems = watchForErrors(page);
      await page.goto(`${origin}/admin/comments/`, { waitUntil: 'load' });
      const newestFirst = [...held].reverse();
      assert.match(
        String(await page.locator('#keyboard-help').textContent()),
        /j next.*a approve/s,
      );

      await page.keyboard.press('j');
      assert.equal(await activeItemId(page), String(newestFirst[0]));
      await page.keyboard.press('j');
      assert.equal(await activeItemId(page), String(newestFirst[1]));
      await page.keyboard.press('k');
      assert.equal(await activeItemId(page), String(newestFirst[0]));

      // Typing in a field inside the item never moderates: open "Reply or ban" by keyboard.
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY')) break;
      }
      assert.ok(await page.evaluate(() => document.activeElement?.tagName === 'SUMMARY'));
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');
      await page.keyboard.type('a s t j');
      assert.equal(await page.locator(`#reply-${newestFirst[0]}`).inputValue(), 'a s t j');
      assert.equal(await status(newestFirst[0]!), 'pending', 'typing did not approve');

      // Back to the item (Shift+Tab out of the field, then k/j move between items).
      await page.evaluate((id) => document.getElementById(`mod-${id}`)?.focus(), newestFirst[0]);
      await page.keyboard.press('a');
      await page.waitForFunction((id) => !document.getElementById(`mod-${id}`), newestFirst[0]);
      assert.equal(await status(newestFirst[0]!), 'approved');
      assert.equal(await activeItemId(page), String(newestFirst[1]), 'focus moves to the next');
      assert.match(String(await page.locator('#mod-live').textContent()), /Approve: Third Holder/);

      await page.keyboard.press('s');
      await page.waitForFunction((id) => !document.getElementById(`mod-${id}`), newestFirst[1]);
      assert.equal(await status(newestFirst[1]!), 'spam');
      await page.keyboard.press('t');
      await page.waitForFunction((id) => !document.getElementById(`mod-${id}`), newestFirst[2]);
      assert.equal(await status(newestFirst[2]!), 'trash');

      const counts = await site.services.comments.countByStatus();
      assert.equal(
        String(await page.locator('[data-count-for="pending"]').textContent()),
        String(counts.pending),
      );
      assert.equal(
        String(await page.locator('[data-count-for="spam"]').textContent()),
        String(counts.spam),
      );
      await page.screenshot({
        path: screenshotPath('admin-moderation-after-keyboard'),
        fullPage: true,
      });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the same actions work as plain forms', { skip }, async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: SESSION_COOKIE, value: admin.token, url: origin }]);
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/admin/comments/?status=trash`, { waitUntil: 'load' });
      const id = held[0]!; // the oldest, trashed by the keyboard test
      await page.locator(`#mod-${id} button[data-action="restore"]`).click();
      await page.waitForURL(/done=restore/);
      assert.equal(await status(id), 'pending');
      assert.match(String(await page.locator('.notice').textContent()), /Restored to pending/);
    } finally {
      await context.close();
    }
  });
});

describe('newsroom screens pass axe-core (WCAG 2.2 AA) with no console or CSP errors', () => {
  const screens = [
    ['dashboard', '/admin/'],
    ['comments', '/admin/comments/'],
    ['comments-spam', '/admin/comments/?status=spam'],
    ['bans', '/admin/comments/bans/'],
    ['settings', '/admin/settings/'],
    ['users', '/admin/users/'],
    ['categories', '/admin/categories/'],
    ['category-edit', '/admin/categories/:id/'],
    ['tags', '/admin/tags/'],
    ['profile', '/admin/profile/'],
  ] as const;
  for (const [name, path] of screens) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`${name} in ${colorScheme} mode`, { skip }, async () => {
        const context = await signedIn({ colorScheme });
        try {
          const page = await context.newPage();
          const problems = watchForErrors(page);
          const url = `${origin}${path.replace(':id', String(categoryId))}`;
          const response = await page.goto(url, { waitUntil: 'load' });
          assert.equal(response?.status(), 200);
          const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
          await page.screenshot({
            path: screenshotPath(`admin-${name}-${colorScheme}`),
            fullPage: true,
          });
          assert.ok(results.passes.length > 0);
          assert.equal(
            results.violations.length,
            0,
            `axe-core violations on ${path}:\n${describeViolations(results.violations)}`,
          );
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });
    }
  }

  test('the settings form with errors is accessible too', { skip }, async () => {
    const context = await signedIn();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/admin/settings/`, { waitUntil: 'load' });
      await page.fill('#field-postsPerPage', '-5');
      await page.click('button[type="submit"]:has-text("Save settings")');
      await page.waitForLoadState('load');
      assert.match(
        String(await page.locator('#form-errors').textContent()),
        /Enter a number from 1 to 100/,
      );
      assert.equal(await page.locator('#field-postsPerPage').inputValue(), '-5');
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      await page.screenshot({ path: screenshotPath('admin-settings-errors'), fullPage: true });
      assert.equal(results.violations.length, 0, describeViolations(results.violations));
    } finally {
      await context.close();
    }
  });
});
