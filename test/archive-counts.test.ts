import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../src/newsroom/newsroom.js';
import { startTestSite, type TestSite } from './support/test-site.js';

/**
 * An archive's page count is reused for up to a second (like the first page of lists); a
 * publish or an unpublish must still change it at once, with no page cache in front.
 */
describe('archive page counts follow every change at once', () => {
  let site: TestSite;
  let actor: Actor;
  let sectionId: number;
  const TAG_PATH = '/tag/tally-check/';

  before(async () => {
    site = await startTestSite({ demo: true });
    const editor = await site.services.taxonomy.createAuthor({
      name: 'Tally Editor',
      email: 'tally-editor@example.test',
      role: 'editor',
      slug: 'tally-editor',
    });
    actor = { id: editor, name: 'Tally Editor', role: 'editor' };
    const [section] = (await site.services.taxonomy.categoryTree()).roots();
    sectionId = section!.id;
  });
  after(() => site?.close());

  const status = async (url: string) => (await site.app.inject({ method: 'GET', url })).statusCode;

  async function publishStory(n: number): Promise<number> {
    const { article } = await site.services.newsroom.create(actor, {
      headline: `Tally check story number ${n}`,
      bodyHtml: '<p>A story written to fill an archive page.</p>',
      primaryCategoryId: sectionId,
      categoryIds: [sectionId],
      tags: ['Tally Check'],
    });
    await site.services.newsroom.transition(actor, article.id, 'publish');
    return article.id;
  }

  test('page 2 of a tag appears with its eleventh story and goes with it', async () => {
    const perPage = await site.services.settings.get('postsPerPage');
    for (let n = 1; n <= perPage; n++) await publishStory(n);
    // Read twice so the count is the reused one when the next change comes.
    assert.equal(await status(TAG_PATH), 200);
    assert.equal(await status(`${TAG_PATH}page/2/`), 404);

    const extra = await publishStory(perPage + 1);
    assert.equal(await status(`${TAG_PATH}page/2/`), 200, 'the new page exists at once');

    await site.services.newsroom.transition(actor, extra, 'unpublish');
    assert.equal(await status(`${TAG_PATH}page/2/`), 404, 'and is gone at once');
  });
});
