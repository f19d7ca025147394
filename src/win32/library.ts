import type { Deallocator } from '../allocators/adopt.js';
import type { DeclarationRules } from '../calls/declare.js';
import { declareFunction } from '../calls/declare.js';
import type { FreeOptionContext } from '../calls/free-option-types.js';
import { lazyFunction } from '../calls/lazy-function.js';
import { requireLibraryFile } from '../calls/library.js';
import type { OutParameterFrees } from '../calls/out-parameters.js';
import type { CNames, FunctionOf, ResultWrapper } from '../calls/signature-types.js';
import { describeValue, InvalidSignatureError } from '../errors.js';
import { lastWin32Error } from '../native/windows-errors.js';
import type { Pointer } from '../pointer/pointer.js';
import { pointerTo } from '../types/define.js';
import { type AnyType, isType, type PointerType } from '../types/type.js';
import * as win32Callbacks from './callbacks.js';
import { requireWindows } from './platform.js';
import * as structs from './structs.js';
import {
  addWin32Names,
  type LLP64_NAMES,
  WIN32_DIALECT,
  type WIN32_IGNORED_WORDS,
  type WIN32_POINTER_NAMES,
} from './type-names.js';
import type * as win32Types from './types.js';
import { Win32Error, type Win32Result } from './win32-error.js';

/**
 * What a declared Win32 function accepts: numbers, bigints and booleans, strings, `Pointer`s, `null`.
 * @example `const args: Win32Argument[] = [hWnd, placement];`
 */
export type Win32Argument = number | bigint | boolean | string | null | Pointer | object;

/**
 * A declared function whose types TypeScript was not told: see `Win32Library.func`.
 * @example `const Beep: Win32Function = kernel32.func<Win32Function>('BOOL Beep(DWORD, DWORD)');`
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
  /**
   * Memory the function hands to the caller to free, and the function that frees it (as for
   * `library().func`):
   *
   * - a deallocator, for a function that returns such memory (`CommandLineToArgvW` with
   *   `LocalFree`): every non-NULL result is adopted with it (see `adopt`);
   * - `{ name: deallocator }`, for `T **` out-parameters (`PWSTR *ppszPath` with `CoTaskMemFree`):
   *   the out-parameter is set to NULL before each call and the non-NULL pointer the callee wrote
   *   into it adopted after the call, so `slot.value` is the adopted pointer (freed by `free()`, or
   *   by the arena that holds the out-parameter); `{ name: { deallocator, when } }` adopts only
   *   after results `when` accepts (it gets the result before `Win32Result` wrapping).
   *
   * A deallocator is a declared function or any function taking the address.
   */
  readonly free?: Deallocator | OutParameterFrees;
}

type Structs = {
  [K in keyof typeof structs as (typeof structs)[K] extends AnyType ? K : never]: (typeof structs)[K];
};
// A conditional, resolved per name on use: `PointerType<Structs[K]>` made TypeScript check every
// generated struct against AnyType at once.
type PointerOf<T> = T extends AnyType ? PointerType<T> : never;
type StructPointers = {
  [K in keyof Structs as `P${K & string}` | `LP${K & string}`]: PointerOf<Structs[K]>;
};
type Win32Aliases = {
  [K in keyof typeof win32Types as (typeof win32Types)[K] extends AnyType
    ? K
    : never]: (typeof win32Types)[K];
};
/**
 * The names of the generated Win32 API, known to declarations once a program imports it
 * (`ffi-arena/win32/types`, which every DLL module imports): its structs and unions with their
 * `P`/`LP` pointer names, its handle and callback types. Filled by declaration merging.
 * @example `type Info = Win32GeneratedNames['SYSTEM_INFO']; // with ffi-arena/win32/types imported`
 */
// biome-ignore lint/suspicious/noEmptyInterface: the generated module merges its names into it
export interface Win32GeneratedNames {}

/**
 * The names `win32Library().func` knows without being told: C's (LLP64), the Win32 aliases and
 * the structs of `ffi-arena/win32` with their `P`/`LP` pointer names, and those of the generated
 * API when it is imported (`Win32GeneratedNames`).
 * @example `const dword: Win32Names['DWORD'] = DWORD;`
 */
export type Win32Names = Omit<CNames, keyof typeof LLP64_NAMES> &
  Pick<typeof win32Callbacks, 'WNDPROC' | 'WNDENUMPROC'> &
  typeof LLP64_NAMES &
  Win32Aliases &
  Structs &
  StructPointers &
  typeof WIN32_POINTER_NAMES &
  Win32GeneratedNames;
/** @internal The words Win32 declarations may carry that change nothing. */
export type Win32IgnoredWord = (typeof WIN32_IGNORED_WORDS)[number];

/** `Win32Result` for functions that set the last error: `BOOL` results unless told otherwise. */
interface LastErrorWrapper extends ResultWrapper {
  readonly wrapped: this['options'] extends { readonly setsLastError: false }
    ? this['value']
    : this['options'] extends { readonly setsLastError: true }
      ? Win32Result<this['value']>
      : this['base'] extends 'BOOL'
        ? Win32Result<this['value']>
        : this['value'];
}

/**
 * The TypeScript type of `dll.func(S, O)`: see `Win32Library.func`.
 * @example `type Beep = Win32FunctionOf<'BOOL Beep(DWORD freq, DWORD ms)', {}>; // (freq: number, ms: number) => Win32Result<boolean>`
 */
