/**
 * Text folding shared by every search engine: the index and the query go through the same
 * function, so SQLite and PostgreSQL see identical words.
 */

// Diacritics and vowel marks that readers routinely leave out: Latin/Greek/Cyrillic combining
// accents, Hebrew niqqud, Arabic tashkeel (harakat, shadda, sukun, superscript alef, Quranic marks)
// and the tatweel used to stretch words. Marks of scripts where they spell vowels (Devanagari,
// Thai, ...) are kept: dropping them would merge different words.
const DROPPED_MARKS =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;

// Letters that do not decompose into base letter + mark, and Arabic letter forms that are written
// interchangeably (alef wasla, ta marbuta, alef maqsura, Persian yeh and keheh).
const LETTER_MAP: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ς: 'σ',
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
};
const LETTERS = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');

// Arabic-Indic and Persian digits read as the same numbers as ASCII digits.
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;

/**
 * Folds text for matching: NFKC, Turkish-correct lowercasing (İ, I and ı all become i), no
 * diacritics (ğ→g, ş→s, é→e), unified Arabic letter forms (أ إ آ ٱ→ا, ة→ه, ى→ي) without
 * tashkeel or tatweel, ASCII digits. Idempotent: `fold(fold(s)) === fold(s)`.
 */
export function fold(text: string): string {
  return (
    text
      .normalize('NFKC')
      // Before lowercasing: JavaScript lowercases İ to "i̇" and leaves ı alone; Turkish readers
      // type all three as a plain i.
      .replace(/[İIı]/g, 'i')
      .toLowerCase()
      .normalize('NFD')
      .replace(DROPPED_MARKS, '')
      .replace(LETTERS, (c) => LETTER_MAP[c] ?? c)
      .replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
      .normalize('NFC')
  );
}

/** Words longer than this are not indexed or searched (they are noise: hashes, base64, URLs). */
export const MAX_TOKEN_LENGTH = 64;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The searchable words of already folded text, in order: runs of letters, digits and marks.
 * Everything else separates words, so FTS syntax can never reach an engine through a token.
 */
export function tokenize(folded: string): string[] {
  const out: string[] = [];
  for (const match of folded.matchAll(WORD)) {
    const word = match[0];
    if ([...word].length <= MAX_TOKEN_LENGTH) out.push(word);
  }
  return out;
}

/** `tokenize(fold(text))`. */
export function foldedTokens(text: string): string[] {
  return tokenize(fold(text));
}

/** Runs of word characters in original (unfolded) text with their offsets, for highlighting. */
export function wordSpans(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const match of text.matchAll(WORD)) {
    out.push({ start: match.index, end: match.index + match[0].length });
  }
  return out;
}
