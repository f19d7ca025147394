// The C heap as an oracle for lifetimes: after a property run has freed and released everything,
// glibc's heap is back where it started (within 1 MiB of allocator slack).
import assert from 'node:assert/strict';
import { Arena } from '../../src/index.js';
import { nativeHeapInUse } from '../../src/testing/index.js';

/** Call before the run; call the function it returns after it, with what the run did. */
export function heapBaseline(): (what: string) => void {
  const before = nativeHeapInUse();
  return (what) => {
    Arena.releasePooledBlocks();
    if (before === undefined) return; // no mallinfo2 here (not glibc): the leak tracker still checked
    globalThis.gc?.();
    const grown = nativeHeapInUse()! - before;
    assert.ok(grown < 1024 * 1024, `the C heap grew by ${grown} bytes over ${what}`);
  };
}
