import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../config/project-root.js';

/**
 * The publisher logo structured data and feeds point to. Google asks for a raster image of at least
 * 112×112, so the SVG site icon is rendered to a square PNG once at start-up.
 */
export const PUBLISHER_LOGO = { path: '/publisher-logo.png', width: 512, height: 512 } as const;

/** Absolute URL of the publisher logo on the site at `siteUrl`. */
export function publisherLogoUrl(siteUrl: string): string {
  return `${siteUrl}${PUBLISHER_LOGO.path}`;
}

/** Renders the site icon (`src/views/favicon.svg`) to the publisher logo PNG. */
export async function renderPublisherLogo(): Promise<Buffer> {
  const svg = await readFile(join(projectRoot(), 'src', 'views', 'favicon.svg'));
  // Loaded here, not at start-up: libvips adds some 20 MB to every process.
  const { default: sharp } = await import('sharp');
  // The icon's viewBox is 64 units wide: render at the density that makes it 512 px, not upscaled.
  return sharp(svg, { density: (72 * PUBLISHER_LOGO.width) / 64 })
    .resize(PUBLISHER_LOGO.width, PUBLISHER_LOGO.height)
    .png({ compressionLevel: 9 })
    .toBuffer();
}
