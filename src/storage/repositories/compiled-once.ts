import { type Compilable, CompiledQuery } from 'kysely';

/**
 * A query of fixed shape, compiled once: `bind` gives it new parameters, in the order of its
 * placeholders. Building and compiling a query costs more than SQLite running a lookup by key
 * (13–20 µs for the comments of an article), and reader pages run these on every request.
 */
export function compiledOnce<O>(query: Compilable<O>) {
  const { sql } = query.compile();
  return {
    bind: (...parameters: unknown[]) => CompiledQuery.raw(sql, parameters) as CompiledQuery<O>,
  };
}
