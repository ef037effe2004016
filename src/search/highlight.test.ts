import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance } from './edit-distance.js';
import { highlight, matcherFor, segmentsToHtml, snippet } from './highlight.js';
import { parseQuery } from './query-parser.js';

test('matched words are marked in the original spelling, prefixes included', () => {
  const m = matcherFor(parseQuery('erdogan hama'));
  assert.deepEqual(highlight('Ayşe Erdoğan met Hamas.', m), [
    { text: 'Ayşe ', mark: false },
    { text: 'Erdoğan', mark: true },
    { text: ' met ', mark: false },
    { text: 'Hamas', mark: true },
    { text: '.', mark: false },
  ]);
});

test('HTML is escaped before marks are added, so text never becomes markup', () => {
  const m = matcherFor(parseQuery('img'));
  const html = segmentsToHtml(highlight('<img src=x onerror="alert(1)"> & co', m));
  assert.equal(html, '&lt;<mark>img</mark> src=x onerror=&quot;alert(1)&quot;&gt; &amp; co');
});

test('snippets centre on the first match and show where text was cut', () => {
  const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
  words[60] = 'harbour';
  const s = snippet(words.join(' '), matcherFor(parseQuery('harbour ')), 20);
  assert.equal(s[0]!.text.startsWith('…'), true);
  assert.ok(s.some((x) => x.mark && x.text === 'harbour'));
  assert.ok(s[s.length - 1]!.text.endsWith('…'));
  const start = snippet('no match here', matcherFor(parseQuery('zzz ')));
  assert.deepEqual(start, [{ text: 'no match here', mark: false }]);
});

test('edit distance counts swaps as one edit and stops early', () => {
  assert.equal(editDistance('erdgoan', 'erdogan', 2), 1);
  assert.equal(editDistance('kalin', 'kalinn', 2), 1);
  assert.equal(editDistance('harbour', 'harbor', 2), 1);
  assert.equal(editDistance('abc', 'xyz', 1), 2);
  assert.equal(editDistance('a', 'abcdef', 2), 3);
});
