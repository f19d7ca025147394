import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AnyType,
  adaptiveMalloc,
  calloc,
  DoubleFreeError,
  diagnosticCalloc,
  free,
  LeakTracker,
  malloc,
  NULL,
  OutOfBoundsError,
  type Pointer,
  SystemAllocator,
  struct,
  u8,
  u32,
  u64,
  using,
  WrongAllocatorError,
} from '../src/index.js';
import { nativeHeapInUse } from '../src/testing/index.js';
import { heapBaseline } from './support/heap-baseline.js';

const FILETIME = struct('FILETIME', { dwLowDateTime: u32, dwHighDateTime: u32 });

/** Leaves garbage in freed heap blocks of `byteLength`, so a following allocation may reuse it. */
function dirtyTheHeap(byteLength: number): void {
  const blocks = Array.from({ length: 32 }, () => malloc.alloc(u8, byteLength));
  for (const block of blocks) for (let i = 0; i < byteLength; i++) block.set(i, 0xab);
  for (const block of blocks) free(block);
}

for (const byteLength of [8, 100, 128, 129, 4096, 300_000]) {
  test(`calloc returns zeroed memory even where the heap held garbage (${byteLength} bytes)`, () => {
    dirtyTheHeap(byteLength);
    const blocks = Array.from({ length: 32 }, () => calloc.alloc(u8, byteLength));
    for (const block of blocks) {
      for (let i = 0; i < byteLength; i++)
        if (block.get(i) !== 0) assert.fail(`byte ${i} is ${block.get(i)}`);
      free(block);
    }
  });
}

test('malloc memory can be written and read back', () => {
  const p = malloc.alloc(u64, 4);
  p.set(3, 2n ** 64n - 1n);
  assert.equal(p.get(3), 2n ** 64n - 1n);
  malloc.free(p);
});

test('allocate honours alignments above the heap guarantee', () => {
  for (const alignment of [32, 64, 256, 4096]) {
    const blocks = Array.from({ length: 8 }, () => calloc.allocate(24, alignment));
    for (const block of blocks) {
      assert.equal(block.address % BigInt(alignment), 0n, `aligned to ${alignment}`);
      assert.equal(block.byteLength, 24);
      assert.ok(block.cast(u8).toUtf8String() === '', 'zeroed');
      free(block);
    }
  }
});

test('alloc aligns for the type and counts elements', () => {
  const p = calloc.alloc(FILETIME, 10);
  assert.equal(p.count, 10);
  assert.equal(p.byteLength, 80);
  assert.equal(p.address % 8n, 0n);
  free(p);
});

/** A system allocator that counts its frees: not plain system heap any more, so it keeps to its own. */
class AuditedHeap extends SystemAllocator {
  frees = 0;
  override free(pointer: Pointer<AnyType>): void {
    super.free(pointer);
    this.frees++;
  }
}

test("calloc and malloc are one heap, as in C and Dart: memory from one may be freed through the other's free", () => {
  // About 40 MB if nothing went back.
  const heapIsBack = heapBaseline(8 * 1024 * 1024);
  for (let i = 0; i < 1000; i++) {
    malloc.free(calloc.alloc(FILETIME, 2048));
    calloc.free(malloc.alloc(u8, 16_384));
    calloc.free(adaptiveMalloc.allocate(4096));
    malloc.free(diagnosticCalloc.alloc(u32, 1024));
  }
  heapIsBack('4,000 allocations freed through the other allocator');
  const p = calloc.alloc(u32);
  malloc.free(p);
  assert.throws(() => p.value, /from calloc was freed/);
  assert.throws(() => calloc.free(p), DoubleFreeError);
  assert.deepEqual(
    LeakTracker.track(() => malloc.free(calloc.alloc(u32))),
    [],
    'the leak tracker forgets what the other allocator freed',
  );
});

test('WrongAllocatorError stays for arenas and other allocators', () => {
  const audited = new AuditedHeap('audited', true);
  const fromCalloc = calloc.alloc(u32);
  const fromAudited = audited.alloc(u32);
  assert.throws(() => audited.free(fromCalloc), /allocated by calloc, not audited/);
  assert.throws(() => calloc.free(fromAudited), WrongAllocatorError);
  using((arena) => {
    assert.throws(() => arena.free(fromCalloc), WrongAllocatorError);
    assert.throws(() => calloc.free(arena.alloc(u32)), WrongAllocatorError);
  });
  calloc.free(fromCalloc);
  audited.free(fromAudited);
  assert.equal(audited.frees, 1);
});

