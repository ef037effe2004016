import assert from 'node:assert/strict';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { withStatementCache } from './statement-cache.js';

function database() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (id integer primary key, v text)');
  sqlite.exec("insert into t (v) values ('a'), ('b'), ('c')");
  return sqlite;
}

test('the same SQL gets the same prepared statement, and it still answers with new parameters', () => {
  const db = withStatementCache(database());
  const first = db.prepare('select v from t where id = ?');
  assert.equal(db.prepare('select v from t where id = ?'), first);
  assert.deepEqual(first.all([1]), [{ v: 'a' }]);
  assert.deepEqual(db.prepare('select v from t where id = ?').all([3]), [{ v: 'c' }]);
  assert.notEqual(db.prepare('select v from t where id > ?'), first);
  db.close();
});

test('a statement still being iterated is not handed out again', () => {
  const db = withStatementCache(database());
  const sql = 'select v from t order by id';
  const iterator = db.prepare(sql).iterate([]);
  assert.deepEqual(iterator.next().value, { v: 'a' });
  // The cached statement is busy: a second user gets its own, and both read correctly.
  assert.deepEqual(
    db
      .prepare(sql)
      .all([])
      .map((r) => (r as { v: string }).v),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(iterator.next().value, { v: 'b' });
  iterator.return?.();
  db.close();
});

test('the cache is bounded: the oldest statement is dropped first', () => {
  const db = withStatementCache(database(), 2);
  const a = db.prepare('select 1');
  db.prepare('select 2');
  db.prepare('select 3');
  assert.notEqual(db.prepare('select 1'), a);
  db.close();
});

test('a schema change does not break a cached statement', () => {
  const sqlite = database();
  const db = withStatementCache(sqlite);
  assert.equal(db.prepare('select * from t where id = ?').all([1]).length, 1);
  sqlite.exec('alter table t add column w text');
  assert.deepEqual(db.prepare('select * from t where id = ?').all([1]), [
    { id: 1, v: 'a', w: null },
  ]);
  db.close();
});
