import type { MediaItem, MediaText, Rendition } from './media.js';

export interface NewMedia {
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  originalUrl: string | null;
  createdAt: string;
  /** Smaller widths and WebP copies; none for imported and demo media. */
  renditions?: Rendition[];
  /** SHA-256 (hex) of the uploaded bytes, so the same file uploaded twice is found again. */
  sha256?: string | null;
  bytes?: number | null;
  uploadedBy?: number | null;
}

export interface MediaListQuery {
  /** Words that must all appear in the alt text, caption or credit (case-insensitive). */
  q?: string;
  limit: number;
  offset: number;
}

/** Storage for media items (images and their descriptive text). */
export interface MediaRepository {
  insert(media: NewMedia): Promise<number>;
  findById(id: number): Promise<MediaItem | null>;
  findByIds(ids: readonly number[]): Promise<MediaItem[]>;
  /** Items whose full-size file is at one of `paths` (below the media directory). */
  findByPaths(paths: readonly string[]): Promise<MediaItem[]>;
  findBySha256(sha256: string): Promise<MediaItem | null>;
  /** Newest first. */
  list(query: MediaListQuery): Promise<{ items: MediaItem[]; total: number }>;
  /** Returns false when there is no such item. */
  updateText(id: number, text: Partial<MediaText>): Promise<boolean>;
  /**
   * Removes the item and detaches it from every article that featured it or used it as its
   * social image; returns what was removed (to delete its files), or null when it did not exist.
   */
  delete(id: number): Promise<MediaItem | null>;
}
