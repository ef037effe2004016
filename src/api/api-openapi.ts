import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { API_BASE } from './api-presenter.js';

/** Only the public API is described; the reader's HTML routes and everything else are left out. */
const isDocumented = (url: string) => url.startsWith(`${API_BASE}/`);

/**
 * Registers @fastify/swagger, which builds the OpenAPI 3.1 document from the routes' TypeBox
 * schemas. It MUST be registered before any route is declared, since it collects them in an
 * `onRoute` hook; `apiRoutes` serves the document at /api/v1/openapi.json.
 */
export async function registerOpenApi(
  app: FastifyInstance,
  opts: { siteUrl: string; siteName: string },
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: `${opts.siteName} API`,
        version: '1.0.0',
        description:
          'Read-only access to the published articles, categories, tags and authors of the site. ' +
          'Errors are `{"error": {"code", "message"}}`; clients should rely on `code`.',
      },
      servers: [{ url: opts.siteUrl }],
      tags: [
        { name: 'articles', description: 'Published articles' },
        { name: 'categories', description: 'Sections of the site' },
        { name: 'tags', description: 'Tags in use' },
        { name: 'authors', description: 'People with a byline' },
      ],
    },
    // Shared schemas appear under their own name rather than as `def-N`.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
    transform: ({ schema, url }) =>
      isDocumented(url) ? { schema, url } : { schema: { ...schema, hide: true }, url },
  });
}
