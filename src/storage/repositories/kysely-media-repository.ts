import { type Kysely, type Selectable, sql } from 'kysely';
import { type MediaItem, parseRenditions, serializeRenditions } from '../../media/media.js';
import type { MediaListQuery, MediaRepository, NewMedia } from '../../media/media-repository.js';
import type { Database, MediaTable } from '../schema.js';
import { mediaRow } from './rows.js';

function toItem(row: Selectable<MediaTable>): MediaItem {
  return {
    id: row.id,
    path: row.path,
    mime: row.mime,
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    renditions: parseRenditions(row.renditions),
    bytes: row.bytes,
    createdAt: row.created_at,
  };
}

/** `%`, `_` and `\` typed by a person are literal characters, not LIKE wildcards. */
function likePattern(word: string): string {
  return `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class KyselyMediaRepository implements MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(m: NewMedia) {
    const { id } = await this.db
      .insertInto('media')
      .values({
        ...mediaRow(m),
        renditions: serializeRenditions(m.renditions ?? []),
        sha256: m.sha256 ?? null,
        bytes: m.bytes ?? null,
        uploaded_by: m.uploadedBy ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async findById(id: number) {
    const row = await this.db
      .selectFrom('media')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async findByIds(ids: readonly number[]) {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('media')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return rows.map(toItem);
  }

  async findByPaths(paths: readonly string[]) {
    if (!paths.length) return [];
    const rows = await this.db
      .selectFrom('media')
      .selectAll()
      .where('path', 'in', [...paths])
      .execute();
    return rows.map(toItem);
  }

  async findBySha256(sha256: string) {
    const row = await this.db
      .selectFrom('media')
      .selectAll()
      .where('sha256', '=', sha256)
      .orderBy('id')
      .executeTakeFirst();
    return row ? toItem(row) : null;
  }

  async list(query: MediaListQuery) {
    const words = (query.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
    let base = this.db.selectFrom('media');
    for (const word of words) {
      const pattern = likePattern(word);
      base = base.where((eb) =>
        eb.or(
          (['alt', 'caption', 'credit'] as const).map(
            (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
          ),
        ),
      );
    }
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toItem), total: Number(count.n) };
  }

  async updateText(id: number, text: Partial<{ alt: string; caption: string; credit: string }>) {
    const set: Partial<{ alt: string; caption: string; credit: string }> = {};
    if (text.alt !== undefined) set.alt = text.alt;
    if (text.caption !== undefined) set.caption = text.caption;
    if (text.credit !== undefined) set.credit = text.credit;
    if (!Object.keys(set).length) return (await this.findById(id)) !== null;
    const result = await this.db
      .updateTable('media')
      .set(set)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(id: number) {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      await trx
        .updateTable('articles')
        .set({ featured_media_id: null })
        .where('featured_media_id', '=', id)
        .execute();
      await trx
        .updateTable('newsroom_articles')
        .set({ social_media_id: null })
        .where('social_media_id', '=', id)
        .execute();
      await trx.deleteFrom('media').where('id', '=', id).execute();
      return toItem(row);
    });
  }
}
