import { heapStatistics } from '../native/heap-statistics.js';

/**
 * Bytes the C heap currently has handed out (glibc `mallinfo2`: `uordblks + hblkhd`), or
 * `undefined` where the C library cannot say (not glibc, or Windows). Compare it before and after
 * a piece of code to check that native memory went back.
 *
 * @example
 * ```ts
 * const before = nativeHeapInUse();
 * runManyScopes();
 * assert.ok(nativeHeapInUse()! - before! < 64 * 1024);
 * ```
 */
export function nativeHeapInUse(): number | undefined {
  const statistics = heapStatistics();
  return statistics === undefined ? undefined : statistics.inUseBytes + statistics.mappedBytes;
}
