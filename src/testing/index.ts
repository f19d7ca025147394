// ffi-arena/testing: helpers for test runners (node:test, vitest, jest). Re-exports only.
export { expectNoLeaks } from './expect-no-leaks.js';
export { nativeHeapInUse } from './native-heap.js';
