import type { ImageFormat, Rendition } from './media.js';

/** What a template needs of an image; `renditions` is absent for media stored before 007. */
export interface ResponsiveSource {
  path: string;
  mime: string;
  width: number;
  height: number;
  renditions?: readonly Rendition[] | undefined;
}

export interface ResponsiveImage {
  /** The fallback `src`: the original-format rendition closest to 960 px wide, or the file. */
  src: string;
  /** Original-format `srcset` (`/media/… 320w, …`); empty without renditions. */
  srcset: string;
  /** WebP `srcset` for a `<source type="image/webp">`; empty without renditions. */
  webpSrcset: string;
  sizes: string;
  width: number;
  height: number;
}

/** Common `sizes` values of the site's layouts. */
export const imageSizes = {
  /** The article page's featured image, as wide as the text column (60rem at most). */
  story: '(min-width: 60rem) 60rem, 100vw',
  /** A card in a listing grid. */
  card: '(min-width: 60rem) 20rem, (min-width: 40rem) 50vw, 100vw',
  /** The lead card of a front page. */
  lead: '(min-width: 60rem) 40rem, 100vw',
  /** A thumbnail in the media library grid. */
  thumbnail: '10rem',
} as const;

/** URL of a stored media file (a path below the media directory). */
export function mediaFileUrl(path: string): string {
  return `/media/${path.split('/').map(encodeURIComponent).join('/')}`;
}

function formatOfMime(mime: string): ImageFormat | undefined {
  const sub = mime.replace(/^image\//, '');
  return sub === 'jpg' ? 'jpeg' : (sub as ImageFormat);
}

function srcsetOf(renditions: readonly Rendition[]): string {
  return [...renditions]
    .sort((a, b) => a.width - b.width)
    .map((r) => `${mediaFileUrl(r.path)} ${r.width}w`)
    .join(', ');
}

/**
 * `src`, `srcset` (original format and WebP), `sizes`, `width` and `height` for an image; for
 * media without renditions the plain file with empty srcsets, so callers need no special case.
 */
export function responsiveImage(image: ResponsiveSource, sizes: string): ResponsiveImage {
  const renditions = image.renditions ?? [];
  const format = formatOfMime(image.mime);
  const smaller = renditions.filter((r) => r.format === format && r.width < image.width);
  // The item's own file is the widest original-format candidate.
  const original = renditions.length
    ? [...smaller, { width: image.width, height: image.height, format: format!, path: image.path }]
    : [];
  const webp = renditions.filter((r) => r.format === 'webp');
  // The fallback for browsers without srcset: a middle width, not the multi-megabyte full size.
  const fallback =
    [...original].sort((a, b) => Math.abs(a.width - 960) - Math.abs(b.width - 960))[0]?.path ??
    image.path;
  return {
    src: mediaFileUrl(fallback),
    srcset: srcsetOf(original),
    webpSrcset: original.length && format !== 'webp' ? srcsetOf(webp) : '',
    sizes,
    width: image.width,
    height: image.height,
  };
}
