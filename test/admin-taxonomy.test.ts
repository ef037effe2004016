import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { get, post, type StaffSession, staffSession } from './admin-support.js';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
let editor: StaffSession;
let article: number;

before(async () => {
  site = await startTestSite({ now: new Date('2026-06-01T12:00:00Z') });
  editor = await staffSession(site, 'editor');
});
after(() => site.close());

const tree = () => site.services.taxonomy.categoryTree();

describe('categories screen', () => {
  test('creates categories with a parent, slug and description', async () => {
    const res = await post(site, editor, '/admin/categories/', {
      name: 'News',
      slug: '',
      description: 'What happened.',
      parentId: '',
    });
    assert.equal(res.statusCode, 303);
    const news = (await tree()).bySlug.get('news')!;
    assert.equal(news.description, 'What happened.');
    const child = await post(site, editor, '/admin/categories/', {
      name: 'Harbour Affairs',
      slug: 'harbour',
      description: '',
      parentId: String(news.id),
    });
    assert.equal(child.statusCode, 303);
    const harbour = (await tree()).bySlug.get('harbour')!;
    assert.equal(harbour.parentId, news.id);
    article = await site.services.articles.create({
      title: 'Wall repaired',
      bodyHtml: '<p>Text.</p>',
      authorIds: [],
      status: 'published',
      publishedAt: '2026-05-30T09:00:00.000Z',
      primaryCategoryId: harbour.id,
      categoryIds: [harbour.id],
      tagIds: [
        await site.services.taxonomy.ensureTag('Ferries'),
        await site.services.taxonomy.ensureTag('Boats'),
      ],
    });
    const list = await get(site, editor, '/admin/categories/');
    assert.match(list.body, /\/category\/news\/harbour\//);
  });

  test('bad input shows the form again with the errors and what was typed', async () => {
    const res = await post(site, editor, '/admin/categories/', {
      name: '',
      slug: 'news',
      description: 'typed text',
      parentId: '99999',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /A category needs a name\./);
    assert.match(res.body, /already used by another category/);
    assert.match(res.body, /That parent category does not exist\./);
    assert.match(res.body, />typed text<\/textarea>/);
  });

  test('a changed slug answers 301 from every old address; a loop of parents is refused', async () => {
    const t = await tree();
    const harbour = t.bySlug.get('harbour')!;
    const news = t.bySlug.get('news')!;
    const res = await post(site, editor, `/admin/categories/${harbour.id}/`, {
      name: 'Harbour and Port',
      slug: 'port',
      description: 'Ships.',
      parentId: String(news.id),
    });
    assert.equal(res.statusCode, 303);
    const old = await site.app.inject('/category/news/harbour/');
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/category/news/port/');
    const oldPage = await site.app.inject('/category/news/harbour/page/1/');
    assert.equal(oldPage.statusCode, 301);
    const now = await site.app.inject('/category/news/port/');
    assert.equal(now.statusCode, 200);
    assert.match(now.body, /Wall repaired/);

    const loop = await post(site, editor, `/admin/categories/${news.id}/`, {
      name: 'News',
      slug: 'news',
      description: '',
      parentId: String(harbour.id),
    });
    assert.equal(loop.statusCode, 400);
    assert.match(loop.body, /cannot sit inside itself/);
    assert.equal((await tree()).byId.get(news.id)!.parentId, null);
  });

  test('deleting a category moves its stories into the chosen one and its old address follows', async () => {
    const t = await tree();
    const port = t.bySlug.get('port')!;
    const news = t.bySlug.get('news')!;
    const res = await post(site, editor, `/admin/categories/${port.id}/delete/`, {
      intoId: String(news.id),
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await tree()).byId.get(port.id), undefined);
    const record = await site.services.repositories.articles.findById(article);
    assert.equal(record!.primaryCategoryId, news.id);
    const old = await site.app.inject('/category/news/port/');
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/category/news/');
  });
});

describe('tags screen', () => {
  test('lists tags with counts, renames with a 301 from the old slug, merges', async () => {
    const tags = await site.services.taxonomy.listAllTags();
    const ferries = tags.find((t) => t.slug === 'ferries');
    const boats = tags.find((t) => t.slug === 'boats');
    assert.ok(ferries && boats, `tags created with the article: ${JSON.stringify(tags)}`);
    const list = await get(site, editor, '/admin/tags/');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Ferries<\/a><\/td><td>\/tag\/ferries\/<\/td><td>1</);

    const rename = await post(site, editor, `/admin/tags/${ferries.id}/`, {
      name: 'Ferry services',
      slug: 'ferry-services',
    });
    assert.equal(rename.statusCode, 303);
    const old = await site.app.inject('/tag/ferries/');
    assert.equal(old.statusCode, 301);
    assert.equal(old.headers.location, '/tag/ferry-services/');

    const taken = await post(site, editor, `/admin/tags/${ferries.id}/`, {
      name: 'Ferry services',
      slug: 'boats',
    });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /already the slug of Boats/);

    const merge = await post(site, editor, `/admin/tags/${boats.id}/delete/`, {
      intoId: String(ferries.id),
    });
    assert.equal(merge.statusCode, 303);
    const after = await site.services.taxonomy.listAllTags();
    assert.ok(!after.some((t) => t.id === boats.id));
    assert.equal(after.find((t) => t.id === ferries.id)!.count, 1, 'no duplicate pairs');
    const boatsLink = await site.app.inject('/tag/boats/');
    assert.equal(boatsLink.headers.location, '/tag/ferry-services/');
  });

  test('authors and contributors cannot manage categories or tags', async () => {
    for (const role of ['author', 'contributor'] as const) {
      const person = await staffSession(site, role);
      assert.equal((await get(site, person, '/admin/tags/')).statusCode, 403);
      const res = await post(site, person, '/admin/categories/', { name: 'Sneaky' });
      assert.equal(res.statusCode, 403);
    }
    assert.equal((await tree()).bySlug.get('sneaky'), undefined);
  });
});
