import { createHash } from 'node:crypto';
import { AppError } from '../http/app-error.js';
import { bodyImages, mediaPathOf } from './alt-text.js';
import {
  defaultImageLimits,
  type ImageLimits,
  inspectImage,
  renderImage,
} from './image-processing.js';
import {
  extensionOf,
  type MediaItem,
  type MediaText,
  mediaTextLimits,
  mimeOf,
  type Rendition,
} from './media.js';
import type { MediaFiles } from './media-files.js';
import type { MediaRepository } from './media-repository.js';

export interface MediaServiceDeps {
  repository: MediaRepository;
  files: MediaFiles;
  /** Default 20 MB and 50 megapixels: see `ImageLimits`. */
  limits?: ImageLimits;
  clock: () => Date;
}

export interface UploadInput {
  bytes: Buffer;
  alt?: string;
  caption?: string;
  credit?: string;
  uploadedBy?: number | null;
}

/** An image of an article that has no alt text. */
export interface MissingAltText {
  where: 'featured' | 'body';
  /** The library item, when known. */
  mediaId: number | null;
  /** The image's URL (`/media/…` for library images). */
  src: string;
}

/** The media library: uploads, their renditions and descriptive text, the alt-text rule. */
export class MediaService {
  readonly limits: ImageLimits;

  constructor(private readonly deps: MediaServiceDeps) {
    this.limits = deps.limits ?? defaultImageLimits;
  }

  /**
   * Checks the file (type from its bytes, byte and pixel limits), renders the metadata-free
   * full size and renditions, stores them and records the item. The same bytes uploaded again
   * answer the existing item with `duplicate: true` (its text is left as it was).
   */
  async upload(input: UploadInput): Promise<{ item: MediaItem; duplicate: boolean }> {
    const inspected = await inspectImage(input.bytes, this.limits);
    const text = this.cleanText({
      alt: input.alt ?? '',
      caption: input.caption ?? '',
      credit: input.credit ?? '',
    });
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const existing = await this.deps.repository.findBySha256(sha256);
    if (existing) return { item: existing, duplicate: true };

    const encoded = await renderImage(input.bytes, inspected, this.limits);
    const now = this.deps.clock();
    const folder = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const name = sha256.slice(0, 20);
    const files: Rendition[] = encoded.map((e) => ({
      width: e.width,
      height: e.height,
      format: e.format,
      path: `${folder}/${name}-${e.width}.${extensionOf[e.format]}`,
    }));
    await Promise.all(encoded.map((e, i) => this.deps.files.write(files[i]!.path, e.data)));
    const full = files
      .filter((f) => f.format === inspected.format)
      .reduce((a, b) => (b.width > a.width ? b : a));
    try {
      const id = await this.deps.repository.insert({
        path: full.path,
        mime: mimeOf[inspected.format],
        width: full.width,
        height: full.height,
        ...text,
        originalUrl: null,
        createdAt: now.toISOString(),
        renditions: files.filter((f) => f !== full),
        sha256,
        bytes: input.bytes.length,
        uploadedBy: input.uploadedBy ?? null,
      });
      return { item: (await this.deps.repository.findById(id))!, duplicate: false };
    } catch (error) {
      // Two uploads of the same bytes at once: the second finds the first's row.
      const raced = await this.deps.repository.findBySha256(sha256);
      if (raced) return { item: raced, duplicate: true };
      throw error;
    }
  }

  async get(id: number): Promise<MediaItem> {
    const item = await this.deps.repository.findById(id);
    if (!item) throw new AppError('NOT_FOUND', 'No such image in the media library.');
    return item;
  }

  /** Newest first; `perPage` default 30, at most 100. */
  async list(query: { q?: string; page?: number; perPage?: number }) {
    const perPage = Math.min(Math.max(query.perPage ?? 30, 1), 100);
    const page = Math.max(query.page ?? 1, 1);
    const { items, total } = await this.deps.repository.list({
      ...(query.q ? { q: query.q } : {}),
      limit: perPage,
      offset: (page - 1) * perPage,
    });
    return { items, total, page, perPage };
  }

