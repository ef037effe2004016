import multipart from '@fastify/multipart';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { AccountService } from '../accounts/account-service.js';
import { can } from '../accounts/roles.js';
import { requireCapability, SESSION_COOKIE, staffArea } from '../accounts/staff-guard.js';
import { AppError } from '../http/app-error.js';
import { applyCacheProfile } from '../http/cache-profiles.js';
import { toAppError } from '../http/error-handler.js';
import { sendPage } from '../http/render.js';
import { isSameOrigin } from '../http/same-origin.js';
import type { SiteService } from '../site/site-service.js';
import type { MediaItem, MediaText } from './media.js';
import type { MediaService } from './media-service.js';
import { imageSizes, mediaFileUrl, responsiveImage } from './responsive-image.js';
import { MediaItemPage, MediaLibraryPage } from './views/media-pages.js';

export interface MediaRoutesOptions {
  site: SiteService;
  accounts: AccountService;
  media: MediaService;
  siteUrl: string;
}

/** The JSON shape of an item in the editor's API (see README.md). */
export function mediaItemJson(item: MediaItem) {
  const responsive = responsiveImage(item, imageSizes.story);
  const smallestWebp = item.renditions
    .filter((r) => r.format === 'webp')
    .sort((a, b) => a.width - b.width)[0];
  return {
    id: item.id,
    url: mediaFileUrl(item.path),
    mime: item.mime,
    width: item.width,
    height: item.height,
    alt: item.alt,
    caption: item.caption,
    credit: item.credit,
    srcset: responsive.srcset,
    webpSrcset: responsive.webpSrcset,
    sizes: responsive.sizes,
    thumbnail: smallestWebp ? mediaFileUrl(smallestWebp.path) : mediaFileUrl(item.path),
    createdAt: item.createdAt,
  };
}

const Id = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) });
const ListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
const PageQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
    done: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
const TextPatch = Type.Object(
  {
    alt: Type.Optional(Type.String({ maxLength: 5000 })),
    caption: Type.Optional(Type.String({ maxLength: 5000 })),
    credit: Type.Optional(Type.String({ maxLength: 5000 })),
  },
  { additionalProperties: false },
);
const FormBody = Type.Record(Type.String(), Type.String({ maxLength: 5000 }));

const DONE: Record<string, string> = {
  uploaded: 'Uploaded. Check the alt text, caption and credit.',
  duplicate: 'This image was already in the library: here it is.',
  saved: 'Saved.',
  deleted: 'Deleted.',
};

const READ = { capability: 'write_drafts' as const, cacheProfile: 'private' as const };
const WRITE = { capability: 'upload_media' as const, cacheProfile: 'private' as const };

/** An upload's fields as @fastify/multipart attaches them (`keyValues`): strings and buffers. */
type UploadBody = Record<string, string | Buffer | (string | Buffer)[] | undefined>;

function textField(body: UploadBody | undefined, name: keyof MediaText): string | undefined {
  const value = body?.[name];
  return typeof value === 'string' ? value : undefined;
}

function uploadedFile(body: UploadBody | undefined): Buffer {
  const file = body?.file;
  if (Array.isArray(file)) throw new AppError('BAD_REQUEST', 'Upload one file at a time.');
  if (!Buffer.isBuffer(file) || file.length === 0) {
    throw new AppError('BAD_REQUEST', 'Choose an image file to upload.');
  }
  return file;
}

/** @fastify/multipart's errors in our catalogue: a too-large file is ours, the rest a 400. */
function uploadError(error: unknown, limits: MediaService['limits']): AppError {
  const code = (error as FastifyError | undefined)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    const mb = Math.round((limits.maxBytes / (1024 * 1024)) * 10) / 10;
    return new AppError('IMAGE_TOO_LARGE', `The file is larger than the ${mb} MB limit.`, {
      maxBytes: limits.maxBytes,
    });
  }
  if (code === 'FST_FILES_LIMIT') return new AppError('BAD_REQUEST', 'Upload one file at a time.');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PROTO_VIOLATION') {
    return new AppError('BAD_REQUEST', 'The upload form was not sent correctly.');
  }
  return toAppError(error);
}

const isApi = (request: FastifyRequest) => request.url.startsWith('/admin/api/');

/**
 * The media library: `/admin/api/media` (JSON, for the editor) and `/admin/media/` (pages that
 * work without JavaScript). A staff area; reading needs `write_drafts`, changing `upload_media`.
 */
