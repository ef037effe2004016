import { createRequire } from 'node:module';
import { htmlToText } from '../text/sanitized-html.js';
import type { ArticleFields } from './newsroom.js';

export interface DiffPart {
  text: string;
  change: 'same' | 'removed' | 'added';
}

/** One field, ready for a side-by-side view: `left` is the older text, `right` the newer. */
export interface FieldDiff {
  field: keyof ArticleFields;
  changed: boolean;
  left: DiffPart[];
  right: DiffPart[];
}

function asText(field: keyof ArticleFields, value: ArticleFields[keyof ArticleFields]): string {
  if (field === 'bodyHtml') return htmlToText(String(value));
  if (Array.isArray(value)) return value.join(', ');
  return value === null ? '' : String(value);
}

/** The `diff` package, loaded when a revision is first compared (staff only, never for readers). */
let diffWords: typeof import('diff').diffWords | undefined;
function wordDiff(): typeof import('diff').diffWords {
  diffWords ??= (createRequire(import.meta.url)('diff') as typeof import('diff')).diffWords;
  return diffWords;
}

/** Word-level diff of every field of two revisions. */
export function diffRevisions(from: ArticleFields, to: ArticleFields): FieldDiff[] {
  const fields = Object.keys({ ...from, ...to }) as (keyof ArticleFields)[];
  return fields.map((field) => {
    const a = asText(field, from[field] ?? null);
    const b = asText(field, to[field] ?? null);
    if (a === b) {
      const same = a ? [{ text: a, change: 'same' as const }] : [];
      return { field, changed: false, left: same, right: same };
    }
    const left: DiffPart[] = [];
    const right: DiffPart[] = [];
    for (const part of wordDiff()(a, b)) {
      if (part.added) right.push({ text: part.value, change: 'added' });
      else if (part.removed) left.push({ text: part.value, change: 'removed' });
      else {
        left.push({ text: part.value, change: 'same' });
        right.push({ text: part.value, change: 'same' });
      }
    }
    return { field, changed: true, left, right };
  });
}
