import { executionAsyncResource } from 'node:async_hooks';

/** Held for the life of the process; see `keepTickObjectShape`. */
let keptTickObject: object | undefined;

/**
 * Keeps one `process.nextTick` record alive for the life of the process, so that V8 keeps its
 * hidden classes (maps) and every later record shares them.
 *
 * Node builds each record as `{ [async_id_symbol]: ..., [trigger_async_id_symbol]: ..., callback,
 * args }`. Maps made by computed keys are held only by live objects, so full GCs that find no
 * record alive drop them and the next record gets new ones. Start-up (migrations, module loading)
 * runs several full GCs; after four new maps the literal's inline caches go megamorphic for good,
 * and every nextTick in Node's streams (several per request) then defines its properties in the
 * runtime. Measured on page-cache hits with the server on one core and wrk on the other: about
 * 35,000 requests/s without this, 47,000 with it; with two workers sharing both cores with wrk
 * (bench/peers.ts), some 6% more.
 *
 * MUST run before start-up work, first thing in the process. Harmless where Node records nextTick
 * differently: it then holds one small object.
 */
export function keepTickObjectShape(): void {
  if (keptTickObject) return;
  process.nextTick(() => {
    // Inside a nextTick callback the executing async resource is that callback's record.
    keptTickObject = executionAsyncResource();
  });
}
