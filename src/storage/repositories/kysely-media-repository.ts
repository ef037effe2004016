import type { Kysely } from 'kysely';
import type { MediaRepository, NewMedia } from '../../media/media-repository.js';
import type { Database } from '../schema.js';

export class KyselyMediaRepository implements MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(m: NewMedia) {
    const { id } = await this.db
      .insertInto('media')
      .values({
        path: m.path,
        mime: m.mime,
        width: m.width,
        height: m.height,
        alt: m.alt,
        caption: m.caption,
        credit: m.credit,
        original_url: m.originalUrl,
        created_at: m.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }
}
