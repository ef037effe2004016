import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import { get, ORIGIN, post, type StaffSession, staffSession } from './admin-support.js';
import { animatedGif, apiJson, apiUpload, multipart, noisePng, photo } from './media-support.js';
import { startTestSite, type TestSite } from './support/test-site.js';

let site: TestSite;
let author: StaffSession;
let editor: StaffSession;
let contributor: StaffSession;

before(async () => {
  // A small byte limit so the "too large" case needs only a small file.
  site = await startTestSite({ env: { MEDIA_MAX_BYTES: String(1_500_000) } });
  author = await staffSession(site, 'author');
  editor = await staffSession(site, 'editor');
  contributor = await staffSession(site, 'contributor');
});
after(() => site.close());

interface ItemJson {
  id: number;
  url: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  srcset: string;
  webpSrcset: string;
  sizes: string;
  thumbnail: string;
}

const fileOf = (url: string) =>
  join(site.config.mediaDir, decodeURIComponent(url.replace(/^\/media\//, '')));

/** Every file below the media directory. */
async function storedFiles(): Promise<string[]> {
  if (!existsSync(site.config.mediaDir)) return [];
  const entries = await readdir(site.config.mediaDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** The widths listed in a srcset, in order. */
const widthsOf = (srcset: string) =>
  srcset.split(', ').map((c) => Number(c.split(' ')[1]!.slice(0, -1)));

describe('upload', () => {
  for (const [format, mime, ext] of [
    ['jpeg', 'image/jpeg', 'jpg'],
    ['png', 'image/png', 'png'],
    ['webp', 'image/webp', 'webp'],
    ['avif', 'image/avif', 'avif'],
    ['gif', 'image/gif', 'gif'],
  ] as const) {
    test(`accepts ${format} and stores renditions in ${format === 'webp' ? 'WebP' : `${ext} and WebP`}`, async () => {
      const data = await photo(format, 1000, 600, ext.length);
      const res = await apiUpload(
        site,
        author,
        { filename: `picture.${ext}`, type: mime, data },
        {
          alt: `A ${format} picture`,
          caption: 'Caption',
          credit: 'Photo: Tester',
        },
      );
      assert.equal(res.statusCode, 201, res.body);
      const { item } = res.json() as { item: ItemJson };
      assert.equal(item.mime, mime);
      assert.equal(item.width, 1000);
      assert.equal(item.height, 600);
      assert.equal(item.alt, `A ${format} picture`);
      assert.match(item.url, new RegExp(`^/media/\\d{4}/\\d{2}/[0-9a-f]{20}-1000\\.${ext}$`));
      assert.deepEqual(widthsOf(item.srcset), [320, 640, 960, 1000]);
      if (format === 'webp') assert.equal(item.webpSrcset, '');
      else assert.deepEqual(widthsOf(item.webpSrcset), [320, 640, 960, 1000]);
      // Every file exists, in its format, at the width its name and srcset say.
      const urls = [item.srcset, item.webpSrcset || item.srcset]
        .flatMap((s) => s.split(', '))
        .map((c) => c.split(' ')[0]!);
      for (const url of urls) {
        const meta = await sharp(await readFile(fileOf(url))).metadata();
        const width = Number(url.match(/-(\d+)\.\w+$/)![1]);
        assert.equal(meta.width, width, url);
        const expected = url.endsWith('.webp') ? 'webp' : format === 'avif' ? 'heif' : format;
        assert.equal(meta.format, expected, url);
      }
    });
  }

  test('keeps every frame of an animated GIF', async () => {
    const res = await apiUpload(site, author, {
      filename: 'blink.gif',
      type: 'image/gif',
      data: await animatedGif(400, 300),
    });
    assert.equal(res.statusCode, 201, res.body);
    const { item } = res.json() as { item: ItemJson };
    assert.equal(item.height, 300);
    const gif = await sharp(await readFile(fileOf(item.url)), { animated: true }).metadata();
    assert.equal(gif.pages, 2);
    const webp = item.webpSrcset.split(', ').at(-1)!.split(' ')[0]!;
    assert.equal(
      (await sharp(await readFile(fileOf(webp)), { animated: true }).metadata()).pages,
      2,
    );
  });

  test('never upscales: a 500 px image has renditions at 320 and 500 only', async () => {
    const res = await apiUpload(site, author, {
      filename: 'small.jpg',
      type: 'image/jpeg',
      data: await photo('jpeg', 500, 250, 9),
    });
    const { item } = res.json() as { item: ItemJson };
    assert.deepEqual(widthsOf(item.srcset), [320, 500]);
  });

  test('a 2400 px image gets 320, 640, 960, 1280, 1920 and its full width', async () => {
    const res = await apiUpload(site, author, {
      filename: 'wide.png',
      type: 'image/png',
      data: await photo('jpeg', 2400, 1200, 3),
    });
    assert.equal(res.statusCode, 201, res.body);
    const { item } = res.json() as { item: ItemJson };
    // The file was called .png and declared image/png: the bytes say JPEG, and JPEG it is.
    assert.equal(item.mime, 'image/jpeg');
    assert.deepEqual(widthsOf(item.srcset), [320, 640, 960, 1280, 1920, 2400]);
    assert.deepEqual(widthsOf(item.webpSrcset), [320, 640, 960, 1280, 1920, 2400]);
    assert.equal(item.sizes, '(min-width: 60rem) 60rem, 100vw');
  });

  test('the same bytes uploaded twice are one item', async () => {
    const data = await photo('png', 700, 400, 12);
    const first = await apiUpload(site, author, { filename: 'a.png', type: 'image/png', data });
    const second = await apiUpload(site, editor, { filename: 'b.png', type: 'image/png', data });
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().duplicate, true);
    assert.equal(second.json().item.id, first.json().item.id);
  });
});

describe('privacy: EXIF and GPS', () => {
  test('no stored file keeps the GPS position or any EXIF; orientation is applied', async () => {
    const before = new Set(await storedFiles());
    const exif = {
      IFD0: { Make: 'NewsdeskCam', Model: 'Spy 1', Copyright: 'Tester' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '41/1 0/1 54/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '28/1 58/1 27/1',
      },
    };
    // 1200 × 600 pixels stored sideways: orientation 6 means "turn 90° clockwise to view".
    const data = await sharp(await photo('jpeg', 1200, 600, 5))
      .withExif(exif)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const original = await sharp(data).metadata();
    assert.ok(original.exif, 'the test file carries EXIF');
    assert.ok(original.exif.includes(Buffer.from('NewsdeskCam')), 'the test file names the camera');
    assert.equal(original.orientation, 6);
    // GPS IFD tag 0x8825 is in the EXIF block of the upload.
    assert.ok(
      original.exif.includes(Buffer.from([0x88, 0x25])) ||
        original.exif.includes(Buffer.from([0x25, 0x88])),
    );

    const res = await apiUpload(site, author, {
      filename: 'holiday.jpg',
      type: 'image/jpeg',
      data,
    });
    assert.equal(res.statusCode, 201, res.body);
    const { item } = res.json() as { item: ItemJson };
    assert.equal(item.width, 600, 'turned upright: width and height swap');
    assert.equal(item.height, 1200);
    const added = (await storedFiles()).filter((f) => !before.has(f));
    assert.ok(added.length >= 4, `renditions written: ${added.length}`);
    for (const file of added) {
      const bytes = await readFile(file);
      const meta = await sharp(bytes).metadata();
      assert.equal(meta.exif, undefined, `${file} has no EXIF`);
      assert.equal(meta.xmp, undefined, `${file} has no XMP`);
      assert.ok(!meta.orientation || meta.orientation === 1, `${file} needs no turning`);
      assert.ok(!bytes.includes(Buffer.from('NewsdeskCam')), `${file} does not name the camera`);
      assert.ok(!bytes.includes(Buffer.from('GPS')), `${file} has no GPS text`);
      assert.ok((meta.height ?? 0) > (meta.width ?? 0), `${file} is upright`);
    }
  });
});

describe('refusals', () => {
  test('a decompression bomb (10000 × 10000 PNG of one colour) is refused before decoding', async () => {
    const bomb = await sharp({
      create: { width: 10_000, height: 10_000, channels: 3, background: '#fff' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    assert.ok(bomb.length < 1_500_000, `the bomb is small: ${bomb.length} bytes`);
    const filesBefore = (await storedFiles()).length;
    const res = await apiUpload(site, author, {
      filename: 'bomb.png',
      type: 'image/png',
      data: bomb,
    });
    assert.equal(res.statusCode, 413);
    const error = res.json().error;
    assert.equal(error.code, 'IMAGE_TOO_MANY_PIXELS');
    assert.match(
      error.message,
      /10000 × 10000 pixels \(100 megapixels\); the limit is 50 megapixels/,
    );
    assert.equal((await storedFiles()).length, filesBefore, 'nothing was written');
  });

  test('a file over the byte limit is refused with 413', async () => {
    const big = await noisePng(800, 800);
    assert.ok(big.length > 1_500_000);
    const res = await apiUpload(site, author, {
      filename: 'noise.png',
      type: 'image/png',
      data: big,
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'IMAGE_TOO_LARGE');
    assert.match(res.json().error.message, /1\.4 MB limit/);
  });

  for (const [label, filename, type, data] of [
    ['text named .jpg', 'photo.jpg', 'image/jpeg', Buffer.from('this is not a picture at all')],
    [
      'an SVG',
      'logo.png',
      'image/png',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
    ],
    ['HTML', 'x.gif', 'image/gif', Buffer.from('<!doctype html><script>alert(1)</script>')],
  ] as const) {
    test(`refuses ${label} with 415`, async () => {
      const res = await apiUpload(site, author, { filename, type, data });
      assert.equal(res.statusCode, 415);
      assert.equal(res.json().error.code, 'IMAGE_TYPE_NOT_ALLOWED');
      assert.match(res.json().error.message, /not a JPEG, PNG, WebP, AVIF or GIF/);
    });
  }

  test('refuses TIFF (an image, but not a web format) and a truncated JPEG', async () => {
    const tiff = await sharp(await photo('png', 50, 50))
      .tiff()
      .toBuffer();
    const res = await apiUpload(site, author, {
      filename: 'a.jpg',
      type: 'image/jpeg',
      data: tiff,
    });
    assert.equal(res.statusCode, 415);
    const jpeg = await photo('jpeg', 800, 600, 7);
    const cut = await apiUpload(site, author, {
      filename: 'cut.jpg',
      type: 'image/jpeg',
      data: jpeg.subarray(0, Math.floor(jpeg.length / 2)),
    });
    assert.ok(cut.statusCode === 415 || cut.statusCode === 201, `answered ${cut.statusCode}`);
    assert.notEqual(cut.statusCode, 500);
  });

  test('an upload without a file is a 400', async () => {
    const body = multipart({ alt: 'x' });
    const res = await site.app.inject({
      method: 'POST',
      url: '/admin/api/media',
      headers: { 'content-type': body.contentType, origin: ORIGIN, 'x-csrf-token': author.csrf },
      cookies: { [SESSION_COOKIE]: author.token },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'BAD_REQUEST');
  });
});

describe('access', () => {
  const small = () => photo('png', 64, 64, 20);

  test('a contributor may browse but not upload, edit or delete (403)', async () => {
    const list = await apiJson(site, contributor, 'GET', '/admin/api/media');
    assert.equal(list.statusCode, 200);
    const res = await apiUpload(site, contributor, {
      filename: 'c.png',
      type: 'image/png',
      data: await small(),
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'FORBIDDEN');
    const id = (list.json().items as ItemJson[])[0]!.id;
    assert.equal(
      (await apiJson(site, contributor, 'PATCH', `/admin/api/media/${id}`, { alt: 'x' }))
        .statusCode,
      403,
    );
    assert.equal(
      (await apiJson(site, contributor, 'DELETE', `/admin/api/media/${id}`)).statusCode,
      403,
    );
    const page = await get(site, contributor, '/admin/media/');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /Upload an image/);
  });

  test('without the CSRF token, with a wrong one, or from another site: 403', async () => {
    const data = await small();
    const none = await apiUpload(
      site,
      author,
      { filename: 'a.png', type: 'image/png', data },
      {},
      { csrf: null },
    );
    assert.equal(none.statusCode, 403);
    assert.equal(none.json().error.code, 'FORBIDDEN');
    const wrong = await apiUpload(
      site,
      author,
      { filename: 'a.png', type: 'image/png', data },
      {},
      {
        csrf: 'x'.repeat(author.csrf.length),
      },
    );
    assert.equal(wrong.statusCode, 403);
    const cross = await apiUpload(
      site,
      author,
      { filename: 'a.png', type: 'image/png', data },
      {},
      {
        origin: 'https://evil.example',
      },
    );
    assert.equal(cross.statusCode, 403);
    assert.equal(cross.json().error.code, 'CROSS_ORIGIN_REQUEST');
    const list = await apiJson(site, author, 'GET', '/admin/api/media?perPage=100');
    const anyId = (list.json().items as ItemJson[])[0]!.id;
    const patch = await site.app.inject({
      method: 'PATCH',
      url: `/admin/api/media/${anyId}`,
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      cookies: { [SESSION_COOKIE]: author.token },
      payload: JSON.stringify({ alt: 'sneaky' }),
    });
    assert.equal(patch.statusCode, 403);
  });

  test('without a session: 401 JSON from the API, the login page for screens', async () => {
    const api = await site.app.inject({ url: '/admin/api/media' });
    assert.equal(api.statusCode, 401);
    assert.equal(api.json().error.code, 'UNAUTHORIZED');
    const upload = await apiUpload(site, undefined, {
      filename: 'a.png',
      type: 'image/png',
      data: await small(),
    });
    assert.equal(upload.statusCode, 401);
    const page = await site.app.inject({ url: '/admin/media/' });
    assert.equal(page.statusCode, 303);
    assert.match(page.headers.location as string, /^\/admin\/login\//);
  });
});

describe('serving', () => {
  test('media files are served with long immutable cache headers', async () => {
    const res = await apiUpload(site, author, {
      filename: 'c.jpg',
      type: 'image/jpeg',
      data: await photo('jpeg', 700, 500, 30),
    });
    const { item } = res.json() as { item: ItemJson };
    for (const url of [item.url, item.thumbnail, item.srcset.split(' ')[0]!]) {
      const file = await site.app.inject({ url });
      assert.equal(file.statusCode, 200, url);
      assert.equal(file.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(file.headers['content-type'] as string, /^image\/(jpeg|webp)/);
    }
  });

  test('the article page and cards use <picture> with WebP, srcset, sizes and dimensions', async () => {
    const res = await apiUpload(
      site,
      author,
      {
        filename: 'story.jpg',
        type: 'image/jpeg',
        data: await photo('jpeg', 1600, 900, 31),
      },
      { alt: 'Boats in the harbour at dusk' },
    );
    const { item } = res.json() as { item: ItemJson };
    const id = await site.services.articles.create({
      title: 'Harbour at dusk',
      bodyHtml: '<p>Text.</p>',
      authorIds: [author.id],
      status: 'published',
      publishedAt: new Date(site.clock.now.getTime() - 86_400_000).toISOString(),
      featuredMediaId: item.id,
    });
    const article = (await site.services.repositories.articles.findById(id))!;
    const page = await site.app.inject({ url: site.services.articles.pathOf(article) });
    assert.equal(page.statusCode, 200);
    const picture = page.body.match(/<figure class="story__figure"><picture>(.*?)<\/picture>/)?.[1];
    assert.ok(picture, 'the featured image is a <picture>');
    assert.match(
      picture,
      /<source type="image\/webp" srcset="[^"]*-320\.webp 320w, [^"]*-1600\.webp 1600w" sizes="\(min-width: 60rem\) 60rem, 100vw"/,
    );
    assert.match(picture, /<img src="[^"]*-960\.jpg" srcset="[^"]*-320\.jpg 320w,[^"]*1600w"/);
    assert.match(picture, /width="1600" height="900" alt="Boats in the harbour at dusk"/);
    const home = await site.app.inject({ url: '/' });
    assert.match(home.body, /<picture><source type="image\/webp" srcset="[^"]*-320\.webp 320w/);
  });
});

describe('editing', () => {
  let id: number;

  before(async () => {
    const res = await apiUpload(site, author, {
      filename: 'ferry.png',
      type: 'image/png',
      data: await photo('png', 900, 500, 40),
    });
    id = (res.json() as { item: ItemJson }).item.id;
  });

  test('PATCH sets alt text, caption and credit; search finds them', async () => {
    const res = await apiJson(site, editor, 'PATCH', `/admin/api/media/${id}`, {
      alt: '  The morning ferry  ',
      caption: 'First crossing of 100% of the season',
      credit: 'Photo: Deniz',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().item.alt, 'The morning ferry');
    const found = await apiJson(site, editor, 'GET', '/admin/api/media?q=morning%20FERRY');
    assert.deepEqual(
      (found.json().items as ItemJson[]).map((i) => i.id),
      [id],
    );
    const percent = await apiJson(
      site,
      editor,
      'GET',
      `/admin/api/media?q=${encodeURIComponent('100%')}`,
    );
    assert.deepEqual(
      (percent.json().items as ItemJson[]).map((i) => i.id),
      [id],
    );
    const none = await apiJson(
      site,
      editor,
      'GET',
      `/admin/api/media?q=${encodeURIComponent('%')}`,
    );
    assert.deepEqual(
      (none.json().items as ItemJson[]).map((i) => i.id),
      [id],
      'a typed % is a literal character',
    );
    const tooLong = await apiJson(site, editor, 'PATCH', `/admin/api/media/${id}`, {
      credit: 'x'.repeat(400),
    });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(tooLong.json().error.code, 'VALIDATION_FAILED');
    const unknown = await apiJson(site, editor, 'PATCH', `/admin/api/media/${id}`, {
      path: '../x',
    });
    assert.equal(unknown.statusCode, 400);
    const missing = await apiJson(site, editor, 'PATCH', '/admin/api/media/999999', { alt: 'x' });
    assert.equal(missing.statusCode, 404);
  });

  test('listing pages through the library newest first', async () => {
    const first = await apiJson(site, editor, 'GET', '/admin/api/media?perPage=2&page=1');
    const second = await apiJson(site, editor, 'GET', '/admin/api/media?perPage=2&page=2');
    const a = first.json();
    assert.equal(a.perPage, 2);
    assert.ok(a.total > 4);
    assert.equal(a.items.length, 2);
    assert.equal(second.json().items.length, 2);
    assert.ok(a.items[0].id > second.json().items[0].id);
    assert.equal((await apiJson(site, editor, 'GET', '/admin/api/media?page=0')).statusCode, 400);
  });

  test('DELETE removes the files and takes the image off articles', async () => {
    const item = (await apiJson(site, editor, 'GET', `/admin/api/media/${id}`)).json()
      .item as ItemJson;
    const articleId = await site.services.articles.create({
      title: 'Ferry story',
      bodyHtml: '<p>Text.</p>',
      authorIds: [],
      status: 'draft',
      featuredMediaId: id,
    });
    const res = await apiJson(site, editor, 'DELETE', `/admin/api/media/${id}`);
    assert.equal(res.statusCode, 204);
    assert.equal(existsSync(fileOf(item.url)), false);
    assert.equal(existsSync(fileOf(item.thumbnail)), false);
    assert.equal((await site.services.repositories.articles.findById(articleId))!.image, null);
    assert.equal((await apiJson(site, editor, 'GET', `/admin/api/media/${id}`)).statusCode, 404);
  });
});

describe('alt text before publishing', () => {
  test('missingAltText lists the featured image and body images without alt text', async () => {
    const up = async (alt: string, seed: number) =>
      (
        (
          await apiUpload(
            site,
            author,
            {
              filename: 'x.png',
              type: 'image/png',
              data: await photo('png', 300, 200, seed),
            },
            { alt },
          )
        ).json() as { item: ItemJson }
      ).item;
    const described = await up('A described picture', 50);
    const bare = await up('', 51);
    const media = site.services.media;
    assert.deepEqual(
      await media.missingAltText({ bodyHtml: '<p>No images.</p>', featuredImageId: described.id }),
      [],
    );
    const missing = await media.missingAltText({
      bodyHtml: `<figure><img src="${bare.url}" alt=""><figcaption>c</figcaption></figure>
        <p><img src="${described.url}" alt="Described"></p>
        <img data-media-id="${described.id}" src="/media/elsewhere.jpg">
        <img src="https://example.org/x.jpg" alt="  ">`,
      featuredImageId: bare.id,
    });
    assert.deepEqual(missing, [
      { where: 'featured', mediaId: bare.id, src: bare.url },
      { where: 'body', mediaId: bare.id, src: bare.url },
      { where: 'body', mediaId: described.id, src: '/media/elsewhere.jpg' },
      { where: 'body', mediaId: null, src: 'https://example.org/x.jpg' },
    ]);
    await assert.rejects(
      media.assertAltText({ bodyHtml: '', featuredImageId: bare.id }),
      (error: { code?: string; status?: number }) =>
        error.code === 'VALIDATION_FAILED' && error.status === 400,
    );
    await media.assertAltText({
      bodyHtml: `<img src="${described.url}" alt="ok">`,
      featuredImageId: described.id,
    });
  });
});

describe('screens without JavaScript', () => {
  test('the upload form stores the image and opens its page', async () => {
    const body = multipart(
      { _csrf: author.csrf, alt: 'Gulls over the pier', caption: '', credit: 'Photo: Ada' },
      { filename: 'gulls.webp', type: 'image/webp', data: await photo('webp', 800, 450, 60) },
    );
    const res = await site.app.inject({
      method: 'POST',
      url: '/admin/media/',
      headers: { 'content-type': body.contentType, origin: ORIGIN },
      cookies: { [SESSION_COOKIE]: author.token },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 303, res.body);
    const location = res.headers.location as string;
    assert.match(location, /^\/admin\/media\/\d+\/\?done=uploaded$/);
    const page = await get(site, author, location);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Uploaded\. Check the alt text/);
    assert.match(page.body, />Gulls over the pier<\/textarea>/);
    assert.match(page.body, /value="Photo: Ada"/);
  });

  test('a refused upload shows the form again with the message and what was typed', async () => {
    const body = multipart(
      { _csrf: author.csrf, alt: 'Typed alt text', caption: 'Typed caption', credit: '' },
      { filename: 'notes.jpg', type: 'image/jpeg', data: Buffer.from('plain text') },
    );
    const res = await site.app.inject({
      method: 'POST',
      url: '/admin/media/',
      headers: { 'content-type': body.contentType, origin: ORIGIN },
      cookies: { [SESSION_COOKIE]: author.token },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 415);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.match(res.body, /not a JPEG, PNG, WebP, AVIF or GIF/);
    assert.match(res.body, />Typed alt text<\/textarea>/);
    assert.match(res.body, />Typed caption<\/textarea>/);
  });

  test('the upload form without its CSRF token is refused', async () => {
    const body = multipart(
      {},
      { filename: 'a.png', type: 'image/png', data: await photo('png', 40, 40, 61) },
    );
    const res = await site.app.inject({
      method: 'POST',
      url: '/admin/media/',
      headers: { 'content-type': body.contentType, origin: ORIGIN },
      cookies: { [SESSION_COOKIE]: author.token },
      payload: body.payload,
    });
    assert.equal(res.statusCode, 403);
  });

  test('alt text is edited from the grid; the library lists and searches', async () => {
    const list = await apiJson(site, author, 'GET', '/admin/api/media?perPage=1');
    const id = (list.json().items as ItemJson[])[0]!.id;
    const res = await post(site, author, `/admin/media/${id}/`, {
      alt: 'Edited in the grid',
      return: 'library',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/admin/media/?done=saved#media-${id}`);
    const page = await get(site, author, '/admin/media/?q=edited+grid');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`id="alt-${id}"[^>]*>Edited in the grid</textarea>`));
    assert.match(page.body, /1 image matching/);
    const contributorPost = await post(site, contributor, `/admin/media/${id}/`, { alt: 'no' });
    assert.equal(contributorPost.statusCode, 403);
    const deleted = await post(site, author, `/admin/media/${id}/delete/`);
    assert.equal(deleted.statusCode, 303);
    assert.equal((await site.services.media.list({ q: 'edited grid' })).total, 0);
  });
});
