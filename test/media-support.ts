import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { SESSION_COOKIE } from '../src/accounts/staff-guard.js';
import { ORIGIN, type StaffSession } from './admin-support.js';
import type { TestSite } from './support/test-site.js';

/** Test images made with sharp: real files of every accepted format, and hostile ones. */

/** A still image with a gradient and some noise so the encoders have something to do. */
export async function photo(
  format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif',
  width: number,
  height: number,
  seed = 1,
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g"><stop offset="0" stop-color="hsl(${seed * 47} 70% 60%)"/>
<stop offset="1" stop-color="hsl(${seed * 47 + 90} 60% 30%)"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>
<circle cx="${width / 3}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#fff" opacity="0.6"/></svg>`;
  return sharp(Buffer.from(svg)).toFormat(format).toBuffer();
}

/** A two-frame animated GIF. */
export async function animatedGif(width: number, height: number): Promise<Buffer> {
  const frame = (colour: string) =>
    sharp({ create: { width, height, channels: 3, background: colour } })
      .png()
      .toBuffer();
  const frames = await Promise.all([frame('#c00'), frame('#00c')]);
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: [200, 200], loop: 0 })
    .toBuffer();
}

/** Random pixels: incompressible, for the byte limit. */
export function noisePng(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** A multipart/form-data body as a browser sends it. */
export function multipart(
  fields: Record<string, string>,
  file?: { name?: string; filename: string; type: string; data: Buffer },
): { payload: Buffer; contentType: string } {
  const boundary = `----newsdesk${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Uploads through the JSON API as the editor does (CSRF token in the header). */
export function apiUpload(
  site: TestSite,
  session: StaffSession | undefined,
  file: { filename: string; type: string; data: Buffer },
  fields: Record<string, string> = {},
  options: { csrf?: string | null; origin?: string } = {},
) {
  const body = multipart(fields, file);
  const csrf = options.csrf === undefined ? session?.csrf : options.csrf;
  return site.app.inject({
    method: 'POST',
    url: '/admin/api/media',
    headers: {
      'content-type': body.contentType,
      origin: options.origin ?? ORIGIN,
      ...(csrf ? { 'x-csrf-token': csrf } : {}),
    },
    ...(session ? { cookies: { [SESSION_COOKIE]: session.token } } : {}),
    payload: body.payload,
  });
}

/** A JSON request to the API with the session and its CSRF token. */
export function apiJson(
  site: TestSite,
  session: StaffSession,
  method: 'GET' | 'PATCH' | 'DELETE',
  url: string,
  json?: unknown,
) {
  return site.app.inject({
    method,
    url,
    headers: {
      origin: ORIGIN,
      'x-csrf-token': session.csrf,
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    cookies: { [SESSION_COOKIE]: session.token },
    ...(json !== undefined ? { payload: JSON.stringify(json) } : {}),
  });
}
