import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autop } from './autop.js';
import {
  type ConversionContext,
  commentHtmlToText,
  convertPostContent,
  detectRightToLeft,
  shortcodeAttributes,
} from './content-conversion.js';

const noMedia: ConversionContext = { gallery: async () => [], uploadUrl: () => undefined };

test('autop: blank lines make paragraphs, single breaks <br />, blocks stand alone', () => {
  assert.equal(autop('One\n\nTwo'), '<p>One</p>\n<p>Two</p>\n');
  assert.equal(autop('One\nTwo'), '<p>One<br />\nTwo</p>\n');
  assert.equal(autop('<h2>T</h2>\nText'), '<h2>T</h2>\n<p>Text</p>\n');
  assert.equal(
    autop('Intro:\n<ul>\n\t<li>a</li>\n</ul>\nAfter'),
    '<p>Intro:</p>\n<ul>\n<li>a</li>\n</ul>\n<p>After</p>\n',
  );
  assert.equal(autop('a<br /><br />b'), '<p>a</p>\n<p>b</p>\n');
  assert.equal(
    autop('<blockquote>Q\n\nR</blockquote>'),
    '<blockquote><p>Q</p>\n<p>R</p></blockquote>\n',
  );
  assert.equal(autop('   \n '), '');
});

test('autop keeps <pre> as it is and ignores line breaks inside tags', () => {
  assert.equal(autop('<pre>a\n\nb</pre>'), '<pre>a\n\nb</pre>\n');
  assert.equal(autop('Look <img\nsrc="x"> here'), '<p>Look <img src="x"> here</p>\n');
});

test('autop is stable on its own output', () => {
  const once = autop('One\nTwo\n\n<h2>Three</h2>\nFour');
  assert.equal(autop(once), once);
});

test('shortcode attributes in every quoting style', () => {
  assert.deepEqual(shortcodeAttributes(' ids="1,2" columns=\'3\' link=file'), {
    ids: '1,2',
    columns: '3',
    link: 'file',
  });
});

test('[caption] becomes a figure, with the caption attribute or the trailing text', async () => {
  const a = await convertPostContent(
    '[caption id="attachment_1" width="300"]<a href="https://x.example/big.jpg"><img src="https://x.example/small.jpg" alt="A" /></a> A <em>fine</em> day[/caption]',
    noMedia,
    1,
  );
  assert.equal(
    a.html,
    '<figure><a href="https://x.example/big.jpg"><img src="https://x.example/small.jpg" alt="A" /></a><figcaption>A <em>fine</em> day</figcaption></figure>',
  );
  const b = await convertPostContent(
    '[caption caption="Old style"]<img src="https://x.example/a.jpg" alt="" />[/caption]',
    noMedia,
    1,
  );
  assert.match(b.html, /<figcaption>Old style<\/figcaption>/);
});

test('[gallery] asks for its images by id, or by the post they are attached to', async () => {
  const asked: unknown[] = [];
  const context: ConversionContext = {
    gallery: async (request) => {
      asked.push(request);
      return [
        { url: '/media/a.jpg', alt: 'A "quoted" alt', caption: 'Cap & more', width: 4, height: 3 },
      ];
    },
    uploadUrl: () => undefined,
  };
  const out = await convertPostContent(
    'Before\n\n[gallery ids="3, 2"]\n\n[gallery]\n\nAfter',
    context,
    9,
  );
  assert.deepEqual(asked, [
    { ids: [3, 2], parent: 9 },
    { ids: [], parent: 9 },
  ]);
  assert.equal(
    out.html,
    '<p>Before</p>\n<figure><figure><img src="/media/a.jpg" alt="A &quot;quoted&quot; alt" width="4" height="3" /><figcaption>Cap &amp; more</figcaption></figure></figure>\n<figure><figure><img src="/media/a.jpg" alt="A &quot;quoted&quot; alt" width="4" height="3" /><figcaption>Cap &amp; more</figcaption></figure></figure>\n<p>After</p>',
  );
});

