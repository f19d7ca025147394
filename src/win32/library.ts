import { calloc } from '../allocators/system-allocator.js';
import { Arena, SCOPED_ARENA } from '../arena/arena.js';
import { describeValue, InvalidArgumentError, InvalidSignatureError } from '../errors.js';
import {
  type ForeignFunction,
  type ForeignLibrary,
  loadForeignLibrary,
} from '../native/foreign-functions.js';
import { lastWin32Error } from '../native/windows-errors.js';
import type { Pointer } from '../pointer/pointer.js';
import type { AnyType } from '../types/type.js';
import { type ArgumentConverter, type Marshaller, marshallerOf, type Temporaries } from './marshal.js';
import { requireWindows } from './platform.js';
import { parseSignature } from './signature.js';
import { checkedUserTypes, resolveType } from './type-names.js';
import { Win32Error, type Win32Result } from './win32-error.js';

/**
 * What a declared Win32 function accepts: numbers, bigints and booleans, strings, `Pointer`s, `null`.
 * @example `const args: Win32Argument[] = [hWnd, placement];`
 */
export type Win32Argument = number | bigint | boolean | string | null | Pointer | object;

/**
 * A declared function whose types TypeScript was not told: see `Win32Library.func`.
 * @example `const Beep: Win32Function = kernel32.func('BOOL Beep(DWORD, DWORD)');`
 */
export type Win32Function = (...args: Win32Argument[]) => unknown;

/**
 * Options of `Win32Library.func`.
 * @example `kernel32.func('BOOL F(MYSTRUCT *p)', { types: { MYSTRUCT }, setsLastError: false })`
 */
export interface FuncOptions {
  /**
   * Your own types, by the names the signature uses: `{ types: { NOTIFYICONDATAW } }`. Win32
   * aliases (`DWORD`, `HWND`, `LPCWSTR`, …), C names and the structs of `ffi-arena/win32` are known.
   */
  readonly types?: Readonly<Record<string, AnyType>>;
  /**
   * Whether the function sets the last error: if so it returns a `Win32Result` whose `error` is
   * read right after the call. Default: true for functions returning `BOOL`.
   */
  readonly setsLastError?: boolean;
}

/**
 * A DLL whose functions you declare in C syntax. Create with `win32Library('user32.dll')`.
 * @example `const user32: Win32Library = win32Library('user32.dll');`
 */
export interface Win32Library {
  /** The DLL's file name or path, as given. */
  readonly name: string;
  /**
   * Declares a function from its C declaration. The signature is checked now; the DLL is loaded
   * and the function bound on the first call (so declaring works on every platform; calling
   * is Windows only).
   *
   * Arguments are checked against the declaration: integers against their range, `T*` parameters
   * take a live `Pointer<T>` (or `Pointer<void>`), `null` or a bigint address, and `WCHAR*`/`char*`
   * parameters also take a string, copied for the duration of the call.
   *
   * @typeParam F the function's TypeScript type, if you want one.
   * @example
   * ```ts
   * const kernel32 = win32Library('kernel32.dll');
   * const GetProcessTimes = kernel32.func<
   *   (h: HANDLE, c: Pointer<typeof FILETIME>, e: Pointer<typeof FILETIME>,
   *    k: Pointer<typeof FILETIME>, u: Pointer<typeof FILETIME>) => Win32Result<boolean>
   * >('BOOL GetProcessTimes(HANDLE, FILETIME*, FILETIME*, FILETIME*, FILETIME*)');
   * ```
   */
  func<F extends (...args: never[]) => unknown = Win32Function>(signature: string, options?: FuncOptions): F;
}

const loadedLibraries = new Map<string, ForeignLibrary>();

function loaded(file: string): ForeignLibrary {
  let library = loadedLibraries.get(file);
  if (library === undefined) {
    library = loadForeignLibrary(file);
    loadedLibraries.set(file, library);
  }
  return library;
}

/** Makes the arena for string arguments only when a call has one. */
class CallTemporaries implements Temporaries {
  private held: Arena | undefined = undefined;

