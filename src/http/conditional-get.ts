import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A strong validator: the same bytes always give the same tag, any change gives another. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/**
 * RFC 9110 §13.2.2 for GET and HEAD: If-None-Match (weak comparison, `*` matches) decides when it
 * is present; otherwise If-Modified-Since against `lastModified`, at HTTP-date (whole second)
 * precision.
 */
export function isNotModified(
  request: { ifNoneMatch?: string; ifModifiedSince?: string },
  validators: { etag: string; lastModified?: Date },
): boolean {
  if (request.ifNoneMatch !== undefined) {
    const ours = validators.etag.replace(/^W\//, '');
    return request.ifNoneMatch
      .split(',')
      .map((t) => t.trim())
      .some((t) => t === '*' || t.replace(/^W\//, '') === ours);
  }
  if (request.ifModifiedSince !== undefined && validators.lastModified) {
    const since = Date.parse(request.ifModifiedSince);
    if (Number.isNaN(since)) return false;
    return Math.floor(validators.lastModified.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

/**
 * Sends `body` with an ETag (and Last-Modified when known), or a bodiless 304 when the client's
 * copy is current. Feed readers poll often; most polls then cost no transfer.
 */
export function sendWithValidators(
  request: FastifyRequest,
  reply: FastifyReply,
  response: { body: string | Buffer; contentType: string; lastModified?: Date },
): FastifyReply {
  const etag = strongEtag(response.body);
  reply.header('etag', etag);
  if (response.lastModified) reply.header('last-modified', response.lastModified.toUTCString());
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  if (
    isNotModified(
      { ifNoneMatch: header('if-none-match'), ifModifiedSince: header('if-modified-since') },
      { etag, lastModified: response.lastModified },
    )
  ) {
    return reply.code(304).send();
  }
  return reply.type(response.contentType).send(response.body);
}
