// Debugging tools walk objects' own properties. A memory view over native memory must never be
// one of them: a region view spans 4 GiB, mostly unmapped, and util.inspect with customInspect off
// (what assert's error messages use) or assert.deepStrictEqual would read it and segfault Node.
// Run in a child process, so that a crash fails this test instead of the whole run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runModule } from './support/child-node.js';

const SRC = new URL('../src/index.js', import.meta.url).href;

test('inspecting or deep-comparing pointers, views and arenas never touches native memory', () => {
  const script = `
    import assert from 'node:assert/strict';
    import { inspect } from 'node:util';
    const { Arena, array, calloc, free, struct, u8, u32 } = await import(${JSON.stringify(SRC)});
    const PAIR = struct('PAIR', { a: u32, b: array(u8, 4) });
    const arena = new Arena();
    const subjects = [calloc.alloc(PAIR), arena.alloc(PAIR), arena.alloc(u32, 3), arena.allocate(100_000), arena];
    subjects.push(subjects[0].ref, subjects[1].ref.b);
    for (const subject of subjects) {
      inspect(subject, { customInspect: false, showHidden: true, depth: Infinity });
      assert.deepStrictEqual(subject, subject);
    }
    assert.throws(() => assert.deepStrictEqual(subjects[0], subjects[1]), assert.AssertionError);
    assert.throws(() => assert.equal(subjects[0].ref, subjects[1].ref), assert.AssertionError);
    free(subjects[0]);
    arena.releaseAll();
    console.log('survived');`;
  const result = runModule(script);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.equal(result.stdout.trim(), 'survived');
});
