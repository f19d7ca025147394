import { NativeSymbolError } from '../errors.js';
import { koffi } from './koffi.js';
import { type NativeTypeDescription, toKoffiType } from './koffi-types.js';

/** A function in a shared library, called with values koffi understands (numbers, bigints, objects). */
export type ForeignFunction = (...args: unknown[]) => unknown;

/** A loaded shared library (a DLL on Windows). */
export interface ForeignLibrary {
  /** Binds `name`; throws `NativeSymbolError` if the library does not export it. */
  bind(
    name: string,
    result: NativeTypeDescription,
    parameters: readonly NativeTypeDescription[],
  ): ForeignFunction;
}

/** Loads a shared library by file name (`kernel32.dll`) or path, once per name. */
export function loadForeignLibrary(file: string): ForeignLibrary {
  let library: ReturnType<typeof koffi.load>;
  try {
    library = koffi.load(file);
  } catch (cause) {
    throw new NativeSymbolError(`cannot load the library ${JSON.stringify(file)}.`, { cause });
  }
  return {
    bind(name, result, parameters) {
      try {
        // On x64 there is one calling convention, so __stdcall and cdecl declarations are the same.
        return library.func(name, toKoffiType(result), parameters.map(toKoffiType)) as ForeignFunction;
      } catch (cause) {
        throw new NativeSymbolError(`${file} has no function ${JSON.stringify(name)}.`, { cause });
      }
    },
  };
}