test("zero-sized allocations succeed as C's do: a freeable pointer with no elements, every access out of bounds", () => {
  const none = calloc.alloc(u8, 0);
  const raw = malloc.allocate(0);
  assert.ok(!none.isNull && !raw.isNull);
  assert.equal(none.count, 0);
  assert.equal(raw.byteLength, 0);
  assert.throws(() => none.get(0), OutOfBoundsError);
  assert.throws(() => none.value, OutOfBoundsError);
  assert.throws(() => raw.cast(u8), OutOfBoundsError);
  assert.equal(none.toUtf8String(), '');
  free(none);
  free(raw);
  assert.throws(() => free(none), DoubleFreeError);
  const live = Array.from({ length: 10 }, () => calloc.allocate(0));
  assert.equal(new Set(live.map((p) => p.address)).size, 10, 'each is a distinct pointer while it is live');
  for (const p of live) free(p);
  using((arena) => {
    assert.equal(arena.alloc(FILETIME, 0).count, 0);
    assert.throws(() => arena.allocate(0).cast(u8), OutOfBoundsError);
  });
  let leaked: Pointer<typeof u32> | undefined;
  const leaks = LeakTracker.track(() => {
    leaked = calloc.alloc(u32, 0);
  });
  assert.equal(leaks.length, 1, 'a zero-sized allocation never freed is still a leak');
  assert.equal(leaks[0]!.size, 0);
  free(leaked!);
});

test('free(NULL) does nothing, as in C', () => {
  assert.doesNotThrow(() => free(NULL));
  assert.doesNotThrow(() => calloc.free(NULL));
});

test('the top-level free frees with the allocator that allocated', () => {
  const fromMalloc = malloc.alloc(u32);
  const fromCalloc = calloc.alloc(u32);
  free(fromMalloc);
  free(fromCalloc);
  assert.throws(() => fromMalloc.value, /from malloc was freed/);
});

/** Allocates small blocks and 64 KiB blocks, notes the heap, frees them all. */
function allocateAndFree(): number {
  const live = [];
  for (let i = 0; i < 20_000; i++) live.push(calloc.alloc(FILETIME, 1 + (i % 7)));
  for (let i = 0; i < 1_000; i++) live.push(malloc.alloc(u8, 64 * 1024));
  const during = settledHeapInUse();
  for (const p of live) free(p);
  return during;
}

function settledHeapInUse(): number {
  globalThis.gc?.(); // tests run with --expose-gc
  return nativeHeapInUse()!;
}

/**
 * The least of a few settled readings a few milliseconds apart: the runtime's other threads
 * (Deno's, notably) malloc and free as they go, and only what stays allocated is a leak.
 */
async function leastHeapInUse(): Promise<number> {
  let least = settledHeapInUse();
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    least = Math.min(least, settledHeapInUse());
  }
  return least;
}

test('memory goes back to the C heap: 21,000 allocations and frees leave it where it was', async (t) => {
  if (nativeHeapInUse() === undefined) {
    t.diagnostic('mallinfo2 is not available on this C library');
    assert.notEqual(process.platform, 'linux', 'glibc Linux must report heap statistics');
    return;
  }
  // The statistics cover the whole process, and V8 mallocs and frees megabytes of its own, so
  // the signal is large (about 70 MB) and the tolerance relative to it.
  allocateAndFree();
  const before = await leastHeapInUse();
  const during = allocateAndFree();
  const after = await leastHeapInUse();
  const grown = during - before;
  const allocated = 1_000 * 64 * 1024;
  // V8's own mallocs (compiler zones) moved the figure by up to 1.5 MB on a loaded 2-core machine.
  const tolerance = Math.max(4 * 1024 * 1024, allocated * 0.02);
  assert.ok(grown > allocated * 0.95, `the heap grew by about 64 MB while the blocks were live (${grown})`);
  // One-sided: V8 may free memory of its own meanwhile, but only a leak leaves the heap higher.
  assert.ok(after - before < tolerance, `heap in use grew by ${after - before} bytes`);
});
