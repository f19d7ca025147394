import { UnsupportedPlatformError } from '../errors.js';
import { isWindows } from '../native/koffi.js';

/** Throws `UnsupportedPlatformError` off Windows: `ffi-arena/win32` imports everywhere, runs on Windows. */
export function requireWindows(what: string): void {
  if (!isWindows) throw new UnsupportedPlatformError(`${what} is Windows only; this is ${process.platform}.`);
}

export { isWindows };
