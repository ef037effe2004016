import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { createStaff, PASSWORD } from '../admin-support.js';
import { launchChromium, screenshotPath, watchForErrors } from '../support/browser.js';
import { chromiumSkip } from '../support/services-available.js';
import { startTestSite, type TestSite } from '../support/test-site.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const skip = chromiumSkip();
let site: TestSite;
let origin: string;
let browser: Browser;
let editorId: number;
let editor2Id: number;
const people = {
  editor: 'editor@newsroom.example',
  editor2: 'editor2@newsroom.example',
  contributor: 'contributor@newsroom.example',
};

before(async () => {
  if (skip) return;
  site = await startTestSite();
  origin = await site.listen();
  editorId = await createStaff(site, 'editor', people.editor);
  editor2Id = await createStaff(site, 'editor', people.editor2);
  await createStaff(site, 'contributor', people.contributor);
  await site.services.taxonomy.createCategory({ name: 'Harbour' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** A fresh browser profile that records CSP violations (the init script is exempt from CSP). */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The machine running the suite may be busy: be patient rather than flaky.
  context.setDefaultTimeout(60_000);
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  return context;
}

async function logIn(page: Page, email: string) {
  await page.goto(`${origin}/admin/login/`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForURL(/\/admin\/$/), page.click('form button[type="submit"]')]);
}

const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

function describeViolations(violations: Result[]): string {
  return violations
    .map(
      (v) => `  ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')}`,
    )
    .join('\n');
}

async function expectAxeClean(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  assert.equal(violations.length, 0, `axe on ${what}:\n${describeViolations(violations)}`);
}

async function waitForStatus(page: Page, text: string, timeout = 45_000) {
  await page.waitForFunction(
    (t) => document.getElementById('autosave-status')?.textContent?.startsWith(t),
    text,
    { timeout },
  );
}

const editorHtml = (page: Page) => page.locator('#article-body-editor').innerHTML();

/** Uploads a real image through the media library's endpoint, as the signed-in person. */
async function uploadImage(page: Page): Promise<number> {
  const csrf = await page.locator('input[name="_csrf"]').first().inputValue();
  const png = await sharp({
    create: { width: 640, height: 400, channels: 3, background: { r: 30, g: 90, b: 140 } },
  })
    .png()
    .toBuffer();
  const response = await page.request.post(`${origin}/admin/api/media`, {
    headers: { 'x-csrf-token': csrf, origin },
    multipart: {
      file: { name: 'harbour.png', mimeType: 'image/png', buffer: png },
      alt: 'The harbour wall after the storm',
      caption: 'The wall held.',
      credit: 'Photo: Test Desk',
    },
  });
  assert.equal(response.status(), 201, await response.text());
  return ((await response.json()) as { item: { id: number } }).item.id;
}

describe('newsroom editor in Chromium', () => {
  test('an editor writes, schedules, publishes, edits and restores an article', {
    skip,
  }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      const problems = watchForErrors(page);
      const thirdParty: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) thirdParty.push(r.url());
      });
      await logIn(page, people.editor);
      const mediaId = await uploadImage(page);

      await page.goto(`${origin}/admin/articles/new/`);
      await page.waitForSelector('#article-body-editor');
      await page.fill('#field-headline', 'Harbour wall holds in the storm');
      await page.click('#article-body-editor');
      await page.keyboard.type('The sea wall held overnight.');
      await page.keyboard.press('Enter');
      await page.click('[data-tool="h2"]');
      await page.keyboard.type('What was damaged');
      await page.keyboard.press('Enter');
      await page.click('[data-tool="bullets"]');
      await page.keyboard.type('The north pier');
      await page.keyboard.press('Enter');
      await page.keyboard.type('Two moorings');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      // An image from the media library, with its caption and credit.
      await page.click('[data-tool="image"]');
      await page.fill('#media-q', 'harbour');
      await page.click('.editor-dialog button:has-text("Search")');
      await page.click('.media-results button');
      assert.equal(await page.inputValue('#image-caption'), 'The wall held.');
      await page.click('.editor-dialog button:has-text("Insert image")');
      // The same image as the featured image, through the picker.
      await page.click('[data-pick="featuredImageId"]');
      await page.fill('#media-q', 'harbour');
      await page.click('.editor-dialog button:has-text("Search")');
      await page.click(`.media-results button[data-media-id="${mediaId}"]`);
      await page.waitForSelector('dialog[open]', { state: 'detached' });
      assert.equal(await page.inputValue('#field-featuredImageId'), String(mediaId));
      const html = await editorHtml(page);
      assert.match(html, /<h2>What was damaged<\/h2>/);
      assert.match(
        html,
        /<ul><li><p>The north pier<\/p><\/li><li><p>Two moorings<\/p><\/li><\/ul>/,
      );
      assert.match(
        html,
        /<figure><img src="\/media\/[^"]+" alt="The harbour wall after the storm"[^>]*><figcaption>The wall held\. <small>Photo: Test Desk<\/small><\/figcaption><\/figure>/,
      );

      // Autosave creates the article and moves the address to its edit page.
      await waitForStatus(page, 'Saved');
      await page.waitForURL(/\/admin\/articles\/\d+\/edit\/$/);
      const id = Number(page.url().match(/articles\/(\d+)\/edit/)![1]);
      await expectAxeClean(page, 'the edit page with the rich-text editor');
      await page.screenshot({ path: screenshotPath('newsroom-editor-writing'), fullPage: true });

      // Schedule an hour ahead (local time), then publish it now.
      const when = await page.evaluate(() => {
        const t = new Date(Date.now() + 3_600_000);
        return new Date(t.getTime() - t.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      });
      await page.fill('#field-scheduleAt', when);
      await Promise.all([page.waitForURL(/done=schedule/), page.click('button[value="schedule"]')]);
      assert.equal(await page.textContent('#article-status'), 'Scheduled');
      const actor = { id: 0, name: 'test', role: 'administrator' as const };
      const scheduled = await site.services.newsroom.view(actor, id);
      assert.equal(scheduled.status, 'scheduled');
      assert.equal(scheduled.featuredImageId, mediaId);
      // Exactly the local time typed, converted to UTC by the browser's own rules.
      const expectedUtc = await page.evaluate((local) => new Date(local).toISOString(), when);
      assert.equal(scheduled.publishedAt, expectedUtc);
      await Promise.all([page.waitForURL(/done=publish/), page.click('button[value="publish"]')]);
      assert.equal(await page.textContent('#article-status'), 'Published');

      // The public site shows it.
      const publicPath = await page.getAttribute('a:has-text("View on the site")', 'href');
      await page.goto(`${origin}${publicPath}`);
      assert.equal(await page.textContent('h1'), 'Harbour wall holds in the storm');
      assert.equal(await page.locator('article h2:has-text("What was damaged")').count(), 1);
      assert.equal(await page.locator('article li:has-text("Two moorings")').count(), 1);
      assert.match((await page.textContent('figcaption'))!, /The wall held\. Photo: Test Desk/);
      await page.screenshot({ path: screenshotPath('newsroom-editor-published'), fullPage: true });

      // Edit: a new headline, saved with the form button.
      await page.goto(`${origin}/admin/articles/${id}/edit/`);
      await page.waitForSelector('#article-body-editor');
      await page.fill('#field-headline', 'Harbour wall fails in the storm');
      // The autosave of a live article is kept aside: the site still shows what was published.
      await waitForStatus(page, 'Changes saved as a draft — not live until you press Update');
      assert.equal(
        (await site.services.newsroom.view(actor, id)).headline,
        'Harbour wall holds in the storm',
      );
      await Promise.all([page.waitForURL(/done=save/), page.click('button[value="save"]')]);
      assert.equal(await page.inputValue('#field-headline'), 'Harbour wall fails in the storm');

      // Compare with the published revision and restore it.
      // (Skipping the autosave kept aside above: it holds the new headline too.)
      const olderCompare = page
        .locator('.revision-list li')
        .filter({ hasNotText: 'autosave' })
        .nth(1)
        .locator('a');
      await olderCompare.click();
      await page.waitForSelector('.revision-diff');
      assert.equal(await page.textContent('.revision-diff del'), 'holds');
      assert.equal(await page.textContent('.revision-diff ins'), 'fails');
      await expectAxeClean(page, 'the revision comparison');
      await page.screenshot({ path: screenshotPath('newsroom-editor-diff'), fullPage: true });
      await Promise.all([
        page.waitForURL(/done=restored/),
        page.click('button:has-text("Restore revision")'),
      ]);
      assert.equal(await page.inputValue('#field-headline'), 'Harbour wall holds in the storm');
      assert.equal(
        (await site.services.newsroom.view(actor, id)).headline,
        'Harbour wall holds in the storm',
      );

      await page.goto(`${origin}/admin/articles/`);
      assert.equal(await page.locator('.article-table tbody tr').count(), 1);
      await expectAxeClean(page, 'the article list');
      await page.screenshot({ path: screenshotPath('newsroom-article-list'), fullPage: true });
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
      assert.deepEqual(thirdParty, []);
    } finally {
      await context.close();
    }
  });

  test('the toolbar works from the keyboard alone; Markdown paste and embeds', {
    skip,
  }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      const problems = watchForErrors(page);
      const thirdParty: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(origin)) thirdParty.push(r.url());
      });
      await logIn(page, people.editor);
      await page.goto(`${origin}/admin/articles/new/`);
      await page.waitForSelector('#article-body-editor');
      await page.focus('#field-slug');
      await page.keyboard.press('Tab');
      const focused = () =>
        page.evaluate(
          () =>
            (document.activeElement as HTMLElement | null)?.dataset.tool ??
            document.activeElement?.id,
        );
      assert.equal(await focused(), 'h2', 'Tab enters the toolbar at its first button');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.equal(await focused(), 'bold');
      await page.keyboard.press('End');
      assert.equal(await focused(), 'embed');
      await page.keyboard.press('Home');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'article-body-editor', 'one Tab stop for the whole toolbar');
      await page.keyboard.type('Keyboard heading');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(), 'h2');
      await page.keyboard.press('Enter');
      assert.equal(await page.getAttribute('[data-tool="h2"]', 'aria-pressed'), 'true');
      assert.match(await editorHtml(page), /<h2>Keyboard heading<\/h2>/);
      assert.equal(await focused(), 'article-body-editor', 'the action returns focus to the text');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      // Open the embed dialog from the keyboard and insert a YouTube placeholder.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.waitForSelector('dialog[open] #embed-url');
      await page.keyboard.type('https://www.youtube.com/evil');
      await page.keyboard.press('Enter');
      await page.waitForSelector('dialog[open] [role="alert"]');
      await page.fill('#embed-url', 'https://youtu.be/dQw4w9WgXcQ');
      await page.keyboard.press('Enter');
      await page.waitForSelector('dialog[open]', { state: 'detached' });
      assert.match(
        await editorHtml(page),
        /<figure data-embed="youtube"[^>]*><a href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"[^>]*>Watch the video on YouTube/,
      );
      // Markdown pasted as plain text becomes formatting.
      await page.click('#article-body-editor');
      await page.keyboard.press('Control+End');
      await page.evaluate(() => {
        const data = new DataTransfer();
        data.setData('text/plain', '## Pasted section\n\n- first point\n- **second** point\n');
        const target = document.querySelector('#article-body-editor')!;
        target.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      });
      const html = await editorHtml(page);
      assert.match(html, /<h2>Pasted section<\/h2>/);
      assert.match(html, /<li><p><strong>second<\/strong> point<\/p><\/li>/);
      await expectAxeClean(page, 'the new-article page');
      await page.screenshot({ path: screenshotPath('newsroom-editor-keyboard'), fullPage: true });
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
      assert.deepEqual(thirdParty, [], 'an embed loads nothing from its provider');
    } finally {
      await context.close();
    }
  });

  test('autosave survives going offline and catches up', { skip }, async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      const problems = watchForErrors(page);
      await logIn(page, people.editor);
      await page.goto(`${origin}/admin/articles/new/`);
      await page.waitForSelector('#article-body-editor');
      await page.fill('#field-headline', 'Offline notes');
      await page.click('#article-body-editor');
      await page.keyboard.type('Typed online.');
      await waitForStatus(page, 'Saved');
      await page.waitForURL(/\/edit\/$/);
      const id = Number(page.url().match(/articles\/(\d+)\/edit/)![1]);

      await context.setOffline(true);
      await page.keyboard.type(' Typed offline, every keystroke.');
      await waitForStatus(page, 'Offline — will retry');
      const kept = await page.evaluate(
        (key) => localStorage.getItem(key),
        `newsdesk:article:${id}`,
      );
      assert.match(
        kept ?? '',
        /Typed offline, every keystroke\./,
        'the unsaved text is in localStorage',
      );
      await page.keyboard.type(' More.');
      await context.setOffline(false);
      await waitForStatus(page, 'Saved', 60_000);
      const actor = { id: 0, name: 'test', role: 'administrator' as const };
      const saved = await site.services.newsroom.view(actor, id);
      assert.match(saved.bodyHtml, /Typed online\. Typed offline, every keystroke\. More\./);
      assert.equal(
        await page.evaluate((key) => localStorage.getItem(key), `newsdesk:article:${id}`),
        null,
        'the local copy is dropped once the server has it',
      );
      await page.screenshot({ path: screenshotPath('newsroom-editor-autosave'), fullPage: true });
      assert.deepEqual(await cspViolations(page), []);
      // The only console errors are the browser's own reports of the requests that failed offline.
      assert.deepEqual(
        problems.filter((p) => !p.includes('net::ERR_INTERNET_DISCONNECTED')),
        [],
      );
    } finally {
      await context.close();
    }
  });

  test('a contributor submits for review and an editor publishes', { skip }, async () => {
    const contributorContext = await newContext();
    const editorContext = await newContext();
    try {
      const page = await contributorContext.newPage();
      const problems = watchForErrors(page);
      await logIn(page, people.contributor);
      await page.goto(`${origin}/admin/articles/new/`);
      await page.waitForSelector('#article-body-editor');
      assert.equal(await page.locator('button[value="publish"]').count(), 0);
      await page.fill('#field-headline', 'Lifeboat crew honoured');
      await page.click('#article-body-editor');
      await page.keyboard.type('The crew received medals.');
      await Promise.all([page.waitForURL(/done=submit/), page.click('button[value="submit"]')]);
      assert.equal(await page.textContent('#article-status'), 'In review');
      const id = Number(page.url().match(/articles\/(\d+)\/edit/)![1]);

      const editorPage = await editorContext.newPage();
      const editorProblems = watchForErrors(editorPage);
      await logIn(editorPage, people.editor);
      await editorPage.goto(`${origin}/admin/articles/?status=pending`);
      await editorPage.click('a:has-text("Lifeboat crew honoured")');
      await editorPage.waitForSelector('#article-body-editor');
      await Promise.all([
        editorPage.waitForURL(/done=publish/),
        editorPage.click('button[value="publish"]'),
      ]);
      const publicPath = await editorPage.getAttribute('a:has-text("View on the site")', 'href');
      const reader = await editorContext.newPage();
      const res = await reader.goto(`${origin}${publicPath}`);
      assert.equal(res?.status(), 200);
      assert.match((await reader.textContent('article'))!, /The crew received medals\./);
      const actor = { id: 0, name: 'test', role: 'administrator' as const };
      assert.equal((await site.services.newsroom.view(actor, id)).status, 'published');
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(await cspViolations(editorPage), []);
      assert.deepEqual([...problems, ...editorProblems], []);
    } finally {
      await contributorContext.close();
      await editorContext.close();
    }
  });

  test('leaving the editor releases the edit lock at once', { skip }, async () => {
    const first = await newContext();
    const second = await newContext();
    try {
      const page = await first.newPage();
      const problems = watchForErrors(page);
      await logIn(page, people.editor);
      await page.goto(`${origin}/admin/articles/new/`);
      await page.fill('#field-headline', 'Lock released on leaving');
      await Promise.all([page.waitForURL(/done=save/), page.click('button[value="save"]')]);
      const id = Number(page.url().match(/articles\/(\d+)\/edit/)![1]);
      await page.waitForSelector('#article-body-editor');
      const actor = { id: 0, name: 'test', role: 'administrator' as const };
      const lockOf = async () => (await site.services.newsroom.view(actor, id)).lock;
      // Saving the form kept the lock (no beacon on a form post): it is the editor's.
      assert.equal((await lockOf())?.userId, editorId);

      // Leaving the page: the pagehide beacon frees it well before its two minutes.
      await page.goto(`${origin}/admin/articles/`);
      const deadline = Date.now() + 10_000;
      while ((await lockOf()) !== null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(await lockOf(), null, 'the lock was released on pagehide');

      const other = await second.newPage();
      await logIn(other, people.editor2);
      await other.goto(`${origin}/admin/articles/${id}/edit/`);
      await other.waitForSelector('#article-body-editor');
      assert.equal(await other.locator('#edit-lock').count(), 0, 'no lock warning');
      assert.equal((await lockOf())?.userId, editor2Id, 'the second editor holds it now');
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
