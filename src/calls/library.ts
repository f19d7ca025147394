import type { Deallocator } from '../allocators/adopt.js';
import { describeValue, InvalidArgumentError, InvalidSignatureError } from '../errors.js';
import type { AnyType } from '../types/type.js';
import { type DeclarationRules, type DeclaredFunction, declareFunction } from './declare.js';
import { ERRNO_CAPTURE, type ErrnoResult } from './errno.js';
import type { FreeOptionContext } from './free-option-types.js';
import type { OutParameterFrees } from './out-parameters.js';
import type { CNames, FunctionOf, ResultWrapper } from './signature-types.js';
import { C_DIALECT } from './type-names.js';

/**
 * Options of `Library.func`.
 * @example `lib.func('int clock_gettime(int clk, struct timespec *tp)', { types: { timespec }, errno: true })`
 */
export interface FuncOptions {
  /**
   * Your own types, by the names the declaration uses: structs (`struct timespec` or `timespec`),
   * opaque handles (`opaque('sqlite3')`), typedefs of C types (`{ uLong: cType('unsigned long') }`).
   */
  readonly types?: Readonly<Record<string, AnyType>>;
  /** Return `{ value, errno }`, with `errno` read right after the call. Default: false. */
  readonly errno?: boolean;
  /**
   * Memory the function hands to the caller to free, and the function that frees it.
   *
   * - A deallocator, for a function that returns such memory: every non-NULL result is adopted with
   *   it (see `adopt`), so `free(result)` or an arena's `adopt` gives it back, and one never freed
   *   is a leak.
   * - `{ name: deallocator }`, for `T **` out-parameters the function fills (`char **strp`,
   *   `struct addrinfo **res`): the out-parameter is set to NULL before each call, and the
   *   non-NULL pointer the callee wrote into it is adopted after the call. Reading it
   *   (`slot.value`) then gives the adopted pointer, freed by `free()`; if the out-parameter is
   *   arena memory, the arena frees the block at release unless it was freed before.
   *   `{ name: { deallocator, when: (result) => result === 0 } }` adopts only after the results
   *   `when` accepts, for functions that leave garbage there when they fail.
   *
   * A deallocator is a declared function or any function taking the address.
   */
  readonly free?: Deallocator | OutParameterFrees;
}

/** `{ errno: true }` wraps results in `ErrnoResult`. */
interface ErrnoWrapper extends ResultWrapper {
  readonly wrapped: this['options'] extends { readonly errno: true }
    ? ErrnoResult<this['value']>
    : this['value'];
}

/**
 * The TypeScript type of `lib.func(S, O)`: see `Library.func`.
 * @example `type Crc32 = DeclaredFunctionOf<'unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len)', {}>;`
 */
export type DeclaredFunctionOf<S extends string, O> = FunctionOf<S, O, CNames, never, ErrnoWrapper>;

/**
 * A shared library whose functions you declare in C. Create with `library(path)`.
 * @example `const libz: Library = library('libz.so.1');`
 */
export interface Library {
  /** The library's file name or path, as given. */
  readonly name: string;
  /**
   * Declares a function from its C declaration. The declaration is checked now (unknown type
   * names, malformed syntax and variadic functions are an `InvalidSignatureError`); the library is
   * loaded and the symbol bound on the first call (`NativeSymbolError` naming both if either is
   * missing).
   *
   * TypeScript infers the function's type from the declaration. Arguments are checked before any
   * native code runs: integers against their C range; `T *` takes a live `Pointer<T>` (or
   * `Pointer<void>`), `null` or a bigint address; `char *`, `wchar_t *` take a string too, copied
   * for the call; a struct by value takes an object or a view. Results: 64-bit integers are
   * bigints, `T *` a `Pointer<T>` that does not own its memory.
   *
   * @typeParam S the declaration, as a string literal (for inference).
   * @typeParam O the options, as a literal.
   * @example
   * ```ts
   * const timespec = struct('timespec', { tv_sec: cType('long'), tv_nsec: cType('long') });
   * const libc = library('libc.so.6');
   * const clock_gettime = libc.func('int clock_gettime(int clk, struct timespec *tp)', { types: { timespec } });
   * using((arena) => {
   *   const now = arena.alloc(timespec);
   *   clock_gettime(1, now); // (clk: number, tp: Pointer<typeof timespec> | …) => number
   * });
   * ```
   */
  func<const S extends string, const O extends FuncOptions = {}>(
    signature: S,
    options?: O & FreeOptionContext<S, {}>,
  ): DeclaredFunctionOf<S, O>;
  /**
   * Declares a function with a TypeScript type you write yourself: for declarations built at run
   * time, or to narrow what the inferred type accepts.
   * @typeParam F the function's TypeScript type.
   * @example `const abs = libc.func<(n: number) => number>('int abs(int)');`
   */
  func<F extends (...args: never[]) => unknown>(signature: string, options?: FuncOptions): F;
}

const C_RULES: DeclarationRules = {
  dialect: C_DIALECT,
  optionNames: new Set(['errno', 'free']),
  errorCapture: (_parsed, options) => {
    const errno = options.errno ?? false;
    if (typeof errno !== 'boolean') {
      throw new InvalidSignatureError(`options.errno must be a boolean; got ${describeValue(errno)}.`);
    }
    return errno ? ERRNO_CAPTURE : undefined;
  },
};

/** Checks a library file argument (`library`, `win32Library`). */
export function requireLibraryFile(file: unknown, what: string): string {
  if (typeof file !== 'string' || file === '') {
    throw new InvalidArgumentError(`${what} needs a library file name or path; got ${describeValue(file)}.`);
  }
  return file;
}

/**
 * A shared library to call C functions in, on every platform: `libz.so.1`, `libc.so.6`,
 * `/usr/lib/x86_64-linux-gnu/libsqlite3.so.0`, `libSystem.dylib`, `user32.dll`. Nothing is loaded
 * until the first call of a declared function. C type names have this platform's sizes (`long` is
 * 64 bits on Linux and macOS, 32 on Windows).
 * @param file a file name the system's loader finds, or a path.
 * @example
 * ```ts
 * const libz = library('libz.so.1');
 * const crc32 = libz.func('unsigned long crc32(unsigned long crc, const unsigned char *buf, unsigned int len)');
 * crc32(0, 'hello', 5); // 907060870n on Linux (unsigned long is 64-bit there)
 * ```
 */
export function library(file: string): Library {
  const name = requireLibraryFile(file, 'library');
  return {
    name,
    func: (signature: string, options?: FuncOptions) =>
      declareFunction(name, signature, options, C_RULES) as DeclaredFunction as never,
  };
}
