import type { Metadata, Sharp } from 'sharp';
import { AppError } from '../http/app-error.js';
import type { ImageFormat } from './media.js';

/** Upload limits; see `MEDIA_MAX_BYTES` and `MEDIA_MAX_PIXELS` in the configuration. */
export interface ImageLimits {
  /** Largest accepted file; default 20 MB, enough for a camera JPEG, far from a memory risk. */
  maxBytes: number;
  /**
   * Most pixels (all frames of an animation counted) an image may declare; default 50 million,
   * above any news photo (a 45-megapixel camera) and far below what would exhaust memory when
   * decoded (50 Mpx × 4 bytes ≈ 200 MB).
   */
  maxPixels: number;
}

export const defaultImageLimits: ImageLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 50_000_000,
};

/** Widths the library renders (never above the image's own width). */
export const renditionWidths = [320, 640, 960, 1280, 1920] as const;

/** The stored full-size copy is at most this wide (4K screens); larger uploads are scaled down. */
export const maxStoredWidth = 3840;

export interface InspectedImage {
  format: ImageFormat;
  /** Display size, after the EXIF orientation is applied. */
  width: number;
  height: number;
  /** Frames of an animated GIF or WebP; 1 for still images. */
  frames: number;
}

const megapixels = (n: number) => `${Math.round(n / 100_000) / 10} megapixels`;

/**
 * Reads only the header of `bytes` (nothing is decoded) and refuses, with a message a person can
 * act on: files over the byte limit, anything that is not a JPEG, PNG, WebP, AVIF or GIF whatever
 * its name says, and images that declare more pixels than the limit (decompression bombs).
 */
export async function inspectImage(bytes: Buffer, limits: ImageLimits): Promise<InspectedImage> {
  if (bytes.length > limits.maxBytes) throw tooLarge(limits);
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', 'The file is empty.');
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw notAnImage();
  }
  const format = formatOf(meta);
  if (!format || !meta.width || !meta.height) throw notAnImage();
  const frames = Math.max(1, meta.pages ?? 1);
  const frameHeight = meta.pageHeight ?? meta.height;
  const pixels = meta.width * frameHeight * frames;
  if (pixels > limits.maxPixels) {
    throw new AppError(
      'IMAGE_TOO_MANY_PIXELS',
      `This image declares ${meta.width} × ${frameHeight} pixels${frames > 1 ? ` in ${frames} frames` : ''} (${megapixels(pixels)}); the limit is ${megapixels(limits.maxPixels)}. Scale it down before uploading.`,
      { width: meta.width, height: frameHeight, frames, maxPixels: limits.maxPixels },
    );
  }
  // EXIF orientations 5 to 8 turn the picture a quarter: width and height swap on display.
  const turned = (meta.orientation ?? 1) >= 5;
  return {
    format,
    width: turned ? frameHeight : meta.width,
    height: turned ? meta.width : frameHeight,
    frames,
  };
}

export function tooLarge(limits: ImageLimits): AppError {
  const mb = Math.round((limits.maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError('IMAGE_TOO_LARGE', `The file is larger than the ${mb} MB limit.`, {
    maxBytes: limits.maxBytes,
  });
}

function notAnImage(): AppError {
  return new AppError(
    'IMAGE_TYPE_NOT_ALLOWED',
    'This file is not a JPEG, PNG, WebP, AVIF or GIF image (its content was checked, not its name).',
  );
}

function formatOf(meta: Metadata): ImageFormat | undefined {
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
      return meta.format;
    case 'heif':
      // HEIF is the container of both AVIF (AV1) and Apple's HEIC (HEVC); only AVIF is a web format.
      return meta.compression === 'av1' ? 'avif' : undefined;
    default:
      return undefined;
  }
}

/** One encoded file before it is stored. */
export interface EncodedImage {
  width: number;
  height: number;
  format: ImageFormat;
  data: Buffer;
}

function encode(pipeline: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return pipeline.jpeg({ quality: 80, progressive: true, mozjpeg: true });
    case 'png':
      return pipeline.png({ compressionLevel: 8 });
    case 'webp':
      return pipeline.webp({ quality: 78, effort: 4 });
    case 'avif':
      // effort 2: AVIF encoding is slow; a low effort keeps an upload to a few seconds.
      return pipeline.avif({ quality: 55, effort: 2 });
    case 'gif':
      return pipeline.gif();
  }
}

/**
 * Renders the stored files of an upload: the full size (at most `maxStoredWidth`) and every
 * rendition width below it, each in the original format and in WebP. sharp writes no metadata
 * unless asked, so EXIF (GPS position, camera serial), XMP and IPTC are gone from every file; the
 * EXIF orientation is applied to the pixels first so nothing appears sideways.
 */
export async function renderImage(
  bytes: Buffer,
  image: InspectedImage,
  limits: ImageLimits,
): Promise<EncodedImage[]> {
  const fullWidth = Math.min(image.width, maxStoredWidth);
  const widths = [...renditionWidths.filter((w) => w < fullWidth), fullWidth];
  const formats: ImageFormat[] = image.format === 'webp' ? ['webp'] : [image.format, 'webp'];
  const animated = image.frames > 1;
  const input = { limitInputPixels: limits.maxPixels, animated, failOn: 'error' as const };
  const sharp = await loadSharp();

  // Still images are decoded once (rotated, scaled to the full width) and every file is encoded
  // from those pixels; animations go through sharp per file so that every frame is kept.
  const source = async (): Promise<() => Sharp> => {
    if (animated) return () => sharp(bytes, input);
    const { data, info } = await sharp(bytes, input)
      .rotate()
      .resize({ width: fullWidth, withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: info.width, height: info.height, channels: info.channels };
    return () => sharp(data, { raw });
  };
  try {
    const from = await source();
    return await Promise.all(
      widths.flatMap((width) =>
        formats.map(async (format) => {
          const pipeline = from().resize({ width, withoutEnlargement: true });
          const { data, info } = await encode(pipeline, format).toBuffer({
            resolveWithObject: true,
          });
          const height = animated ? (info.pageHeight ?? info.height) : info.height;
          return { width: info.width, height, format, data };
        }),
      ),
    );
  } catch (error) {
    throw Object.assign(
      new AppError('IMAGE_TYPE_NOT_ALLOWED', 'This image could not be read: the file is damaged.'),
      { cause: error },
    );
  }
}

/**
 * sharp, loaded on first use: libvips adds some 20 MB to a process, and most processes (reader
 * traffic) never touch an image.
 */
async function loadSharp() {
  return (await import('sharp')).default;
}
