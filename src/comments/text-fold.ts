import { fold } from '../search/folding.js';

export { fold };

/** The folded words of `text` in order (accent/case-folded, Turkish-aware, via search's `fold`). */
export function foldedWords(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The first entry of `list` found in `text` as whole words (a phrase matches consecutive words),
 * after folding both; undefined when none. "Scunthorpe" does not contain the word "cunt".
 */
export function findListedWord(text: string, list: readonly string[]): string | undefined {
  if (!list.length) return undefined;
  const words = foldedWords(text);
  if (!words.length) return undefined;
  const index = new Map<string, number[]>();
  words.forEach((w, i) => {
    const at = index.get(w);
    if (at) at.push(i);
    else index.set(w, [i]);
  });
  for (const entry of list) {
    const phrase = foldedWords(entry);
    if (!phrase.length) continue;
    const starts = index.get(phrase[0]!) ?? [];
    if (starts.some((s) => phrase.every((p, k) => words[s + k] === p))) return entry;
  }
  return undefined;
}
