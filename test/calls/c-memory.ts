// The adoption tests' C library, declared once: its deallocators, and the counters it keeps of
// its own frees, which tell a test that each block was freed exactly once by the right function.
import assert from 'node:assert/strict';
import { afterEach } from 'node:test';
import { LeakTracker, library } from '../../src/index.js';
import { type ChildResult, runModule } from '../support/child-node.js';
import { C_MEMORY_LIBRARY } from './support.js';

export const cMemory = library(C_MEMORY_LIBRARY);
export const cm_buffer_free = cMemory.func('void cm_buffer_free(void *p)');
export const cm_string_free = cMemory.func('void cm_string_free(char *s)');
export const cm_live_blocks = cMemory.func('int cm_live_blocks(void)');
export const cm_buffer_frees = cMemory.func('int cm_buffer_frees(void)');
export const cm_string_frees = cMemory.func('int cm_string_frees(void)');
export const cm_node_frees = cMemory.func('int cm_node_frees(void)');
const cm_bad_frees = cMemory.func('int cm_bad_frees(void)');

/** After every test of the calling file: no bad free happened, and the leak tracker starts clean. */
export function checkFreesAfterEachTest(): void {
  afterEach(() => {
    assert.equal(cm_bad_frees(), 0, 'no block was freed by the wrong function, twice or unknown');
    LeakTracker.reset();
    LeakTracker.enabled = true;
  });
}

/** What the C library counted while `body` ran. */
export function counted(body: () => void): { live: number; buffers: number; strings: number; nodes: number } {
  const before = [cm_live_blocks(), cm_buffer_frees(), cm_string_frees(), cm_node_frees()];
  body();
  return {
    live: cm_live_blocks() - before[0]!,
    buffers: cm_buffer_frees() - before[1]!,
    strings: cm_string_frees() - before[2]!,
    nodes: cm_node_frees() - before[3]!,
  };
}

/**
 * Runs `script` in a child process under `FFI_ARENA_LEAKS=fail`; with `freeIt`, the script sees
 * `FFI_ARENA_TEST_FREE_IT` and frees what it adopted.
 */
export function runUnderLeaksFail(script: string, freeIt: boolean): ChildResult {
  return runModule(script, {
    ...process.env,
    FFI_ARENA_LEAKS: 'fail',
    ...(freeIt ? { FFI_ARENA_TEST_FREE_IT: '1' } : {}),
  });
}
