import { calloc, free, struct, toNativeUtf16, u8, u32, using } from '../src/index.js';
import { nativeHeapInUse } from '../src/testing/index.js';

const FILETIME = struct('FILETIME', { dwLowDateTime: u32, dwHighDateTime: u32 });

/** One scope of the soak: mixed arena allocations, a nested scope, a string, and now and then a big block. */
export function soakScope(i: number): void {
  using((arena) => {
    arena.alloc(FILETIME).ref.dwLowDateTime = i >>> 0;
    arena.alloc(u8, 1 + (i % 200));
    if (i % 16 === 0) using((inner) => inner.alloc(u32, 8).set(7, i >>> 0));
    if (i % 64 === 0) toNativeUtf16('soak', arena);
    if (i % 1000 === 0) arena.alloc(u8, 20_000); // from the backing allocator
  });
  if (i % 256 === 0) free(calloc.alloc(FILETIME));
}

/** Memory figures: resident set and C heap in use, in MiB. */
export function memory(): { rss: number; nativeHeap: number | undefined } {
  globalThis.gc?.();
  const heap = nativeHeapInUse();
  return {
    rss: process.memoryUsage().rss / 2 ** 20,
    nativeHeap: heap === undefined ? undefined : heap / 2 ** 20,
  };
}
