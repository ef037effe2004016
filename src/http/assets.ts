import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../config/project-root.js';

interface Asset {
  url: string;
  body: Buffer;
  type: string;
}

/**
 * Loads the theme's stylesheets once and serves them at content-hashed URLs, so they can be
 * cached forever and a deploy changes their URL.
 */
export function loadAssets(): { css: Asset; printCss: Asset; icon: Asset } {
  const load = (file: string, type: string): Asset => {
    const body = readFileSync(join(projectRoot(), 'src', 'views', file));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const [name, ext] = file.split('.');
    return { url: `/assets/${name}.${hash}.${ext}`, body, type };
  };
  return {
    css: load('theme.css', 'text/css; charset=utf-8'),
    printCss: load('print.css', 'text/css; charset=utf-8'),
    icon: load('favicon.svg', 'image/svg+xml'),
  };
}

export async function assetRoutes(app: FastifyInstance, opts: { assets: Asset[]; favicon: Asset }) {
  // Browsers ask for /favicon.ico whatever the page says.
  app.get('/favicon.ico', { config: { cacheProfile: 'page' } }, async (_req, reply) =>
    reply.type(opts.favicon.type).send(opts.favicon.body),
  );
  for (const asset of opts.assets) {
    app.get(asset.url, { config: { cacheProfile: 'immutable' } }, async (_req, reply) =>
      reply.type(asset.type).send(asset.body),
    );
  }
}
