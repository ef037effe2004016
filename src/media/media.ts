/** The five image formats the library accepts and serves. */
export const imageFormats = ['jpeg', 'png', 'webp', 'avif', 'gif'] as const;
export type ImageFormat = (typeof imageFormats)[number];

export const mimeOf: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

export const extensionOf: Record<ImageFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  gif: 'gif',
};

/** One stored file of an item: a width in one format. Paths are below the media directory. */
export interface Rendition {
  width: number;
  height: number;
  format: ImageFormat;
  path: string;
}

/** A media library item. `path` is the full-size file in the original format. */
export interface MediaItem {
  id: number;
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  /** Smaller widths and WebP copies, narrowest first; empty for imported and demo images. */
  renditions: Rendition[];
  bytes: number | null;
  createdAt: string;
}

/** Descriptive text of an item; each field is optional when updating. */
export interface MediaText {
  alt: string;
  caption: string;
  credit: string;
}

/** Lengths the library accepts for its descriptive text. */
export const mediaTextLimits: Record<keyof MediaText, number> = {
  alt: 1000,
  caption: 2000,
  credit: 300,
};

/** Reads the stored JSON list of renditions, tolerating anything malformed as "none". */
export function parseRenditions(json: string | null | undefined): Rendition[] {
  if (!json) return [];
  try {
    const raw = JSON.parse(json) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((r) => {
      const { w, h, f, p } = r as { w?: unknown; h?: unknown; f?: unknown; p?: unknown };
      if (typeof w !== 'number' || typeof h !== 'number' || typeof p !== 'string') return [];
      if (!(imageFormats as readonly unknown[]).includes(f)) return [];
      return [{ width: w, height: h, format: f as ImageFormat, path: p }];
    });
  } catch {
    return [];
  }
}

/** The compact JSON stored in `media.renditions`. */
export function serializeRenditions(renditions: readonly Rendition[]): string {
  return JSON.stringify(
    renditions.map((r) => ({ w: r.width, h: r.height, f: r.format, p: r.path })),
  );
}
