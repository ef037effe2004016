import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { DemoImage } from './demo-content.js';

export const DEMO_IMAGE_WIDTH = 1200;
export const DEMO_IMAGE_HEIGHT = 675;

function motifShapes(motif: DemoImage['motif'], hue: number): string {
  const dark = `hsl(${hue} 45% 22%)`;
  const mid = `hsl(${(hue + 20) % 360} 50% 40%)`;
  const light = `hsl(${(hue + 40) % 360} 60% 70%)`;
  switch (motif) {
    case 'skyline':
      return Array.from({ length: 14 }, (_, i) => {
        const w = 60 + ((i * 37) % 50);
        const h = 150 + ((i * 71) % 260);
        return `<rect x="${i * 88}" y="${675 - h}" width="${w}" height="${h}" fill="${i % 2 ? dark : mid}"/>`;
      }).join('');
    case 'waves':
      return [0, 1, 2, 3]
        .map((i) => {
          const y = 330 + i * 90;
          return `<path d="M0 ${y} Q 150 ${y - 60} 300 ${y} T 600 ${y} T 900 ${y} T 1200 ${y} V 675 H 0 Z" fill="${[light, mid, dark, dark][i]}" opacity="${0.55 + i * 0.15}"/>`;
        })
        .join('');
    case 'hills':
      return `<path d="M0 480 C 250 330 450 560 700 420 S 1050 380 1200 460 V675 H0Z" fill="${mid}"/><path d="M0 560 C 300 470 600 640 900 530 S 1150 520 1200 560 V675 H0Z" fill="${dark}"/>`;
    case 'grid':
      return Array.from({ length: 48 }, (_, i) => {
        const x = (i % 8) * 150 + 15;
        const y = Math.floor(i / 8) * 112 + 12;
        return `<rect x="${x}" y="${y}" width="120" height="88" rx="10" fill="${[light, mid, dark][i % 3]}" opacity="0.8"/>`;
      }).join('');
    case 'sun':
      return `<circle cx="820" cy="300" r="150" fill="${light}"/><rect y="470" width="1200" height="205" fill="${dark}"/><rect y="500" width="1200" height="12" fill="${mid}"/>`;
  }
}

/** Draws an abstract illustration for a demo article and writes it as a JPEG under `mediaDir`. */
export async function writeDemoImage(
  mediaDir: string,
  relativePath: string,
  image: DemoImage,
): Promise<void> {
  const { hue } = image;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${DEMO_IMAGE_WIDTH}" height="${DEMO_IMAGE_HEIGHT}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
<stop offset="0" stop-color="hsl(${hue} 70% 85%)"/><stop offset="1" stop-color="hsl(${(hue + 30) % 360} 55% 60%)"/>
</linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>${motifShapes(image.motif, hue)}</svg>`;
  const file = join(mediaDir, relativePath);
  await mkdir(dirname(file), { recursive: true });
  await sharp(Buffer.from(svg))
    .jpeg({ quality: 78, progressive: true, mozjpeg: true })
    .toFile(file);
}
