import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Actor } from '../src/newsroom/newsroom.js';
import { launchChromium, watchForErrors } from './support/browser.js';
import { formatVnuErrors, javaSkip, validateHtml } from './support/html-validator.js';
import { chromiumSkip } from './support/services-available.js';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
let editor: Actor;
const pages: Record<string, string> = {};

before(async () => {
  site = await startTestSite();
  const id = await site.services.taxonomy.createAuthor({
    name: 'Page Editor',
    email: 'pages@newsroom.example',
    role: 'editor',
  });
  editor = { id, name: 'Page Editor', role: 'editor' };
  const { newsroom } = site.services;
  const story = await newsroom.create(editor, {
    headline: 'Ferry timetable changes',
    dek: 'New winter sailings.',
    bodyHtml: '<p>The ferry now leaves at <strong>07:10</strong>.</p>',
  });
  const published = await newsroom.transition(editor, story.article.id, 'publish');
  // 21 corrections: the listing has a second page.
  for (let i = 1; i <= 21; i++) {
    site.clock.now = new Date(site.clock.now.getTime() + 1000);
    await newsroom.addCorrection(
      editor,
      story.article.id,
      i % 2 ? 'correction' : 'update',
      `Fix number ${i}.`,
    );
  }
  site.clock.now = new Date(site.clock.now.getTime() + 1000);
  const draft = await newsroom.create(editor, { headline: 'Unreleased budget draft', lang: 'ar' });
  pages.article = site.services.articles.pathOf({
    type: 'post',
    slug: published.slug,
    publishedAt: published.publishedAt,
  });
  pages.corrections = '/corrections/';
  pages.correctionsPage2 = '/corrections/?page=2';
  pages.preview = `/preview/${draft.article.previewToken}/`;
});
after(() => site.close());

describe('newsroom public pages', () => {
  test('/corrections/ pages through every correction, newest first, 20 a page', async () => {
    const one = await site.app.inject(pages.corrections!);
    assert.equal(one.statusCode, 200);
    assert.match(one.headers['cache-control'] as string, /public/);
    assert.ok(one.body.indexOf('Fix number 21.') < one.body.indexOf('Fix number 20.'));
    assert.doesNotMatch(one.body, /Fix number 1\./);
    assert.match(one.body, /rel="next" href="\/corrections\/\?page=2"/);
    const two = await site.app.inject(pages.correctionsPage2!);
    assert.match(two.body, /Fix number 1\./);
    assert.equal((await site.app.inject('/corrections/?page=0')).statusCode, 400);
  });

  test('the preview of a draft is private, unindexed and not linked from anywhere public', async () => {
    const res = await site.app.inject(pages.preview!);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.match(res.body, /Unreleased budget draft/);
    assert.match(res.body, /lang="ar" dir="rtl"/);
    const home = await site.app.inject('/');
    assert.doesNotMatch(home.body, /Unreleased budget draft/);
  });

  test('the Nu HTML checker finds no errors on them', { skip: javaSkip() }, async () => {
    const documents: Record<string, string> = {};
    for (const [name, path] of Object.entries(pages)) {
      const res = await site.app.inject(path);
      assert.equal(res.statusCode, 200, path);
      documents[name] = res.body;
    }
    const errors = await validateHtml(documents);
    const count = [...errors.values()].reduce((n, list) => n + list.length, 0);
    assert.equal(count, 0, `Nu HTML checker errors:\n${formatVnuErrors(errors)}`);
  });

  test('axe-core finds no violations on them', { skip: chromiumSkip() }, async () => {
    const origin = await site.listen();
    const browser = await launchChromium();
    try {
      for (const [name, path] of Object.entries(pages)) {
        const context = await browser.newContext({ viewport: { width: 375, height: 900 } });
        const page = await context.newPage();
        const problems = watchForErrors(page);
        await page.goto(`${origin}${path}`, { waitUntil: 'load' });
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        assert.deepEqual(
          results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
          [],
          name,
        );
        assert.deepEqual(problems, [], name);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  });
});
