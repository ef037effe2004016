import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';

/**
 * Returns a lookup of file sizes below `mediaDir` (the RSS enclosure `length`). Paths that would
 * leave the directory, and missing files, have no size.
 */
export function mediaFileSizes(mediaDir: string): (path: string) => Promise<number | undefined> {
  const root = resolve(mediaDir);
  return async (path) => {
    const file = resolve(root, path);
    const rel = relative(root, file);
    if (!rel || rel.startsWith(`..${sep}`) || rel === '..') return undefined;
    try {
      const info = await stat(file);
      return info.isFile() ? info.size : undefined;
    } catch {
      return undefined;
    }
  };
}
