import { basename } from 'node:path';
import { changedAnything, IMPORT_KINDS, type ImportSummary } from './wordpress-import.js';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, n]) => `${name} ×${n}`)
    .join(', ');

/**
 * The end-of-import report: a table of imported / updated / unchanged / skipped per kind, why
 * things were skipped, and what an editor should look at. Never contains an email address.
 */
export function formatImportSummary(summary: ImportSummary): string {
  const lines: string[] = [];
  const site = summary.site;
  lines.push(
    `WordPress import of ${basename(summary.file)}${site?.title ? ` — "${site.title}"` : ''}${
      site?.wxrVersion ? ` (WXR ${site.wxrVersion})` : ''
    }${summary.dryRun ? ' — DRY RUN: nothing was written' : ''}`,
  );
  lines.push('');
  const header = ['', 'imported', 'updated', 'unchanged', 'skipped'];
  const rows = IMPORT_KINDS.map((kind) => {
    const k = summary.kinds[kind];
    return [kind, k.imported, k.updated, k.unchanged, k.skipped].map(String);
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  lines.push(format(header));
  for (const row of rows) lines.push(format(row));

  const skipped = IMPORT_KINDS.flatMap((kind) =>
    Object.entries(summary.kinds[kind].reasons).map(([why, n]) => `  ${kind}: ${why} ×${n}`),
  );
  if (skipped.length) lines.push('', 'Skipped:', ...skipped);
  const notes = IMPORT_KINDS.flatMap((kind) =>
    Object.entries(summary.kinds[kind].notes).map(([what, n]) => `  ${kind}: ${what} ×${n}`),
  );
  if (notes.length) lines.push('', 'Notes:', ...notes);
  if (Object.keys(summary.unknownShortcodes).length) {
    lines.push(
      '',
      `Shortcodes kept as visible text (check these posts): ${list(summary.unknownShortcodes)}`,
    );
  }
  if (Object.keys(summary.droppedBlocks).length) {
    lines.push(
      '',
      `Blocks whose content is not in the export (removed): ${list(summary.droppedBlocks)}`,
    );
  }
  if (summary.controlCharactersRemoved) {
    lines.push(
      '',
      `Removed ${summary.controlCharactersRemoved} control characters that XML does not allow.`,
    );
  }
  lines.push('');
  if (!changedAnything(summary)) {
    lines.push('Nothing changed: the site already matches this export.');
  } else if (summary.dryRun) {
    lines.push('Run again without --dry-run to write these changes.');
  }
  lines.push(`Done in ${(summary.durationMs / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}
