import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatQuery, MAX_CLAUSES, parseQuery } from './query-parser.js';

const clauses = (q: string) => parseQuery(q).clauses;

test('words are folded and ANDed; the last word is a prefix while typing', () => {
  assert.deepEqual(clauses('Erdoğan İstanbul'), [
    { tokens: ['erdogan'], prefix: false },
    { tokens: ['istanbul'], prefix: true },
  ]);
  assert.deepEqual(clauses('hama'), [{ tokens: ['hama'], prefix: true }]);
  // A trailing space means the word is finished.
  assert.deepEqual(clauses('hama '), [{ tokens: ['hama'], prefix: false }]);
  // One letter is too short to expand.
  assert.deepEqual(clauses('x'), [{ tokens: ['x'], prefix: false }]);
});

test('quotes make phrases, straight or curly, closed or not', () => {
  assert.deepEqual(clauses('"harbour wall" repairs'), [
    { tokens: ['harbour', 'wall'], prefix: false },
    { tokens: ['repairs'], prefix: true },
  ]);
  assert.deepEqual(clauses('“Old Quay”'), [{ tokens: ['old', 'quay'], prefix: false }]);
  assert.deepEqual(clauses('ferry "old quay'), [
    { tokens: ['ferry'], prefix: false },
    { tokens: ['old', 'quay'], prefix: false },
  ]);
  // A word that folds to several tokens is a phrase.
  assert.deepEqual(clauses("Türkiye'den"), [{ tokens: ['turkiye', 'den'], prefix: true }]);
});

test('FTS syntax is neutralised: operators are words, symbols separate', () => {
  assert.deepEqual(clauses('a OR b NOT c'), [
    { tokens: ['a'], prefix: false },
    { tokens: ['or'], prefix: false },
    { tokens: ['b'], prefix: false },
    { tokens: ['not'], prefix: false },
    { tokens: ['c'], prefix: false },
  ]);
  assert.deepEqual(clauses('NEAR(kalin sons, 5)'), [
    { tokens: ['near', 'kalin'], prefix: false },
    { tokens: ['sons'], prefix: false },
    { tokens: ['5'], prefix: false },
  ]);
  for (const q of ['', '   ', '*', '"', '""', '()', '-', '^', ':', '* ( ) " ^ : -', '\u0000']) {
    assert.deepEqual(clauses(q), [], JSON.stringify(q));
  }
});

test('duplicates collapse and very long queries keep a bounded number of clauses', () => {
  assert.deepEqual(clauses('ferry Ferry FERRY'), [{ tokens: ['ferry'], prefix: false }]);
  const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
  const parsed = clauses(many);
  assert.equal(parsed.length, MAX_CLAUSES);
  assert.deepEqual(parsed[parsed.length - 1], { tokens: ['w39'], prefix: true });
});

test('formatQuery writes phrases back in quotes', () => {
  assert.equal(formatQuery(parseQuery('"old quay" ferry')), '"old quay" ferry');
});