  arena(): Arena {
    // Released by the call itself, like a using() arena: never a leak-tracking entry.
    this.held ??= new Arena(calloc, { [SCOPED_ARENA]: true });
    return this.held;
  }

  release(): void {
    this.held?.releaseAll();
  }
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function declare(file: string, signature: string, options: FuncOptions | undefined): Win32Function {
  if (options !== undefined && !isPlainObject(options)) {
    throw new InvalidSignatureError(`func options must be an object; got ${describeValue(options)}.`);
  }
  const parsed = parseSignature(signature);
  const userTypes = checkedUserTypes(options?.types);
  const name = parsed.name;
  const result = marshallerOf(resolveType(parsed.result, userTypes, `${name}'s result`), `${name}'s result`);
  const parameters: Marshaller[] = parsed.parameters.map((parameter, index) => {
    const what = `${name} argument ${index + 1}${parameter.name === undefined ? '' : ` (${parameter.name})`}`;
    const resolved = resolveType(parameter.type, userTypes, what);
    if (resolved.type.kind === 'void') throw new InvalidSignatureError(`${what} cannot be void.`);
    return marshallerOf(resolved, what);
  });
  const setsLastError =
    options?.setsLastError ?? (parsed.result.base === 'BOOL' && parsed.result.stars === 0);
  if (typeof setsLastError !== 'boolean') {
    throw new InvalidSignatureError(`setsLastError must be a boolean; got ${describeValue(setsLastError)}.`);
  }
  const converters: readonly ArgumentConverter[] = parameters.map((parameter) => parameter.toNative);
  const takesStrings = parameters.some((parameter) => parameter.takesStrings);
  const arity = converters.length;
  let bound: ForeignFunction | undefined;

  const bind = (): ForeignFunction => {
    requireWindows(`${name} (${file})`);
    return loaded(file).bind(
      name,
      result.native,
      parameters.map((parameter) => parameter.native),
    );
  };
  const call = (...args: unknown[]): unknown => {
    if (args.length !== arity) {
      throw new InvalidArgumentError(
        `${name} takes ${arity} argument${arity === 1 ? '' : 's'}; got ${args.length}.`,
      );
    }
    const temporaries = takesStrings ? new CallTemporaries() : undefined;
    try {
      const native = new Array<unknown>(arity);
      for (let index = 0; index < arity; index++) {
        native[index] = (converters[index] as ArgumentConverter)(args[index], temporaries as Temporaries);
      }
      // Arguments are checked first, so a wrong one is reported the same way on every platform.
      bound ??= bind();
      const raw = bound(...native);
      // Read before anything else calls into native code (freeing the string copies would).
      const code = setsLastError ? lastWin32Error() : 0;
      const value = result.fromNative(raw);
      return setsLastError ? ({ value, error: new Win32Error(code) } satisfies Win32Result<unknown>) : value;
    } finally {
      temporaries?.release();
    }
  };
  Object.defineProperty(call, 'name', { value: name });
  return call;
}

/**
 * A DLL to declare Win32 functions from, for everything `ffi-arena/win32` does not declare.
 * Importable and declarable everywhere; calls are Windows only (`UnsupportedPlatformError`).
 * @param file the DLL's file name (`user32.dll`) or full path.
 * @example
 * ```ts
 * const user32 = win32Library('user32.dll');
 * const MessageBeep = user32.func<(type: number) => Win32Result<boolean>>('BOOL MessageBeep(UINT uType)');
 * const { value, error } = MessageBeep(0);
 * ```
 */
export function win32Library(file: string): Win32Library {
  if (typeof file !== 'string' || file === '') {
    throw new InvalidArgumentError(`win32Library needs a DLL file name; got ${describeValue(file)}.`);
  }
  return {
    name: file,
    func: <F extends (...args: never[]) => unknown = Win32Function>(
      signature: string,
      options?: FuncOptions,
    ) => declare(file, signature, options) as unknown as F,
  };
}
