import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../config/project-root.js';

export interface Asset {
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

function fingerprinted(name: string, ext: string, body: Buffer, type: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { url: `/assets/${name}.${hash}.${ext}`, body, type };
}

/** A file below the project root (e.g. a capability's stylesheet) served at a fingerprinted URL. */
export function loadSourceAsset(relativePath: string, type: string): Asset {
  const body = readFileSync(join(projectRoot(), relativePath));
  const file = relativePath.split('/').pop()!;
  const dot = file.lastIndexOf('.');
  return fingerprinted(file.slice(0, dot), file.slice(dot + 1), body, type);
}

const bundles = new Map<string, Promise<Asset>>();

/** Where `scripts/build.js` writes the browser scripts, next to the server bundle (dist/client/). */
const prebuiltDir = fileURLToPath(new URL('client/', import.meta.url));

/**
 * A browser script, as an external fingerprinted file: pages carry no inline script (strict CSP).
 * The build bundles every `src/<capability>/client/*-client.ts(x)` into dist/client/ with the
 * server, so a server process just reads it: running esbuild would keep its service process (some
 * 45 MB) alive beside every worker. Code running from src/ (tests) has no build: it bundles with
 * esbuild in process, once per process, with the same options as `scripts/build.js`.
 */
export function bundleScript(relativeEntry: string, name: string): Promise<Asset> {
  let bundle = bundles.get(relativeEntry);
  if (!bundle) {
    const prebuilt = join(prebuiltDir, relativeEntry.replace(/\.tsx?$/, '.js'));
    bundle = existsSync(prebuilt)
      ? readFile(prebuilt).then((body) => fingerprinted(name, 'js', body, JS_TYPE))
      : import('esbuild').then(async ({ build }) => {
          const result = await build({
            entryPoints: [join(projectRoot(), relativeEntry)],
            bundle: true,
            write: false,
            minify: true,
            format: 'esm',
            target: ['es2020'],
            platform: 'browser',
            legalComments: 'none',
            logLevel: 'silent',
          });
          const body = Buffer.from(result.outputFiles[0]!.contents);
          return fingerprinted(name, 'js', body, JS_TYPE);
        });
    bundles.set(relativeEntry, bundle);
  }
  return bundle;
}

const JS_TYPE = 'text/javascript; charset=utf-8';
