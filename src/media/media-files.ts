import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/** Where the library's files live: a folder served at `/media/` (see `app.ts`). */
export interface MediaFiles {
  /** Writes `data` at `path` (below the media directory) so readers never see half a file. */
  write(path: string, data: Buffer): Promise<void>;
  /** Removes the file at `path`; a missing file is not an error. */
  remove(path: string): Promise<void>;
}

/** Media files in a local directory (`MEDIA_DIR`). */
export class LocalMediaFiles implements MediaFiles {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private file(path: string): string {
    const file = resolve(join(this.root, path));
    if (!file.startsWith(this.root + sep)) throw new Error(`media path outside MEDIA_DIR: ${path}`);
    return file;
  }

  async write(path: string, data: Buffer): Promise<void> {
    const file = this.file(path);
    await mkdir(dirname(file), { recursive: true });
    // Written aside then renamed: MUST be atomic because the URL is cached as immutable.
    const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
    await writeFile(temporary, data);
    await rename(temporary, file);
  }

  async remove(path: string): Promise<void> {
    await rm(this.file(path), { force: true });
  }
}
