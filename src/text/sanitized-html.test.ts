import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  htmlToText,
  markdownToSafeHtml,
  readingMinutes,
  sanitizeArticleHtml,
} from './sanitized-html.js';

test('scripts, event handlers and javascript: URLs are removed', () => {
  const out = sanitizeArticleHtml(
    '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">x</a><img src="data:image/png;base64,AA" onerror="y()"></p>',
  );
  assert.doesNotMatch(out, /script|onclick|onerror|javascript:|data:/);
  assert.match(out, /<p>Hi<a>x<\/a><img \/><\/p>|<p>Hi<a>x<\/a><img ?\/?><\/p>/);
});

test('markdown renders structure and escapes raw HTML', () => {
  const out = markdownToSafeHtml('# Title\n\nA *b* <b>c</b>\n\n- one\n- two');
  assert.match(out, /<h2>Title<\/h2>/);
  assert.match(out, /<em>b<\/em> &lt;b&gt;c&lt;\/b&gt;/);
  assert.match(out, /<ul>\s*<li>one<\/li>/);
});

test('plain text and reading time come from the markup', () => {
  assert.equal(htmlToText('<p>Tom &amp; Jerry</p>\n<p>ran</p>'), 'Tom & Jerry ran');
  assert.equal(readingMinutes(`<p>${'word '.repeat(660)}</p>`), 3);
  assert.equal(readingMinutes('<p>short</p>'), 1);
  // The editor writes blocks without whitespace between them: each tag still ends a word.
  assert.equal(readingMinutes('<p>word</p>'.repeat(660)), 3);
  assert.equal(readingMinutes('<p><a href="https://example.org/?a=1&amp;b=2">x</a></p>'), 1);
});

test('reading time counts Unicode spaces as word breaks', () => {
  // 660 words joined by no-break, ideographic and thin spaces: three minutes, not one.
  const words = Array.from(
    { length: 660 },
    (_, i) => `söz${['\u00a0', '\u3000', '\u2009'][i % 3]}`,
  );
  assert.equal(readingMinutes(`<p>${words.join('')}</p>`), 3);
});

test('embed figures keep data-embed only for an allowlisted provider and its own address', () => {
  const youtube = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
  const kept = [
    `<figure data-embed="youtube"><a href="${youtube}" rel="noopener">Watch the video on YouTube: ${youtube}</a></figure>`,
    '<figure data-embed="x"><a href="https://x.com/newsdesk/status/1234567890">Read the post on X</a></figure>',
    '<figure data-embed="instagram"><a href="https://www.instagram.com/p/Cabc123_-/">See the post</a></figure>',
  ];
  // Saved and saved again: nothing changes.
  for (const html of kept) assert.equal(sanitizeArticleHtml(sanitizeArticleHtml(html)), html);

  const dropped = sanitizeArticleHtml(
    [
      // A provider not on the list.
      `<figure data-embed="vimeo"><a href="${youtube}">a</a></figure>`,
      // The provider does not match the link.
      `<figure data-embed="x"><a href="${youtube}">b</a></figure>`,
      // A spoofed address: right-looking path on another host, and a non-canonical one.
      '<figure data-embed="youtube"><a href="https://evil.example/watch?v=dQw4w9WgXcQ">c</a></figure>',
      `<figure data-embed="youtube"><a href="${youtube}&amp;list=evil">d</a></figure>`,
      // No link at all, and an empty value.
      '<figure data-embed="youtube"><img src="/media/a.jpg" alt="A"></figure>',
      `<figure data-embed><a href="${youtube}">e</a></figure>`,
      '<p data-embed="youtube">g</p>',
    ].join(''),
  );
  assert.doesNotMatch(dropped, /data-/);
  assert.equal((dropped.match(/<figure>/g) ?? []).length, 6);
  // A real embed keeps its marker and nothing else it tried to bring along.
  assert.equal(
    sanitizeArticleHtml(
      `<figure data-embed="youtube" data-src="https://evil.example/" style="x"><a href="${youtube}" data-embed="youtube" onclick="x()">f</a><iframe src="https://evil.example/"></iframe></figure>`,
    ),
    `<figure data-embed="youtube"><a href="${youtube}">f</a></figure>`,
  );
  assert.match(dropped, /<figure><a href="https:\/\/evil\.example\/watch\?v=dQw4w9WgXcQ">c<\/a>/);
});
