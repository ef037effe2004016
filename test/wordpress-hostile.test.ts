import assert from 'node:assert/strict';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { after, before, describe, test } from 'node:test';
import { wordpressImporterFor } from '../src/cli/import-command.js';
import { ImportError, type WordPressImportOptions } from '../src/migration/wordpress-import.js';
import { readWxr } from '../src/migration/wxr-reader.js';
import { startTestSite, type TestSite } from './support/test-site.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/wordpress');
const COURIER = readFileSync(join(FIXTURES, 'millbrook-courier.xml'), 'utf8');

/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) =>
  text.slice(0, text.indexOf(needle)).split('\n').length;

/** A minimal export around `items`, with the XML declaration given. */
function wxr(items: string, declaration = '<?xml version="1.0" encoding="UTF-8" ?>') {
  return `${declaration}
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Hostile</title>
	<link>https://hostile.example</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ed</wp:author_login><wp:author_email>ed@hostile.example</wp:author_email><wp:author_display_name>Ed</wp:author_display_name></wp:author>
${items}
</channel>
</rss>
`;
}

function post(id: number, title: string, content: string, extra = '') {
  return `	<item>
		<title>${title}</title>
		<dc:creator>ed</dc:creator>
		<content:encoded><![CDATA[${content}]]></content:encoded>
		<wp:post_id>${id}</wp:post_id>
		<wp:post_date>2024-01-0${id % 9 || 1} 10:00:00</wp:post_date>
		<wp:post_date_gmt>2024-01-0${id % 9 || 1} 10:00:00</wp:post_date_gmt>
		<wp:post_name>story-${id}</wp:post_name>
		<wp:status>publish</wp:status>
		<wp:post_type>post</wp:post_type>
${extra}	</item>`;
}

