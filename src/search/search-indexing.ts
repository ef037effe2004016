import type { ArticleStatus } from '../storage/schema.js';
import { htmlToText } from '../text/sanitized-html.js';
import { foldedTokens, wordSpans } from './folding.js';
import type { IndexSource, SearchDocument, VocabularyTerm } from './search-repository.js';

/**
 * Statuses whose articles are kept in the index. Scheduled articles are indexed ahead of time
 * and only become findable once they are published and their time has come: every query
 * re-checks status and `published_at < now`.
 */
export const INDEXED_STATUSES: ArticleStatus[] = ['published', 'scheduled'];

/** Tokens indexed per document, all fields together (PostgreSQL positions end at 16383). */
export const MAX_INDEXED_TOKENS = 16_000;

export function isIndexed(status: ArticleStatus): boolean {
  return INDEXED_STATUSES.includes(status);
}

/** The folded, tokenized document for an article: the same input for every engine. */
export function buildDocument(source: IndexSource): SearchDocument {
  const title = foldedTokens(source.title).slice(0, MAX_INDEXED_TOKENS);
  const dek = foldedTokens(source.dek).slice(0, MAX_INDEXED_TOKENS - title.length);
  const body = foldedTokens(htmlToText(source.bodyHtml)).slice(
    0,
    MAX_INDEXED_TOKENS - title.length - dek.length,
  );
  return { articleId: source.id, title, dek, body };
}

/** Title and tag words worth suggesting: at least three letters, not just digits. */
export function vocabularyOf(sources: IndexSource[]): VocabularyTerm[] {
  const out = new Map<string, string>();
  for (const source of sources) {
    for (const text of [source.title, ...source.tags]) {
      for (const span of wordSpans(text)) {
        const display = text.slice(span.start, span.end);
        const tokens = foldedTokens(display);
        const term = tokens[0];
        if (tokens.length !== 1 || !term || [...term].length < 3 || /^\p{N}+$/u.test(term))
          continue;
        if (!out.has(term)) out.set(term, display);
      }
    }
  }
  return [...out].map(([term, display]) => ({ term, display }));
}
