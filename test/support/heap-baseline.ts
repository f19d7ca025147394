// The C heap as an oracle for lifetimes: after a property run has freed and released everything,
// glibc's heap is back where it started (within 1 MiB of allocator slack).
import assert from 'node:assert/strict';
import { Arena } from '../../src/index.js';
import { nativeHeapInUse } from '../../src/testing/index.js';

/**
 * Call before the run; call the function it returns after it, with what the run did. A short run
 * should put far more than `toleranceBytes` at stake: V8's own mallocs (compiler zones, for one)
 * move the figure by a megabyte or two.
 */
export function heapBaseline(toleranceBytes = 1024 * 1024): (what: string) => void {
  const before = nativeHeapInUse();
  return (what) => {
    Arena.releasePooledBlocks();
    if (before === undefined) return; // no mallinfo2 here (not glibc): the leak tracker still checked
    globalThis.gc?.();
    const grown = nativeHeapInUse()! - before;
    assert.ok(grown < toleranceBytes, `the C heap grew by ${grown} bytes over ${what}`);
  };
}
