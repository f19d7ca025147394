// Lifetimes at scale and ambient arenas: 100,000 nested scopes give every block back, and zone
// arenas follow synchronous and asynchronous call chains.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Allocator,
  Arena,
  calloc,
  NoZoneArenaError,
  type Pointer,
  struct,
  UseAfterFreeError,
  u32,
  using,
  withZoneArena,
  zoneArena,
} from '../src/index.js';
import { CountingAllocator } from './support/counting-allocator.js';
import { heapBaseline } from './support/heap-baseline.js';

const FILETIME = struct('FILETIME', { dwLowDateTime: u32, dwHighDateTime: u32 });

/** Opens `depth` scopes inside each other, allocating in each, and checks each on the way out. */
function nest(depth: number, backing: Allocator): void {
  using((arena) => {
    const here = arena.alloc(FILETIME, 1 + (depth % 5));
    here.ref.dwLowDateTime = depth;
    if (depth > 1) nest(depth - 1, backing);
    assert.equal(here.ref.dwLowDateTime, depth);
  }, backing);
}

test('100,000 nested scopes over calloc give every block back to the pool, and the pool to the heap', () => {
  Arena.releasePooledBlocks();
  const heapIsBack = heapBaseline(8 * 1024 * 1024); // a pool that kept its blocks would grow by gigabytes
  for (let round = 0; round < 1_000; round++) nest(100, calloc); // 1,000 × 100 = 100,000 scopes
  const pooled = Arena.releasePooledBlocks();
  assert.ok(pooled >= 1 && pooled <= 32, `${pooled} blocks were pooled`);
  heapIsBack('100,000 nested scopes');
});

test('100,000 nested scopes over a counting allocator give it back every allocation', () => {
  const backing = new CountingAllocator();
  for (let round = 0; round < 1_000; round++) nest(100, backing);
  assert.equal(backing.allocations, 100_000);
  assert.equal(backing.live, 0, `${backing.live} of ${backing.allocations} allocations were not freed`);
});

test('a zone arena is reached from every function of a synchronous call chain', () => {
  const names: string[] = [];
  const helper = () => {
    names.push(zoneArena().name);
    return zoneArena().alloc(u32);
  };
  const result = withZoneArena(() => {
    const a = helper();
    const b = helper();
    names.push(zoneArena().name);
    a.value = 1;
    b.value = 2;
    return a.value + b.value;
  });
  assert.equal(result, 3);
  assert.equal(names.length, 3);
  assert.equal(new Set(names).size, 1, 'the helper and the zone body saw one arena');
});

test('a zone arena follows an asynchronous call chain and is released when it settles', async () => {
  let kept: Pointer<typeof u32> | undefined;
  const seen = new Set<Arena>();
  const step = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    seen.add(zoneArena());
    return zoneArena().alloc(u32);
  };
  await withZoneArena(async () => {
    kept = await step();
    await Promise.all([step(), step()]);
    kept.value = 9;
  });
  assert.equal(seen.size, 1, 'every step saw the same arena');
  assert.throws(() => kept!.value, UseAfterFreeError);
});

test('zone arenas nest: the innermost wins, and the outer one is back afterwards', () => {
  withZoneArena(() => {
    const outer = zoneArena();
    withZoneArena(() => assert.notEqual(zoneArena(), outer));
    assert.equal(zoneArena(), outer);
  });
});

test('zoneArena() outside withZoneArena throws NoZoneArenaError', () => {
  assert.throws(() => zoneArena(), NoZoneArenaError);
  assert.throws(() => zoneArena(), /outside withZoneArena/);
  assert.throws(() => withZoneArena(42 as never), /withZoneArena needs a function/);
});
