import { fold, tokenize } from './folding.js';

/** Longer queries are refused with a 400: nobody types 500 characters into a search box. */
export const MAX_QUERY_LENGTH = 500;

/** Clauses past this many are ignored: more words rarely narrow a news search further. */
export const MAX_CLAUSES = 12;

/** Shortest last word that is searched as a prefix ("ha" does not expand to every word). */
export const MIN_PREFIX_LENGTH = 2;

/**
 * One condition every result must meet: a word (one token) or a phrase (consecutive tokens).
 * With `prefix`, the last token also matches longer words that start with it.
 */
export interface SearchClause {
  tokens: string[];
  prefix: boolean;
}

/** A query reduced to folded tokens: no engine syntax survives parsing. */
export interface ParsedQuery {
  clauses: SearchClause[];
}

const QUOTES = /["“”„‟«»]/;

/**
 * Parses what a reader typed. Words are ANDed; text in double quotes (straight or curly; an
 * unclosed quote runs to the end) is a phrase; a word that folds to several tokens
 * ("co-working", "Türkiye'den") is a phrase too. The last unquoted word matches as a prefix unless
 * the query ends in a space, so results appear while typing (`hama` finds "Hamas"). FTS operators
 * (`AND`, `OR`, `NOT`, `NEAR`, `*`, `^`, `-`, `:`, parentheses) are ordinary words or separators.
 */
export function parseQuery(raw: string): ParsedQuery {
  const segments = raw.split(QUOTES);
  const clauses: SearchClause[] = [];
  const seen = new Set<string>();
  let lastWasOpenWord = false;
  const add = (tokens: string[], openWord: boolean) => {
    if (tokens.length === 0) return;
    const key = tokens.join(' ');
    if (seen.has(key)) {
      lastWasOpenWord = false;
      return;
    }
    seen.add(key);
    clauses.push({ tokens, prefix: false });
    lastWasOpenWord = openWord;
  };
  segments.forEach((segment, i) => {
    const quoted = i % 2 === 1;
    if (quoted) {
      add(tokenize(fold(segment)), false);
      return;
    }
    for (const word of segment.split(/\s+/)) add(tokenize(fold(word)), true);
  });
  const last = clauses[clauses.length - 1];
  const typing = !/[\s"“”„‟«»]$/.test(raw);
  if (last && lastWasOpenWord && typing) {
    const lastToken = last.tokens[last.tokens.length - 1]!;
    if ([...lastToken].length >= MIN_PREFIX_LENGTH) last.prefix = true;
  }
  // Keep the last clause (the one being typed) when trimming a very long query.
  if (clauses.length > MAX_CLAUSES) {
    return { clauses: [...clauses.slice(0, MAX_CLAUSES - 1), clauses[clauses.length - 1]!] };
  }
  return { clauses };
}

/** True when the query has nothing to search for (empty, spaces, punctuation only). */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.clauses.length === 0;
}

/** The query written back as text a reader could type, used for "did you mean" links. */
export function formatQuery(query: ParsedQuery): string {
  return query.clauses
    .map((c) => (c.tokens.length > 1 ? `"${c.tokens.join(' ')}"` : c.tokens[0]))
    .join(' ');
}
