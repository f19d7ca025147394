// The C test library of the declared-function tests, built for the platform the suite runs on.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileSharedLibrary } from '../support/gcc.js';

export const onWindows = process.platform === 'win32';

/** gcc builds it here; on Windows, scripts/test-win32.sh built it with mingw beside this file. */
export const C_CALLS_LIBRARY = onWindows
  ? fileURLToPath(new URL('./c-calls.dll', import.meta.url))
  : compileSharedLibrary(
      'c-calls',
      readFileSync(new URL('../../../test/calls/c-calls.c', import.meta.url), 'utf8'),
    );

/** The adoption tests' C library: memory from its own allocator, with counted frees. */
export const C_MEMORY_LIBRARY = onWindows
  ? fileURLToPath(new URL('./c-memory.dll', import.meta.url))
  : compileSharedLibrary(
      'c-memory',
      readFileSync(new URL('../../../test/calls/c-memory.c', import.meta.url), 'utf8'),
    );
