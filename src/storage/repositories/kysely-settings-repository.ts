import type { Kysely } from 'kysely';
import type { SettingsRepository } from '../../settings/settings-repository.js';
import type { Database } from '../schema.js';

export class KyselySettingsRepository implements SettingsRepository {
  /** Read on every page (often twice): the query, which has no parameters, is compiled once. */
  private readonly allQuery;

  constructor(private readonly db: Kysely<Database>) {
    this.allQuery = db.selectFrom('settings').select(['key', 'value']).compile();
  }

  async all() {
    const { rows } = await this.db.executeQuery(this.allQuery);
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  }

  async put(key: string, json: string) {
    await this.db
      .insertInto('settings')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
      .execute();
  }
}
