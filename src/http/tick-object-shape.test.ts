import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const moduleUrl = new URL('./tick-object-shape.ts', import.meta.url).href;

/**
 * The inline-cache states of nextTick's record literal after full GCs with no record alive, as
 * V8 prints them (`%DebugPrint`), in a fresh process that did or did not keep a record.
 */
function literalStatesAfterGcs(keep: boolean): string[] {
  const script = `
    ${keep ? `(await import(${JSON.stringify(moduleUrl)})).keepTickObjectShape();` : ''}
    const tick = () => new Promise((resolve) => process.nextTick(resolve));
    for (let i = 0; i < 8; i++) { await tick(); await tick(); globalThis.gc(); }
    for (let i = 0; i < 1000; i++) await tick();
    %DebugPrint(process.nextTick);`;
  // V8 prints through C stdio, which a pipe cuts short at exit; a file gets all of it.
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-tick-'));
  const outFile = join(dir, 'stdout.txt');
  const out = openSync(outFile, 'w');
  try {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--allow-natives-syntax',
        '--expose-gc',
        '--input-type=module',
        '-e',
        script,
      ],
      {
        encoding: 'utf8',
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        stdio: ['ignore', out, 'pipe'],
      },
    );
    assert.equal(child.status, 0, child.stderr);
    const printed = readFileSync(outFile, 'utf8');
    return [...printed.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((m) => m[1]!);
  } finally {
    closeSync(out);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('without a kept record, full GCs leave the nextTick literal megamorphic (the reason to keep one)', () => {
  const states = literalStatesAfterGcs(false);
  assert.equal(states.length, 4, 'four computed or named keys in the record literal');
  assert.ok(states.includes('MEGAMORPHIC'), `states: ${states.join(', ')}`);
});

test('with a kept record, every key of the nextTick literal stays monomorphic', () => {
  assert.deepEqual(literalStatesAfterGcs(true), Array(4).fill('MONOMORPHIC'));
});
