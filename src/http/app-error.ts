/** Stable error codes: tests and API clients rely on these, not on messages. */
export const errorCatalogue = {
  NOT_FOUND: 404,
  GONE: 410,
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  FORBIDDEN: 403,
  CROSS_ORIGIN_REQUEST: 403,
  UNAUTHORIZED: 401,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  INTERNAL: 500,
  COMMENTS_CLOSED: 403,
  COMMENT_BANNED: 403,
  COMMENT_PARENT_INVALID: 400,
  COMMENT_DUPLICATE: 409,
  COMMENT_TOO_FAST: 400,
  COMMENT_FORM_EXPIRED: 400,
  IMAGE_TOO_LARGE: 413,
  IMAGE_TOO_MANY_PIXELS: 413,
  IMAGE_TYPE_NOT_ALLOWED: 415,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

/** The one error family routes and services throw; the error handler formats it as HTML or JSON. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra, safe-to-show details such as which field failed. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = errorCatalogue[code];
  }
}

export const notFound = (message = 'Not found') => new AppError('NOT_FOUND', message);
export const gone = (message = 'This content has been removed') => new AppError('GONE', message);
export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new AppError('BAD_REQUEST', message, details);
