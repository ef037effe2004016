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
});
