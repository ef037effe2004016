import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { commentSite } from '../comments-support.js';
import { launchChromium, screenshotPath, watchForErrors } from '../support/browser.js';
import { chromiumSkip } from '../support/services-available.js';
import type { TestSite } from '../support/test-site.js';

const skip = chromiumSkip();
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let site: TestSite;
let origin: string;
let browser: Browser;
let path: string;
let articleId: number;
let parentId: number;

before(async () => {
  if (skip) return;
  const made = await commentSite();
  site = made.site;
  articleId = made.ids.open;
  path = await made.pathOf(articleId);
  parentId = await site.services.comments.record({
    articleId,
    parentId: null,
    authorName: 'Selin Aydın',
    authorEmail: 'selin@example.org',
    authorUrl: 'https://selin.example.org',
    body: 'The wall looks *much* better.\n\nSee https://example.org/wall',
    status: 'approved',
  });
  origin = await site.listen();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

/** axe needs script: a page seen with JavaScript off is checked as a copy in a scripted context. */
async function axeOfCopy(html: string, label: string) {
  const context = await browser.newContext({ bypassCSP: false });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/robots.txt`);
    await page.setContent(html, { waitUntil: 'load' });
    await axe(page, label);
  } finally {
    await context.close();
  }
}

async function axe(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .include('#comments, .comment-refused')
    .withTags(WCAG_TAGS)
    .analyze();
  assert.deepEqual(
    results.violations.map(
      (v) => `${label}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
    [],
  );
}

test('with JavaScript: Reply moves the form, Cancel puts it back, posting happens in place', {
  skip,
}, async () => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
  try {
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await page.goto(`${origin}${path}`);
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await axe(page, 'article');

    await page.click(`#comment-${parentId} .comment__reply`);
    assert.equal(page.url(), `${origin}${path}`, 'the Reply link did not navigate');
    assert.equal(await page.locator(`#comment-${parentId} #respond`).count(), 1);
    assert.equal(await page.inputValue('#comment-parent'), String(parentId));
    assert.match((await page.textContent('#respond-title'))!, /Reply to Selin Aydın/);
    assert.equal(await page.isVisible('#cancel-comment-reply-link'), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'comment-body');
    await axe(page, 'replying');

    await page.click('#cancel-comment-reply-link');
    assert.equal(await page.locator(`#comment-${parentId} #respond`).count(), 0);
    assert.equal(await page.inputValue('#comment-parent'), '');
    assert.equal(await page.isVisible('#cancel-comment-reply-link'), false);

    // A server-side refusal shows next to the field and keeps the text.
    await page.click(`#comment-${parentId} .comment__reply`);
    await page.fill('#comment-body', 'My in-place reply');
    await page.fill('#comment-name', 'Ozan');
    await page.fill('#comment-email', 'ozan@localhost');
    await page.click('#comment-submit');
    await page.waitForSelector('#comment-email-error');
    assert.equal(await page.inputValue('#comment-body'), 'My in-place reply');
    assert.equal(await page.getAttribute('#comment-email', 'aria-invalid'), 'true');
    await axe(page, 'error');

    await page.fill('#comment-email', 'ozan@example.org');
    await page.click('#comment-submit');
    const reply = page.locator(`#comment-${parentId} .comment-list--replies .comment`);
    await reply.first().waitFor();
    assert.match((await reply.first().textContent())!, /My in-place reply/);
    assert.equal(await page.locator('#comment-email-error').count(), 0);
    assert.match((await page.textContent('#comments-title'))!, /2 comments/);
    assert.equal(await page.inputValue('#comment-body'), '');
    assert.equal(
      await page.locator(`#comment-${parentId} #respond`).count(),
      0,
      'the form went home',
    );
    assert.equal(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
      true,
      'no reload happened',
    );
    await page.screenshot({
      path: screenshotPath('comments-after-in-place-reply'),
      fullPage: true,
    });
    // The refused post above is a 400 on purpose.
    assert.deepEqual(
      problems.filter((p) => !p.includes('status of 400')),
      [],
    );
  } finally {
    await context.close();
  }
});

test('new comments appear live on another open page and the count follows', { skip }, async () => {
  const context = await browser.newContext();
  try {
    const reader = await context.newPage();
    const problems = watchForErrors(reader);
    await reader.goto(`${origin}${path}`);
    const before = Number(await reader.getAttribute('#comments-title', 'data-count'));
    // Give the EventSource a moment to connect, then post from elsewhere (no browser involved).
    await reader.waitForSelector('#comments[data-live="open"]');
    const token = await site.services.comments.formToken(articleId);
    site.clock.now = new Date(site.clock.now.getTime() + 10_000);
    const posted = await fetch(`${origin}/api/comments`, {
      method: 'POST',
      body: new URLSearchParams({
        article_id: String(articleId),
        form_token: token,
        comment: 'Arrived while you were reading',
        author_name: 'Live Poster',
        author_email: 'live@example.org',
      }),
    });
    assert.equal(posted.status, 201);
    await reader.waitForSelector('text=Arrived while you were reading', { timeout: 5000 });
    assert.equal(Number(await reader.getAttribute('#comments-title', 'data-count')), before + 1);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('without JavaScript: the Reply link, the form post and the held-comment view all work', {
  skip,
}, async () => {
  await site.services.settings.set('commentHoldFirstComment', true);
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const problems = watchForErrors(page);
    await page.goto(`${origin}${path}`);
    await page.click(`#comment-${parentId} .comment__reply`);
    assert.ok(page.url().includes(`replytocom=${parentId}`));
    assert.match((await page.textContent('#respond-title'))!, /Reply to Selin Aydın/);
    // Let the render-time token age past the minimum (the app's clock is the test's).
    site.clock.now = new Date(site.clock.now.getTime() + 10_000);
    await page.fill('#comment-body', 'No script needed');
    await page.fill('#comment-name', 'Plain Reader');
    await page.fill('#comment-email', 'plain@example.org');
    await page.check('#comment-remember');
    await Promise.all([page.waitForNavigation(), page.click('#comment-submit')]);
    const url = new URL(page.url());
    assert.match(url.search, /posted=\d+/);
    const id = url.hash.replace('#comment-', '');
    const mine = page.locator(`#comment-${id}`);
    assert.match((await mine.textContent())!, /No script needed/);
    assert.match((await mine.textContent())!, /awaiting moderation/);
    assert.equal(await page.inputValue('#comment-name'), 'Plain Reader');
    await axeOfCopy(await page.content(), 'held');

    // Another browser sees nothing of it.
    const stranger = await browser.newContext({ javaScriptEnabled: false });
    const other = await stranger.newPage();
    await other.goto(`${origin}${path}`);
    assert.equal(await other.locator(`#comment-${id}`).count(), 0);
    assert.equal(await other.inputValue('#comment-name'), '');
    await stranger.close();

    // A refused post shows a page with the error next to the field and the text kept.
    // (The browser may show its cached public copy of the page here, without the remembered name.)
    await page.goto(`${origin}${path}`);
    await page.fill('#comment-body', 'Second try');
    await page.fill('#comment-name', 'Plain Reader');
    await page.fill('#comment-email', 'plain@localhost');
    await Promise.all([page.waitForNavigation(), page.click('#comment-submit')]);
    assert.equal(await page.inputValue('#comment-body'), 'Second try');
    assert.equal(await page.isVisible('#comment-email-error'), true);
    await axeOfCopy(await page.content(), 'refused');
    assert.deepEqual(
      problems.filter((p) => !p.includes('status of 400')),
      [],
    );
  } finally {
    await context.close();
    await site.services.settings.set('commentHoldFirstComment', false);
  }
});