describe('hostile WordPress files', () => {
  let site: TestSite;
  let dir: string;

  before(async () => {
    site = await startTestSite({ now: new Date('2026-06-01T12:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'newsdesk-wp-hostile-'));
  });
  after(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function attempt(
    name: string,
    content: string | Buffer,
    options: Partial<WordPressImportOptions> = {},
  ): Promise<ImportError> {
    const file = join(dir, name);
    writeFileSync(file, content);
    const importer = await wordpressImporterFor(site.services, site.config);
    try {
      await importer.run({ file, ...options });
    } catch (error) {
      assert.ok(error instanceof ImportError, String(error));
      assert.match(error.message, new RegExp(`^line ${error.line}[,:]`));
      return error;
    }
    assert.fail(`${name} was imported`);
  }

  async function nothingWritten() {
    for (const table of [
      'articles',
      'users',
      'categories',
      'comments',
      'media',
      'wordpress_items',
    ] as const) {
      const row = await site.storage.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.n), 0, `${table} is empty`);
    }
  }

  test('an entity-expansion attack ("billion laughs") is refused at its DOCTYPE, never expanded', async () => {
    const started = process.memoryUsage().heapUsed;
    const error = await attempt('laughs.xml', readFileSync(join(FIXTURES, 'billion-laughs.xml')));
    assert.equal(error.code, 'WXR_DOCTYPE');
    assert.equal(error.line, 2);
    assert.ok(process.memoryUsage().heapUsed - started < 50_000_000);
    await nothingWritten();
  });

  test('external entities (XXE) are refused: no file is read, nothing is fetched', async () => {
    const error = await attempt('xxe.xml', readFileSync(join(FIXTURES, 'xxe.xml')));
    assert.equal(error.code, 'WXR_DOCTYPE');
    assert.equal(error.line, 3);
    assert.doesNotMatch(error.message, /root:/);
    await nothingWritten();
  });

  test('an entity that is not declared is malformed XML, with its line', async () => {
    const text = wxr(post(1, 'Fine', 'fine') + post(2, 'Broken &nbsp; title', 'text'));
    const error = await attempt('entity.xml', text);
    assert.equal(error.code, 'WXR_MALFORMED');
    assert.equal(error.line, lineOf(text, 'Broken &nbsp;'));
    await nothingWritten();
  });

  test('malformed markup names the line', async () => {
    const text = wxr(post(1, 'Fine', 'fine') + post(2, 'Mismatched</wp:title>', 'text'));
    const error = await attempt('malformed.xml', text);
    assert.equal(error.code, 'WXR_MALFORMED');
    assert.equal(error.line, lineOf(text, 'Mismatched'));
    await nothingWritten();
  });

  test('a truncated file says so, with the last line', async () => {
    for (const marker of [
      'which drove it across',
      '<wp:status><![CDATA[publish]]></wp:status>',
      '</channel>',
    ]) {
      const cut = COURIER.slice(0, COURIER.indexOf(marker) + 5);
      const error = await attempt('truncated.xml', cut);
      assert.equal(error.code, 'WXR_TRUNCATED', marker);
      assert.equal(error.line, cut.split('\n').length, marker);
    }
    // The first pass reads the whole file before a story is written.
    const articles = await site.storage.db.selectFrom('articles').select('id').execute();
    assert.equal(articles.length, 0);
  });

  test('Latin-1 bytes in a file that says UTF-8 are an encoding error on their line', async () => {
    const text = wxr(post(1, 'Fine', 'fine') + post(2, 'Caf\u00e9 society', 'text'));
    const bytes = Buffer.from(text, 'latin1');
    const error = await attempt('latin1.xml', bytes);
    assert.equal(error.code, 'WXR_ENCODING');
    assert.equal(error.line, lineOf(text, 'Caf\u00e9'));
    assert.match(error.message, /Latin-1/);
    await nothingWritten();
  });

  test('a file that declares ISO-8859-1 is read in it', async () => {
    const text = wxr(
      post(1, 'Caf\u00e9 society', 'Cr\u00e8me br\u00fbl\u00e9e'),
      '<?xml version="1.0" encoding="ISO-8859-1" ?>',
    );
    const file = join(dir, 'declared-latin1.xml');
    writeFileSync(file, Buffer.from(text, 'latin1'));
    const titles: string[] = [];
    for await (const r of readWxr(file))
      if (r.type === 'item') titles.push(r.item.title, r.item.content);
    assert.deepEqual(titles, ['Café society', 'Crème brûlée']);
  });

  test('a field over the size limit is refused at the line where it starts', async () => {
    const huge = `<p>${'All work and no play. '.repeat(60_000)}</p>`;
    const text = wxr(post(1, 'Fine', 'fine') + post(2, 'Huge', huge));
    const error = await attempt('huge.xml', text, { maxFieldSize: 1024 * 1024 });
    assert.equal(error.code, 'WXR_TOO_LARGE');
    assert.equal(error.line, lineOf(text, '<content:encoded><![CDATA[<p>All work'));
    await nothingWritten();
    // The same file is fine with the default limit.
    const ok = await wordpressImporterFor(site.services, site.config).then((i) =>
      i.run({ file: join(dir, 'huge.xml'), dryRun: true }),
    );
    assert.equal(ok.kinds.posts.imported, 2);
  });

  test('an attribute over the size limit is refused too', async () => {
    const text = wxr(
      post(
        1,
        'Fine',
        'fine',
        `		<category domain="category" nicename="${'x'.repeat(300_000)}">X</category>\n`,
      ),
    );
    const error = await attempt('attribute.xml', text, { maxFieldSize: 100_000 });
    assert.equal(error.code, 'WXR_TOO_LARGE');
    await nothingWritten();
  });

  test('files that are not WordPress exports are named as such', async () => {
    const rss =
      '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>A feed</title></channel></rss>\n';
    assert.equal((await attempt('feed.xml', rss)).code, 'WXR_NOT_WXR');
    assert.equal((await attempt('empty.xml', '')).code, 'WXR_TRUNCATED');
    // Lower-case `<!doctype` is HTML, not XML.
    assert.equal(
      (await attempt('html.xml', '<!doctype html><html><body>hi</body></html>')).code,
      'WXR_MALFORMED',
    );
    const deep = wxr(`<item>${'<a>'.repeat(100)}${'</a>'.repeat(100)}</item>`);
    assert.equal((await attempt('deep.xml', deep)).code, 'WXR_MALFORMED');
    await nothingWritten();
  });

  test('control characters XML forbids are dropped and counted, not fatal', async () => {
    const file = join(dir, 'controls.xml');
    writeFileSync(file, wxr(post(1, 'Vertical\u000btab', 'Form\u000cfeed and \u0000nul')));
    const importer = await wordpressImporterFor(site.services, site.config);
    const summary = await importer.run({ file, dryRun: true });
    assert.equal(summary.controlCharactersRemoved, 3);
    assert.equal(summary.kinds.posts.imported, 1);
  });

  test('hostile markup in posts, names and comments never reaches the page as markup', async () => {
    const comment = `<wp:comment><wp:comment_id>7</wp:comment_id>
<wp:comment_author><![CDATA[<script>alert("name")</script>Mallory]]></wp:comment_author>
<wp:comment_author_email>mallory@hostile.example</wp:comment_author_email>
<wp:comment_author_url>javascript:alert(1)</wp:comment_author_url>
<wp:comment_date_gmt>2024-01-02 11:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[<img src=x onerror=alert(1)>Nice <a href="javascript:alert(2)">link</a>]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
`;
    const file = join(dir, 'xss.xml');
    writeFileSync(
      file,
      wxr(
        post(
          2,
          '<![CDATA[<img src=x onerror=alert(1)>Headline]]>',
          '<svg onload=alert(1)><p style="color:red" onmouseover="x()">Body</p><iframe src="https://evil.example"></iframe>',
          comment,
        ),
      ),
    );
    const importer = await wordpressImporterFor(site.services, site.config);
    await importer.run({ file });
    const page = await site.app.inject('/2024/01/02/story-2/');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /onerror|onload|onmouseover|<iframe|javascript:|alert\(/);
    assert.ok(!page.body.includes('mallory@hostile.example'));
    assert.match(page.body, /Mallory/);
    assert.match(page.body, /<h1[^>]*>Headline<\/h1>/);
    await site.storage.db.deleteFrom('comments').execute();
    await site.storage.db.deleteFrom('article_authors').execute();
    await site.storage.db.deleteFrom('articles').execute();
    await site.storage.db.deleteFrom('users').execute();
    await site.storage.db.deleteFrom('wordpress_items').execute();
  });

  test('attachment paths cannot leave the uploads folder', async () => {
    const uploads = join(dir, 'uploads');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(dir, 'secret.txt'), 'top secret');
    symlinkSync(join(dir, 'secret.txt'), join(uploads, 'link.jpg'));
    const attachment = (id: number, file: string) => `	<item>
		<title>File ${id}</title>
		<wp:post_id>${id}</wp:post_id>
		<wp:post_type>attachment</wp:post_type>
		<wp:status>inherit</wp:status>
		<wp:attachment_url>https://hostile.example/wp-content/uploads/${file}</wp:attachment_url>
		<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value>${file}</wp:meta_value></wp:postmeta>
	</item>`;
    const file = join(dir, 'traversal.xml');
    writeFileSync(
      file,
      wxr(
        attachment(40, '../secret.txt') +
          attachment(41, 'link.jpg') +
          attachment(42, '/etc/passwd'),
      ),
    );
    const importer = await wordpressImporterFor(site.services, site.config);
    const summary = await importer.run({ file, uploadsDir: uploads });
    assert.equal(summary.kinds.attachments.notes['file copied'] ?? 0, 0);
    const media = await site.storage.db.selectFrom('media').select('path').execute();
    for (const m of media) assert.doesNotMatch(m.path, /\.\.|^\//);
    const served = await site.app.inject('/media/wordpress/link.jpg');
    assert.notEqual(served.body, 'top secret');
  });

  test('the reader streams: the first item arrives long before the file is read', async () => {
    const file = join(dir, 'big.xml');
    const out = createWriteStream(file);
    out.write(wxr('').replace('</channel>\n</rss>\n', ''));
    for (let i = 1; i <= 4000; i++)
      out.write(post(i, `Story ${i}`, `<p>${'Words words words. '.repeat(150)}</p>`));
    out.end('</channel>\n</rss>\n');
    await finished(out);
    let bytesAtFirst = -1;
    let bytes = 0;
    let items = 0;
    for await (const r of readWxr(file, {
      onBytes: (n) => {
        bytes = n;
      },
    })) {
      if (r.type === 'item' && bytesAtFirst < 0) bytesAtFirst = bytes;
      if (r.type === 'item') items++;
    }
    assert.equal(items, 4000);
    assert.ok(bytes > 10_000_000);
    assert.ok(bytesAtFirst < 256 * 1024, `first item after ${bytesAtFirst} bytes`);
  });
});
