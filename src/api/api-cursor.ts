import { AppError } from '../http/app-error.js';

/** Position in the newest-first order of published articles: the keyset the API pages on. */
export interface ArticleCursor {
  publishedAt: string;
  id: number;
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
/** Ids are 32-bit on every engine; a larger one would be a database error, not a miss. */
const MAX_ID = 2_147_483_647;

/**
 * Opaque to clients (base64url of a small JSON array) so the keyset can change without breaking
 * them; it carries no secret, so it is not signed.
 */
export function encodeCursor(position: ArticleCursor): string {
  return Buffer.from(JSON.stringify([position.publishedAt, position.id])).toString('base64url');
}

/** Decodes a client's cursor; anything that is not one we issued is a VALIDATION_FAILED. */
export function decodeCursor(raw: string): ArticleCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [publishedAt, id] = parsed as unknown[];
  if (typeof publishedAt !== 'string' || !ISO_UTC.test(publishedAt)) throw invalidCursor();
  if (Number.isNaN(Date.parse(publishedAt))) throw invalidCursor();
  if (!Number.isInteger(id) || (id as number) < 1 || (id as number) > MAX_ID) {
    throw invalidCursor();
  }
  return { publishedAt, id: id as number };
}

function invalidCursor(): AppError {
  return new AppError('VALIDATION_FAILED', 'The cursor is not valid; start again without it.', {
    fields: ['/cursor'],
  });
}

/** A positive id that storage can look up, or undefined. */
export function parseId(raw: string): number | undefined {
  if (!/^[1-9]\d{0,9}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id <= MAX_ID ? id : undefined;
}