  async updateText(id: number, text: Partial<MediaText>): Promise<MediaItem> {
    const clean = this.cleanText(text);
    if (!(await this.deps.repository.updateText(id, clean))) {
      throw new AppError('NOT_FOUND', 'No such image in the media library.');
    }
    return this.get(id);
  }

  /** Removes the item, detaches it from articles, then deletes its files. */
  async delete(id: number): Promise<void> {
    const removed = await this.deps.repository.delete(id);
    if (!removed) throw new AppError('NOT_FOUND', 'No such image in the media library.');
    const paths = [removed.path, ...removed.renditions.map((r) => r.path)];
    await Promise.all(paths.map((p) => this.deps.files.remove(p)));
  }

  /**
   * Every image of an article without alt text: the featured image (its library item needs alt
   * text; a missing item counts) and each body `<img>` (needs a non-empty `alt` attribute).
   * The publishing workflow refuses to publish while this list is not empty.
   */
  async missingAltText(article: {
    bodyHtml: string;
    featuredImageId: number | null;
  }): Promise<MissingAltText[]> {
    const missing: MissingAltText[] = [];
    if (article.featuredImageId !== null) {
      const item = await this.deps.repository.findById(article.featuredImageId);
      if (!item?.alt.trim()) {
        missing.push({
          where: 'featured',
          mediaId: article.featuredImageId,
          src: item ? `/media/${item.path}` : '',
        });
      }
    }
    const withoutAlt = bodyImages(article.bodyHtml).filter((img) => !img.alt?.trim());
    const paths = withoutAlt.map((img) => mediaPathOf(img.src)).filter((p) => p !== null);
    const byPath = new Map(
      (await this.deps.repository.findByPaths(paths)).map((item) => [item.path, item.id]),
    );
    for (const img of withoutAlt) {
      const path = mediaPathOf(img.src);
      missing.push({
        where: 'body',
        mediaId: img.mediaId ?? (path !== null ? (byPath.get(path) ?? null) : null),
        src: img.src,
      });
    }
    return missing;
  }

  /**
   * Throws 400 `VALIDATION_FAILED` (details `missingAltText`) when any image lacks alt text; with
   * `before`, only images that were not already lacking it there (an edit of a live article).
   */
  async assertAltText(
    article: { bodyHtml: string; featuredImageId: number | null },
    before?: { bodyHtml: string; featuredImageId: number | null },
  ) {
    const key = (m: MissingAltText) => `${m.where} ${m.mediaId} ${m.src}`;
    const old = new Set(before ? (await this.missingAltText(before)).map(key) : []);
    const missing = (await this.missingAltText(article)).filter((m) => !old.has(key(m)));
    if (!missing.length) return;
    const n = missing.length;
    throw new AppError(
      'VALIDATION_FAILED',
      `Add alt text to ${n === 1 ? 'the image' : `${n} images`} before publishing: ${missing
        .map((m) => (m.where === 'featured' ? 'the featured image' : m.src || 'an image'))
        .join(', ')}.`,
      { missingAltText: missing },
    );
  }

  private cleanText<T extends Partial<MediaText>>(text: T): T {
    const out: Partial<MediaText> = {};
    const errors: Record<string, string> = {};
    for (const key of ['alt', 'caption', 'credit'] as const) {
      const value = text[key];
      if (value === undefined) continue;
      const trimmed = value.replace(/\s+/g, ' ').trim();
      if (trimmed.length > mediaTextLimits[key]) {
        errors[key] = `At most ${mediaTextLimits[key]} characters.`;
      }
      out[key] = trimmed;
    }
    if (Object.keys(errors).length) {
      throw new AppError('VALIDATION_FAILED', 'Some fields are too long.', { fieldErrors: errors });
    }
    return out as T;
  }
}