export type Win32FunctionOf<S extends string, O> = FunctionOf<
  S,
  O,
  Win32Names,
  Win32IgnoredWord,
  LastErrorWrapper
>;

/**
 * A DLL whose functions you declare in C syntax. Create with `win32Library('user32.dll')`.
 * @example `const user32: Win32Library = win32Library('user32.dll');`
 */
export interface Win32Library {
  /** The DLL's file name or path, as given. */
  readonly name: string;
  /**
   * Declares a function from its C declaration, as `library().func` does, with the Win32 names
   * (`DWORD`, `HWND`, `LPCWSTR`, the structs of `ffi-arena/win32`), `WINAPI` and SAL annotations.
   * `BOOL` results are booleans, `HRESULT`s unsigned. Functions that set the last error return a
   * `Win32Result`. Declaring works on every platform; calling is Windows only.
   *
   * @example
   * ```ts
   * const kernel32 = win32Library('kernel32.dll');
   * const GetProcessTimes = kernel32.func(
   *   'BOOL GetProcessTimes(HANDLE, FILETIME*, FILETIME*, FILETIME*, FILETIME*)',
   * ); // (…) => Win32Result<boolean>
   * ```
   */
  func<const S extends string, const O extends FuncOptions = {}>(
    signature: S,
    options?: O & FreeOptionContext<S, {}, Win32Names, Win32IgnoredWord>,
  ): Win32FunctionOf<S, O>;
  /**
   * Declares a function with a TypeScript type you write yourself.
   * @typeParam F the function's TypeScript type.
   * @example `const Beep = kernel32.func<(f: number, ms: number) => Win32Result<boolean>>('BOOL Beep(DWORD, DWORD)');`
   */
  func<F extends (...args: never[]) => unknown>(signature: string, options?: FuncOptions): F;
}

// The structs and callback types of ffi-arena/win32 are names in every Win32 declaration.
addWin32Names(() => [
  ['WNDPROC', win32Callbacks.WNDPROC],
  ['WNDENUMPROC', win32Callbacks.WNDENUMPROC],
  ...Object.entries(structs as Readonly<Record<string, unknown>>).flatMap(([name, type]) =>
    isType(type)
      ? [
          [name, type] as const,
          [`P${name}`, pointerTo(type)] as const,
          [`LP${name}`, pointerTo(type)] as const,
        ]
      : [],
  ),
]);

const WIN32_RULES: DeclarationRules = {
  dialect: WIN32_DIALECT,
  optionNames: new Set(['setsLastError', 'free']),
  errorCapture: (parsed, options) => {
    const setsLastError =
      options.setsLastError ?? (parsed.result.base === 'BOOL' && parsed.result.stars === 0);
    if (typeof setsLastError !== 'boolean') {
      throw new InvalidSignatureError(
        `setsLastError must be a boolean; got ${describeValue(setsLastError)}.`,
      );
    }
    return setsLastError ? LAST_ERROR_CAPTURE : undefined;
  },
  beforeBind: requireWindows,
};

const LAST_ERROR_CAPTURE = {
  capture: lastWin32Error,
  wrap: (value: unknown, code: number) =>
    ({ value, error: new Win32Error(code) }) satisfies Win32Result<unknown>,
};

/**
 * A DLL to declare Win32 functions from, for everything `ffi-arena/win32` does not declare.
 * Importable and declarable everywhere; calls are Windows only (`UnsupportedPlatformError`).
 * @param file the DLL's file name (`user32.dll`) or full path.
 * @example
 * ```ts
 * const user32 = win32Library('user32.dll');
 * const MessageBeep = user32.func('BOOL MessageBeep(UINT uType)');
 * const { value, error } = MessageBeep(0);
 * ```
 */
export function win32Library(file: string): Win32Library {
  const name = requireLibraryFile(file, 'win32Library');
  return {
    name,
    func: (signature: string, options?: FuncOptions) =>
      declareFunction(name, signature, options, WIN32_RULES) as never,
  };
}

/**
 * The generated functions of one DLL: each is declared (its declaration parsed, checked and
 * compiled) on its first call, so importing thousands of them costs one small function each.
 * `setsLastError` is the generator's rule for the function (see the README's Win32 API section).
 * @internal
 */
export function win32Functions(
  file: string,
): (name: string, signature: string, setsLastError: boolean) => never {
  // never: each generated function states its own TypeScript type.
  return (name, signature, setsLastError) => lazyDeclaration(file, name, signature, setsLastError) as never;
}

function lazyDeclaration(
  file: string,
  name: string,
  signature: string,
  setsLastError: boolean,
): (...args: never[]) => unknown {
  return lazyFunction(name, parameterCount(signature), () =>
    declareFunction(file, signature, { setsLastError }, WIN32_RULES),
  );
}

/** The parameters of a generated declaration, counted without parsing it (no type holds a comma). */
function parameterCount(signature: string): number {
  const list = signature.slice(signature.indexOf('(') + 1, signature.lastIndexOf(')')).trim();
  if (list === '' || list === 'void') return 0;
  let count = 1;
  for (let index = list.indexOf(','); index !== -1; index = list.indexOf(',', index + 1)) count++;
  return count;
}
