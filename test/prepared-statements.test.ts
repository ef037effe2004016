import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { parseQuery } from '../src/search/query-parser.js';
import { migrateToLatest, openStorage, type Storage } from '../src/storage/database.js';
import { sharedDatabase } from './support/server-process.js';
import { TEST_DB } from './support/test-site.js';

// PostgreSQL only: the pool prepares statements per connection (src/storage/dialect/postgres/
// prepared-statements.ts); better-sqlite3 keeps nothing between queries.
describe('prepared statements on PostgreSQL', { skip: TEST_DB !== 'postgres' }, () => {
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let storage: Storage;
  let other: Storage;
  before(async () => {
    database = await sharedDatabase('postgres');
    storage = await openStorage(database.url);
    other = await openStorage(database.url);
    await migrateToLatest(storage);
    await storage.db
      .insertInto('settings')
      .values({ key: 'siteName', value: '"Herald"' })
      .execute();
  });
  after(async () => {
    await storage?.close();
    await other?.close();
    await database?.drop();
  });

  const siteName = (db: Storage['db']) =>
    sql<Record<string, unknown>>`SELECT * FROM settings WHERE key = ${'siteName'}`.execute(db);

  test('a statement prepared before another process changed the table still answers', async () => {
    await storage.db.connection().execute(async (connection) => {
      assert.deepEqual((await siteName(connection)).rows, [{ key: 'siteName', value: '"Herald"' }]);
      // Another process migrates: the prepared SELECT * now has a column it did not plan for.
      await sql`ALTER TABLE settings ADD COLUMN note text`.execute(other.db);
      assert.deepEqual((await siteName(connection)).rows, [
        { key: 'siteName', value: '"Herald"', note: null },
      ]);
    });
    // The connection that held the stale statement was closed when given back; the next one is new.
    for (let i = 0; i < 3; i++) {
      assert.deepEqual((await siteName(storage.db)).rows, [
        { key: 'siteName', value: '"Herald"', note: null },
      ]);
    }
    await sql`ALTER TABLE settings DROP COLUMN note`.execute(other.db);
  });

  test('a statement the server no longer has (a pooler changed backends) is run again', async () => {
    await storage.db.connection().execute(async (connection) => {
      assert.equal((await siteName(connection)).rows.length, 1);
      await sql`DEALLOCATE ALL`.execute(connection);
      assert.equal((await siteName(connection)).rows.length, 1);
      const count = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM settings WHERE key <> ${'x'}`.execute(connection);
      assert.equal(Number(count.rows[0]!.n), 1);
    });
  });
  test('lookups settle on one generic plan; searches are planned for their words every time', async () => {
    // A pool of its own: the test above turned preparing off for `storage`'s.
    const fresh = await openStorage(database.url);
    const { dialect } = fresh;
    const plans = async (connection: Storage['db'], like: string) => {
      const { rows } = await sql<{ generic: string; custom: string }>`
        SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements
        WHERE statement LIKE ${like}`.execute(connection);
      return rows[0];
    };
    try {
      await fresh.db.connection().execute(async (connection) => {
        for (let i = 0; i < 8; i++) await siteName(connection);
        const lookup = await plans(connection, '%FROM settings WHERE key =%');
        assert.ok(lookup && Number(lookup.generic) > 0, `lookup plans ${JSON.stringify(lookup)}`);

        for (const word of ['harbour', 'ferry', 'council', 'school', 'market', 'music', 'a', 'b']) {
          await dialect.search.readMatches(connection, (db) =>
            db
              .selectFrom(dialect.search.matches(parseQuery(`${word} `), true).as('m'))
              .select('m.article_id')
              .execute(),
          );
        }
        const search = await plans(connection, '%search_documents%@@%');
        assert.ok(search, 'the search statement was prepared');
        assert.equal(Number(search.generic), 0);
        assert.ok(Number(search.custom) >= 8, `search plans ${JSON.stringify(search)}`);
      });
    } finally {
      await fresh.close();
    }
  });
});
