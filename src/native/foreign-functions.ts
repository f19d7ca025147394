import { NativeSymbolError } from '../errors.js';
import { koffi } from './koffi.js';
import { type NativeTypeDescription, toKoffiType } from './koffi-types.js';

/** A function in a shared library, called with values koffi understands (numbers, bigints, objects). */
export type ForeignFunction = (...args: unknown[]) => unknown;

type LoadedLibrary = ReturnType<typeof koffi.load>;

const loadedLibraries = new Map<string, LoadedLibrary>();

/**
 * Loads `file` (once per name: `libz.so.1`, `/usr/lib/…/libsqlite3.so.0`, `user32.dll`) and binds
 * `name`. Throws `NativeSymbolError` naming both when the library cannot be loaded or lacks the symbol.
 */
export function bindForeignFunction(
  file: string,
  name: string,
  result: NativeTypeDescription,
  parameters: readonly NativeTypeDescription[],
): ForeignFunction {
  let library = loadedLibraries.get(file);
  if (library === undefined) {
    try {
      library = koffi.load(file);
    } catch (cause) {
      const reason = cause instanceof Error ? `: ${cause.message}` : '';
      throw new NativeSymbolError(
        `cannot load the library ${JSON.stringify(file)} to call ${name}${reason}.`,
        { cause },
      );
    }
    loadedLibraries.set(file, library);
  }
  try {
    // On x64 there is one calling convention, so __stdcall and cdecl declarations are the same.
    return library.func(name, toKoffiType(result), parameters.map(toKoffiType)) as ForeignFunction;
  } catch (cause) {
    throw new NativeSymbolError(`${file} has no function ${JSON.stringify(name)}.`, { cause });
  }
}

/**
 * True for koffi's error when native code calls a transient callback (a function passed for one
 * call) after that call returned: C kept the pointer. koffi throws it out of the later call.
 */
export function isStaleTransientCallback(error: unknown): boolean {
  return error instanceof Error && error.message === 'Cannot use non-registered callback beyond FFI call';
}