test('unknown shortcodes stay visible and are reported; brackets in prose are not shortcodes', async () => {
  const out = await convertPostContent(
    'Call us [contact-form-7 id="4"] or [vc_row]text[/vc_row]. He said [sic] it [1].',
    noMedia,
    1,
  );
  assert.deepEqual(out.unknownShortcodes, ['contact-form-7', 'vc_row']);
  assert.match(out.html, /\[contact-form-7 id="4"\]/);
  assert.match(out.html, /\[sic\]/);
});

test('[embed], [video] and embed blocks become links', async () => {
  const out = await convertPostContent(
    '[embed]https://video.example/v/1[/embed]\n\n[video src="https://cdn.example/clip.mp4"]',
    noMedia,
    1,
  );
  assert.match(
    out.html,
    /<a href="https:\/\/video\.example\/v\/1">https:\/\/video\.example\/v\/1<\/a>/,
  );
  assert.match(out.html, /<a href="https:\/\/cdn\.example\/clip\.mp4">/);
  const block = await convertPostContent(
    '<!-- wp:embed {"url":"https://video.example/v/2"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://video.example/v/2\n</div></figure>\n<!-- /wp:embed -->',
    noMedia,
    1,
  );
  assert.match(block.html, /<figure>\s*<p><a href="https:\/\/video\.example\/v\/2">/);
});

test('block posts lose their delimiters, report content-less blocks and get no autop', async () => {
  const out = await convertPostContent(
    '<!-- wp:paragraph -->\n<p>One\nline</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:latest-posts {"n":3} /-->\n<!-- wp:jetpack/slideshow /-->',
    noMedia,
    1,
  );
  assert.equal(out.html, '<p>One\nline</p>');
  assert.deepEqual(out.droppedBlocks, ['latest-posts', 'jetpack/slideshow']);
});

test('old upload URLs point at copied files', async () => {
  const context: ConversionContext = {
    gallery: async () => [],
    uploadUrl: (url) => (url.includes('/2024/01/a') ? '/media/wordpress/2024/01/a.jpg' : undefined),
  };
  const out = await convertPostContent(
    '<img src="https://old.example/wp-content/uploads/2024/01/a-300x200.jpg" alt=""><img src="https://old.example/wp-content/uploads/2024/01/b.jpg" alt="">',
    context,
    1,
  );
  assert.match(out.html, /src="\/media\/wordpress\/2024\/01\/a\.jpg"/);
  assert.match(out.html, /src="https:\/\/old\.example\/wp-content\/uploads\/2024\/01\/b\.jpg"/);
});

test('comment HTML becomes comment text with the Markdown the renderer reads', () => {
  assert.equal(
    commentHtmlToText(
      'Hi <strong>all</strong>,<br />\nsee <a href="https://a.example/x?y=1&amp;z=2">this</a> &amp; <a href="https://b.example/">https://b.example/</a>',
    ),
    'Hi **all**,\nsee [this](https://a.example/x?y=1&z=2) & https://b.example/',
  );
  assert.equal(commentHtmlToText('<p>One</p><p>Two</p>'), 'One\n\nTwo');
  assert.equal(commentHtmlToText('<blockquote>Quoted</blockquote>Reply'), '> Quoted\n\nReply');
  assert.equal(commentHtmlToText('5 &lt; 6 <script>x()</script>'), '5 < 6');
  assert.equal(commentHtmlToText('a <a href="javascript:alert(1)">b</a>'), 'a b');
});

test('right-to-left stories are recognised by their script', () => {
  assert.deepEqual(detectRightToLeft('يعود مهرجان الفوانيس إلى ساحة السوق'), {
    lang: 'ar',
    dir: 'rtl',
  });
  assert.deepEqual(detectRightToLeft('این یک خبر است که پیش از ظهر منتشر شد'), {
    lang: 'fa',
    dir: 'rtl',
  });
  assert.deepEqual(detectRightToLeft('שלום לכולם'), { lang: 'he', dir: 'rtl' });
  assert.equal(detectRightToLeft("İstanbul'dan gelen kütüphane"), undefined);
  assert.equal(detectRightToLeft('Mostly English with one word مهرجان'), undefined);
});
