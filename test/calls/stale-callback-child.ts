// Run in a child process by callbacks.test.ts: native code calls callbacks after they were
// released. Each call must be refused (UseAfterFreeError, C gets zero) and the process must exit
// normally; a crash or a stale function running fails the test.
import { callbackType, free, library, registerCallback, using } from '../../src/index.js';
import { C_CALLS_LIBRARY } from './support.js';

const lib = library(C_CALLS_LIBRARY);
const IntFn = callbackType('int IntFn(int v)');
const store_callback = lib.func('void store_callback(IntFn *fn)', { types: { IntFn } });
const call_stored = lib.func('int call_stored(int v)');
let staleRuns = 0;

function expectRefused(what: string): void {
  try {
    call_stored(1);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    if (code !== 'ERR_USE_AFTER_FREE') throw error;
    console.log(`${what}: ${message}`);
    return;
  }
  throw new Error(`${what}: the call through a released callback was not refused`);
}

const freed = registerCallback(IntFn, () => ++staleRuns);
store_callback(freed);
free(freed);
expectRefused('freed');

using((arena) => store_callback(arena.callback(IntFn, () => ++staleRuns)));
expectRefused('arena released');

{
  using disposed = registerCallback(IntFn, () => ++staleRuns);
  store_callback(disposed);
}
expectRefused('disposed');

if (staleRuns !== 0) throw new Error(`a released callback ran ${staleRuns} times`);
console.log('no released callback ran');
