// ffi-arena/testing: helpers for test runners (node:test, vitest, jest). Re-exports only.
export { nativeHeapInUse } from './native-heap.js';