export async function mediaRoutes(app: FastifyInstance, opts: MediaRoutesOptions) {
  const { media, accounts } = opts;

  await app.register(async (scope) => {
    // MUST run before the body is read: a multipart body (up to the byte limit) is only accepted
    // from a signed-in person who may upload, from this site; anyone else is refused up front.
    // The API answers 401 JSON instead of the login redirect pages get.
    scope.addHook('onRequest', async (request) => {
      const upload =
        request.method === 'POST' && request.headers['content-type']?.startsWith('multipart/');
      if (!upload && !isApi(request)) return;
      const session = await accounts.session(request.cookies[SESSION_COOKIE]);
      if (!session) throw new AppError('UNAUTHORIZED', 'Please log in.');
      if (!upload) return;
      if (!isSameOrigin(request, { allowedOrigins: [opts.siteUrl] })) {
        throw new AppError('CROSS_ORIGIN_REQUEST', 'This form must be sent from this site.');
      }
      if (!can(session.account.role, 'upload_media')) {
        throw new AppError('FORBIDDEN', 'Your role does not allow uploading images.');
      }
    });
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: {
        fileSize: media.limits.maxBytes,
        files: 1,
        fields: 10,
        fieldSize: 10_000,
        parts: 12,
      },
    });
    staffArea(scope, { accounts, siteUrl: opts.siteUrl });
    scope.addHook('preHandler', async (request) => {
      const capability = request.routeOptions.config.capability;
      if (capability) requireCapability(request, capability);
    });

    const libraryPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      extra: {
        q?: string;
        page?: number;
        notice?: string;
        uploadError?: string;
        values?: Partial<MediaText>;
      },
      status = 200,
    ) => {
      const session =
        request.staffSession ?? (await accounts.session(request.cookies[SESSION_COOKIE]));
      if (!session) throw new AppError('UNAUTHORIZED', 'Please log in.');
      const { site } = await opts.site.context();
      const list = await media.list({ q: extra.q ?? '', page: extra.page ?? 1, perPage: 24 });
      applyCacheProfile(reply, 'private');
      return sendPage(
        reply,
        h(MediaLibraryPage, {
          site,
          account: session.account,
          csrfToken: session.csrfToken,
          canEdit: can(session.account.role, 'upload_media'),
          notice: extra.notice,
          ...list,
          q: extra.q ?? '',
          limits: media.limits,
          uploadError: extra.uploadError,
          values: extra.values,
        }),
        status,
      );
    };

    // Errors of this scope: JSON for the API; a refused upload form shows the library again
    // with the message and what was typed; everything else goes to the site's error pages.
    scope.setErrorHandler(async (error, request, reply) => {
      const appError = uploadError(error, media.limits);
      if (appError.status >= 500) {
        appError.cause = error;
        request.log.error({ err: error }, 'media request failed');
      }
      if (isApi(request)) {
        applyCacheProfile(reply, 'private');
        return reply
          .code(appError.status)
          .type('application/json; charset=utf-8')
          .send({
            error: { code: appError.code, message: appError.message, ...(appError.details ?? {}) },
          });
      }
      const formUpload = request.method === 'POST' && request.routeOptions.url === '/admin/media/';
      if (
        formUpload &&
        appError.status < 500 &&
        appError.status !== 401 &&
        appError.status !== 403
      ) {
        const body = request.body as UploadBody | undefined;
        return libraryPage(
          request,
          reply,
          {
            uploadError: appError.message,
            values: {
              alt: textField(body, 'alt') ?? '',
              caption: textField(body, 'caption') ?? '',
              credit: textField(body, 'credit') ?? '',
            },
          },
          appError.status,
        );
      }
      throw appError;
    });

    // JSON API ----------------------------------------------------------------------------------

    scope.get<{ Querystring: Static<typeof ListQuery> }>(
      '/admin/api/media',
      { config: READ, schema: { querystring: ListQuery } },
      async (request) => {
        const list = await media.list(request.query);
        return { ...list, items: list.items.map(mediaItemJson) };
      },
    );

    scope.get<{ Params: Static<typeof Id> }>(
      '/admin/api/media/:id',
      { config: READ, schema: { params: Id } },
      async (request) => ({ item: mediaItemJson(await media.get(Number(request.params.id))) }),
    );

    scope.post('/admin/api/media', { config: WRITE }, async (request, reply) => {
      const body = request.body as UploadBody | undefined;
      const { item, duplicate } = await media.upload({
        bytes: uploadedFile(body),
        alt: textField(body, 'alt') ?? '',
        caption: textField(body, 'caption') ?? '',
        credit: textField(body, 'credit') ?? '',
        uploadedBy: request.staffSession!.account.id,
      });
      return reply.code(duplicate ? 200 : 201).send({ item: mediaItemJson(item), duplicate });
    });

    scope.patch<{ Params: Static<typeof Id>; Body: Static<typeof TextPatch> }>(
      '/admin/api/media/:id',
      { config: WRITE, schema: { params: Id, body: TextPatch } },
      async (request) => ({
        item: mediaItemJson(await media.updateText(Number(request.params.id), request.body)),
      }),
    );

    scope.delete<{ Params: Static<typeof Id> }>(
      '/admin/api/media/:id',
      { config: WRITE, schema: { params: Id } },
      async (request, reply) => {
        await media.delete(Number(request.params.id));
        return reply.code(204).send();
      },
    );

    // Pages -------------------------------------------------------------------------------------

    scope.get<{ Querystring: Static<typeof PageQuery> }>(
      '/admin/media/',
      { config: READ, schema: { querystring: PageQuery } },
      async (request, reply) =>
        libraryPage(request, reply, {
          q: request.query.q ?? '',
          page: request.query.page ?? 1,
          ...(DONE[request.query.done ?? ''] ? { notice: DONE[request.query.done ?? ''] } : {}),
        }),
    );

    scope.post('/admin/media/', { config: WRITE }, async (request, reply) => {
      const body = request.body as UploadBody | undefined;
      const { item, duplicate } = await media.upload({
        bytes: uploadedFile(body),
        alt: textField(body, 'alt') ?? '',
        caption: textField(body, 'caption') ?? '',
        credit: textField(body, 'credit') ?? '',
        uploadedBy: request.staffSession!.account.id,
      });
      return reply.redirect(
        `/admin/media/${item.id}/?done=${duplicate ? 'duplicate' : 'uploaded'}`,
        303,
      );
    });

    const itemPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: number,
      extra: { notice?: string; values?: Partial<MediaText>; errors?: Record<string, string> },
      status = 200,
    ) => {
      const session = request.staffSession!;
      const { site } = await opts.site.context();
      return sendPage(
        reply,
        h(MediaItemPage, {
          site,
          account: session.account,
          csrfToken: session.csrfToken,
          canEdit: can(session.account.role, 'upload_media'),
          item: await media.get(id),
          notice: extra.notice,
          values: extra.values,
          errors: extra.errors,
        }),
        status,
      );
    };

    scope.get<{ Params: Static<typeof Id>; Querystring: Static<typeof PageQuery> }>(
      '/admin/media/:id/',
      { config: READ, schema: { params: Id, querystring: PageQuery } },
      async (request, reply) =>
        itemPage(request, reply, Number(request.params.id), {
          ...(DONE[request.query.done ?? ''] ? { notice: DONE[request.query.done ?? ''] } : {}),
        }),
    );

    scope.post<{ Params: Static<typeof Id>; Body: Static<typeof FormBody> }>(
      '/admin/media/:id/',
      { config: WRITE, schema: { params: Id, body: FormBody } },
      async (request, reply) => {
        const id = Number(request.params.id);
        const text: Partial<MediaText> = {};
        for (const key of ['alt', 'caption', 'credit'] as const) {
          if (request.body[key] !== undefined) text[key] = request.body[key];
        }
        try {
          await media.updateText(id, text);
        } catch (error) {
          if (!(error instanceof AppError && error.code === 'VALIDATION_FAILED')) throw error;
          const errors = (error.details?.fieldErrors as Record<string, string> | undefined) ?? {};
          return itemPage(
            request,
            reply,
            id,
            { values: { ...(await media.get(id)), ...text }, errors },
            400,
          );
        }
        return reply.redirect(
          request.body.return === 'library'
            ? `/admin/media/?done=saved#media-${id}`
            : `/admin/media/${id}/?done=saved`,
          303,
        );
      },
    );

    scope.post<{ Params: Static<typeof Id>; Body: Static<typeof FormBody> }>(
      '/admin/media/:id/delete/',
      { config: WRITE, schema: { params: Id, body: FormBody } },
      async (request, reply) => {
        await media.delete(Number(request.params.id));
        return reply.redirect('/admin/media/?done=deleted', 303);
      },
    );
  });
}
