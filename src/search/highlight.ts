import { foldedTokens, wordSpans } from './folding.js';
import type { ParsedQuery } from './query-parser.js';

/** A run of original text; `mark` when it is a word the query matched. */
export interface Segment {
  text: string;
  mark: boolean;
}

/** Decides whether a word of original text matches one of the query's tokens (after folding). */
export function matcherFor(query: ParsedQuery): (word: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const clause of query.clauses) {
    clause.tokens.forEach((token, i) => {
      if (clause.prefix && i === clause.tokens.length - 1) prefixes.push(token);
      else exact.add(token);
    });
  }
  return (word) =>
    foldedTokens(word).some((t) => exact.has(t) || prefixes.some((p) => t.startsWith(p)));
}

/** Splits `text` into marked and unmarked runs; adjacent runs of the same kind are merged. */
export function highlight(text: string, matches: (word: string) => boolean): Segment[] {
  const out: Segment[] = [];
  const push = (t: string, mark: boolean) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && prev.mark === mark) prev.text += t;
    else out.push({ text: t, mark });
  };
  let at = 0;
  for (const span of wordSpans(text)) {
    const word = text.slice(span.start, span.end);
    if (!matches(word)) continue;
    push(text.slice(at, span.start), false);
    push(word, true);
    at = span.end;
  }
  push(text.slice(at), false);
  return out;
}

/**
 * About `words` words of `text` around the first matched word, highlighted, with an ellipsis where
 * text was cut. Starts at the beginning when nothing matches (the match was in another field).
 */
export function snippet(text: string, matches: (word: string) => boolean, words = 32): Segment[] {
  const spans = wordSpans(text);
  if (spans.length === 0) return [];
  const first = spans.findIndex((s) => matches(text.slice(s.start, s.end)));
  const from = first <= 8 ? 0 : Math.max(0, Math.min(first - 8, spans.length - words));
  const to = Math.min(spans.length, from + words);
  const start = from === 0 ? 0 : spans[from]!.start;
  const end = to === spans.length ? text.length : spans[to - 1]!.end;
  const body = highlight(text.slice(start, end).trim(), matches);
  if (from > 0) body.unshift({ text: '…', mark: false });
  if (to < spans.length) body.push({ text: '…', mark: false });
  return merge(body);
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && prev.mark === s.mark) prev.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * Segments as an HTML string for API clients: every run is escaped first, and only then are the
 * matched runs wrapped in `<mark>`, so no text from an article can become markup.
 */
export function segmentsToHtml(segments: Segment[]): string {
  return segments
    .map((s) => (s.mark ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text)))
    .join('');
}

/** Segments as plain text. */
export function segmentsToText(segments: Segment[]): string {
  return segments.map((s) => s.text).join('');
}
