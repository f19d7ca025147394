// Random trees of async arenas: `using(async …)` scopes, nested and run concurrently, each with
// its zone arena, awaiting between allocation and use. Invariants: every value written in a scope
// reads back after its children ran (concurrently) and awaited; inside withZoneArena, zoneArena()
// is the scope's own arena even while siblings interleave; once a scope settles every pointer it
// made throws UseAfterFreeError; nothing is left live; the C heap is back where it was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import fc from 'fast-check';
import {
  LeakTracker,
  type Pointer,
  UseAfterFreeError,
  u32,
  using,
  withZoneArena,
  zoneArena,
} from '../../src/index.js';
import { heapBaseline } from '../support/heap-baseline.js';
import { seedFromEnvironment } from '../support/random.js';

interface Scope {
  readonly counts: readonly number[];
  readonly children: readonly Scope[];
  readonly concurrent: boolean;
  readonly throws: boolean;
}

/** A scope tree at most `depth` levels below this one (up to 1 + 3 + 9 + 27 scopes at depth 3). */
function scopeTree(depth: number): fc.Arbitrary<Scope> {
  return fc.record({
    counts: fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 4 }),
    children: depth === 0 ? fc.constant([]) : fc.array(scopeTree(depth - 1), { maxLength: 3 }),
    concurrent: fc.boolean(),
    throws: fc.boolean(),
  });
}
const scope = scopeTree(3);

class Thrown extends Error {}
let nextValue = 1;

/** Runs a scope and its children, adding every pointer they make to `made`. */
async function run(shape: Scope, made: Pointer<typeof u32>[]): Promise<void> {
  await using(async (arena) =>
    withZoneArena(async () => {
      const mine = shape.counts.map((count) => {
        const pointer = (made.length % 2 === 0 ? arena : zoneArena()).alloc(u32, count);
        const value = nextValue++;
        pointer.set(0, value);
        pointer.set(count - 1, value);
        made.push(pointer);
        return [pointer, value] as const;
      });
      await tick();
      assert.equal(zoneArena().alloc(u32).value, 0, "the zone arena is this scope's, and zeroed");
      const children = shape.children.map((child) => () => run(child, made).catch(ignoreThrown));
      if (shape.concurrent) await Promise.all(children.map((start) => start()));
      else for (const start of children) await start();
      for (const [pointer, value] of mine) {
        assert.equal(pointer.get(0), value);
        assert.equal(pointer.get(pointer.count - 1), value);
      }
      if (shape.throws) throw new Thrown();
    }),
  ).catch(ignoreThrown);
}

function ignoreThrown(error: unknown): void {
  if (!(error instanceof Thrown)) throw error;
}

const seed = seedFromEnvironment(777);
const runs = Number(process.env.FFI_ARENA_ASYNC_PROPERTY_RUNS ?? 5_000);

test(`${runs} random trees of async arenas keep every invariant (seed ${seed})`, async () => {
  const backToBaseline = heapBaseline();
  await fc.assert(
    fc.asyncProperty(scope, async (shape) => {
      const made: Pointer<typeof u32>[] = [];
      const leaks = await LeakTracker.track(() => run(shape, made));
      assert.equal(leaks.length, 0, 'using() arenas are always released');
      for (const pointer of made) assert.throws(() => pointer.get(0), UseAfterFreeError);
    }),
    { seed, numRuns: runs },
  );
  backToBaseline(`${runs} trees`);
});
