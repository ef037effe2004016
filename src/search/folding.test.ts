import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, foldedTokens, tokenize } from './folding.js';

// The folding table: what readers type, and the word in the text it must find.
const examples: [typed: string, written: string][] = [
  ['kalin', 'Kalın'],
  ['KALIN', 'kalın'],
  ['turkiye', 'Türkiye'],
  ['Türkiye', 'Türkiye'],
  ['istanbul', 'İstanbul'],
  ['ISTANBUL', 'İstanbul'],
  ['erdogan', 'Erdoğan'],
  ['cafe', 'café'],
  ['Cafe', 'CAFÉ'],
  ['sule', 'Şule'],
  ['cagri ozturk', 'Çağrı Öztürk'],
  ['uskudar', 'Üsküdar'],
  ['strasse', 'Straße'],
  ['lodz', 'Łódź'],
  ['اضواء', 'أضواء'],
  ['اسلام', 'إسلام'],
  ['امن', 'آمن'],
  ['الوصل', 'ٱلوصل'],
  ['المدينه', 'المدينة'],
  ['مستشفي', 'مستشفى'],
  ['مدرسة', 'مَدْرَسَة'],
  ['كتاب', 'كـتـاب'],
  ['2026', '٢٠٢٦'],
  ['fi', 'ﬁ'],
];

test('every example folds to the same text as the word it must find', () => {
  for (const [typed, written] of examples) {
    assert.equal(fold(typed), fold(written), `${typed} ↔ ${written}`);
  }
});

test('Turkish capitals lowercase the Turkish way, whatever the runtime locale', () => {
  assert.equal(fold('İSTANBUL'), 'istanbul');
  assert.equal(fold('ISPARTA'), 'isparta');
  assert.equal(fold('ılık'), 'ilik');
  assert.equal(fold('Kalın'), 'kalin');
});

test('folding is idempotent and keeps scripts whose marks spell vowels', () => {
  for (const s of ['Türkiye’den', 'أضواء الميناء', 'हिन्दी', 'Ελλάδα', 'ΟΔΟΣ', 'ﬁsh ½']) {
    assert.equal(fold(fold(s)), fold(s), s);
  }
  // Devanagari vowel signs are kept: "हिन्दी" must not collapse to its consonants.
  assert.ok(fold('हिन्दी').length > 3);
  // Greek final sigma and capital sigma fold alike.
  assert.equal(fold('οδός'), fold('ΟΔΟΣ'));
});

test('tokens are letters, digits and marks only: no FTS syntax survives', () => {
  assert.deepEqual(foldedTokens('NEAR(a b) AND "x"* ^y -z col:w'), [
    'near',
    'a',
    'b',
    'and',
    'x',
    'y',
    'z',
    'col',
    'w',
  ]);
  assert.deepEqual(foldedTokens("Türkiye'den co-working"), ['turkiye', 'den', 'co', 'working']);
  assert.deepEqual(tokenize(`${'a'.repeat(65)} ok`), ['ok']);
  assert.deepEqual(foldedTokens('\u0000\ufffd\ud800'), []);
});
