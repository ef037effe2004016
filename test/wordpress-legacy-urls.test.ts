import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { wordpressImporterFor } from '../src/cli/import-command.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/wordpress/millbrook-courier.xml');

describe('old WordPress links answer 301 to their new home', () => {
  let site: TestSite;
  let workDir: string;
  let arabicSlug: string;

  before(async () => {
    site = await startTestSite({
      env: { SITE_TIMEZONE: 'Europe/London' },
      now: new Date('2026-06-01T12:00:00Z'),
    });
    workDir = mkdtempSync(join(tmpdir(), 'newsdesk-wp-urls-'));
    const uploads = join(workDir, 'uploads');
    const photo = join(uploads, '2024/03/old-mill-bridge.jpg');
    mkdirSync(dirname(photo), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#777777' } })
      .jpeg()
      .toFile(photo);
    const importer = await wordpressImporterFor(site.services, site.config);
    await importer.run({ file: FIXTURE, uploadsDir: uploads });
    const festival = await site.storage.db
      .selectFrom('articles')
      .select('slug')
      .where('lang', '=', 'ar')
      .executeTakeFirstOrThrow();
    arabicSlug = festival.slug;
  });
  after(async () => {
    await site?.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  const BRIDGE = '/2024/03/14/old-mill-bridge-to-close-for-six-weeks/';

  async function expectRedirect(from: string, to: string) {
    const res = await site.app.inject(from);
    assert.equal(res.statusCode, 301, `${from} → ${res.statusCode} ${res.headers.location ?? ''}`);
    assert.equal(res.headers.location, to, from);
    return res;
  }

  test('query-string forms on the front page', async () => {
    await expectRedirect('/?p=10', BRIDGE);
    await expectRedirect('/index.php?p=10', BRIDGE);
    await expectRedirect('/?page_id=30', '/about/');
    await expectRedirect('/?page_id=31', '/corrections-policy/');
    await expectRedirect('/?cat=5', '/category/news/valley/town-hall/');
    await expectRedirect('/?cat=4', '/category/news/valley/');
    await expectRedirect('/?tag=old-mill-bridge', '/tag/old-mill-bridge/');
    await expectRedirect('/?tag=istanbul', '/tag/istanbul/');
    await expectRedirect('/?author=3', '/author/tobrien/');
    await expectRedirect('/?author_name=nhaddad', '/author/nhaddad/');
    await expectRedirect('/?feed=rss2', '/feed/');
    await expectRedirect('/?feed=atom', '/feed/atom/');
    await expectRedirect('/?cat=6&feed=rss2', '/category/sport/feed/');
    await expectRedirect('/?s=bridge', '/search/?q=bridge');
    await expectRedirect('/?m=202403', '/2024/03/');
    await expectRedirect(
      '/?p=11&utm_source=x',
      '/2024/03/18/river-levels-fall-after-a-week-of-flooding/',
    );
    // A 301 is cacheable like the page it points to.
    const res = await site.app.inject('/?p=10');
    assert.match(String(res.headers['cache-control']), /public/);
  });

  test('unknown ids and unpublished stories leave the front page as it is; trashed ones are 410', async () => {
    for (const path of [
      '/?p=999',
      '/?p=15',
      '/?p=16',
      '/?p=17',
      '/?p=18',
      '/?p=24',
      '/?p=abc',
      '/?cat=999',
    ]) {
      const res = await site.app.inject(path);
      assert.equal(res.statusCode, 200, path);
      assert.equal(res.headers.location, undefined, path);
      assert.doesNotMatch(
        res.body,
        /Polling stations|newsroom rota|ferry timetable|allotments|Subscribers only/,
      );
    }
    assert.equal((await site.app.inject('/?p=19')).statusCode, 410);
    assert.equal((await site.app.inject('/?utm_source=newsletter')).statusCode, 200);
  });

  test('/archives/123, with and without the trailing slash', async () => {
    await expectRedirect('/archives/10/', BRIDGE);
    const first = await expectRedirect('/archives/10', '/archives/10/');
    assert.ok(first);
    assert.equal((await site.app.inject('/archives/15/')).statusCode, 404);
  });

  test('the common permalink structures', async () => {
    // /%postname%/
    await expectRedirect('/old-mill-bridge-to-close-for-six-weeks/', BRIDGE);
    // /%category%/%postname%/
    await expectRedirect('/town-hall/old-mill-bridge-to-close-for-six-weeks/', BRIDGE);
    await expectRedirect('/news/valley/town-hall/old-mill-bridge-to-close-for-six-weeks/', BRIDGE);
    // /%year%/%monthnum%/%postname%/
    await expectRedirect('/2024/03/old-mill-bridge-to-close-for-six-weeks/', BRIDGE);
    // /%year%/%monthnum%/%day%/%postname%/ is Newsdesk's own: it is served directly.
    assert.equal((await site.app.inject(BRIDGE)).statusCode, 200);
    // A paged post (`/name/2/`) goes to the post.
    await expectRedirect('/2024/03/14/old-mill-bridge-to-close-for-six-weeks/2/', BRIDGE);
    // Nothing unpublished is revealed by its WordPress slug.
    assert.equal((await site.app.inject('/polling-stations-confirmed/')).statusCode, 404);
    assert.equal((await site.app.inject('/2024/06/newsroom-rota/')).statusCode, 404);
  });

  test('a non-ASCII WordPress slug still finds its story, however the browser encodes it', async () => {
    const wpSlug =
      '%d9%85%d9%87%d8%b1%d8%ac%d8%a7%d9%86-%d8%a7%d9%84%d9%81%d9%88%d8%a7%d9%86%d9%8a%d8%b3';
    const target = `/2024/06/15/${arabicSlug}/`;
    await expectRedirect(`/2024/06/15/${wpSlug}/`, target);
    await expectRedirect(`/2024/06/15/${wpSlug.toUpperCase()}/`, target);
    await expectRedirect(`/${wpSlug}/`, target);
    // The Arabic category's WordPress URL.
    const tree = await site.services.taxonomy.categoryTree();
    const culture = tree.all.find((c) => c.name === 'ثقافة')!;
    await expectRedirect('/category/%d8%ab%d9%82%d8%a7%d9%81%d8%a9/', tree.path(culture));
  });

  test('pages keep their hierarchical WordPress URLs', async () => {
    await expectRedirect('/about/corrections-policy/', '/corrections-policy/');
    assert.equal((await site.app.inject('/about/')).statusCode, 200);
  });

  test('feed variants', async () => {
    await expectRedirect('/feed/rss2/', '/feed/');
    await expectRedirect('/feed/rss/', '/feed/');
    await expectRedirect('/feed/rdf/', '/feed/');
    await expectRedirect('/category/sport/feed/rss2/', '/category/sport/feed/');
    await expectRedirect(
      '/category/%d8%ab%d9%82%d8%a7%d9%81%d8%a9/feed/',
      `${(await site.services.taxonomy.categoryTree()).path((await site.services.taxonomy.categoryTree()).all.find((c) => c.name === 'ثقافة')!)}feed/`,
    );
    // Newsdesk serves a story's comment feed at the same address WordPress did.
    assert.equal((await site.app.inject(`${BRIDGE}feed/`)).statusCode, 200);
  });

  test('uploads and attachment pages', async () => {
    const file = '/media/wordpress/2024/03/old-mill-bridge.jpg';
    await expectRedirect('/wp-content/uploads/2024/03/old-mill-bridge.jpg', file);
    // A resized copy WordPress made is answered with the original.
    await expectRedirect('/wp-content/uploads/2024/03/old-mill-bridge-300x200.jpg', file);
    assert.equal((await site.app.inject(file)).statusCode, 200);
    // Recorded without a file (the uploads copy did not have it): no redirect to nowhere.
    assert.equal(
      (await site.app.inject('/wp-content/uploads/2024/04/budget-papers-2024.pdf')).statusCode,
      404,
    );
    // The attachment page of a photo in a public story goes to the story.
    await expectRedirect(`${BRIDGE}old-mill-bridge-from-the-weir/`, BRIDGE);
    await expectRedirect('/?attachment_id=20', BRIDGE);
    await expectRedirect('/?p=20', BRIDGE);
    // An unattached file's page goes to the file when there is one, else nowhere.
    assert.equal((await site.app.inject('/budget-papers-2024/')).statusCode, 404);
    // Hostile upload paths go nowhere.
    assert.equal(
      (await site.app.inject('/wp-content/uploads/../../etc/hosts.jpg')).statusCode,
      404,
    );
  });

  test('Newsdesk URLs and the API are untouched', async () => {
    assert.equal((await site.app.inject('/')).statusCode, 200);
    assert.equal((await site.app.inject('/category/news/')).statusCode, 200);
    assert.equal((await site.app.inject('/no-such-thing/')).statusCode, 404);
    assert.equal((await site.app.inject('/2024/01/02/no-such-story/')).statusCode, 404);
  });
});
