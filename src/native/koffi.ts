// The single import of koffi in the code base: everything else in src/native/ goes through here.

import { endianness } from 'node:os';
import koffi from 'koffi';
import { UnsupportedPlatformError } from '../errors.js';

if (koffi.sizeof('void *') !== 8 || endianness() !== 'LE') {
  throw new UnsupportedPlatformError(
    `ffi-arena supports 64-bit little-endian platforms; this is ${process.arch} (${endianness()}).`,
  );
}

export { koffi };

/** True on Windows, where the system heap is the COM task allocator. */
export const isWindows = process.platform === 'win32';

/** `sizeof(long)`: 8 on LP64 (Linux, macOS), 4 on Windows (LLP64). */
export const cLongSize: number = koffi.sizeof('long');

/** `sizeof(wchar_t)`: 2 on Windows (UTF-16), 4 elsewhere (UTF-32). */
export const wcharSize: number = koffi.sizeof('wchar_t');
