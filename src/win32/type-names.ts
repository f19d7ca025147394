import { C_NAMES, type Dialect } from '../calls/type-names.js';
import { pointerTo } from '../types/define.js';
import { i32, u16, u32, voidPtr } from '../types/primitives.js';
import type { AnyType } from '../types/type.js';
import * as win32Types from './types.js';

/** Windows is LLP64: `long` is 32 bits and `wchar_t` 16, whatever platform declares the function. */
export const LLP64_NAMES = {
  long: i32,
  'long int': i32,
  'signed long': i32,
  'signed long int': i32,
  'unsigned long': u32,
  'unsigned long int': u32,
  wchar_t: u16,
} as const;

/** Win32 spellings of pointer types that are not `P`/`LP` + a struct name. */
export const WIN32_POINTER_NAMES = {
  PWSTR: win32Types.LPWSTR,
  PCWSTR: win32Types.LPWSTR,
  PSTR: win32Types.LPSTR,
  PCSTR: win32Types.LPSTR,
  PVOID: voidPtr,
  LPCVOID: voidPtr,
  LPDWORD: pointerTo(u32),
  PDWORD: pointerTo(u32),
  LPBOOL: pointerTo(i32),
  PBOOL: pointerTo(i32),
  va_list: voidPtr,
} as const;

/** The names above whose pointee is `const`: `LPCVOID` is `const void *`. */
export const WIN32_CONST_POINTER_NAMES = ['LPCVOID', 'PCWSTR', 'PCSTR', 'LPCWSTR', 'LPCSTR'] as const;

/** C's names (LLP64), every Win32 alias, and pointer spellings that name no struct. */
const WIN32_BASIC_NAMES = new Map<string, AnyType>([
  ...C_NAMES,
  ...Object.entries(LLP64_NAMES),
  ...Object.entries(win32Types),
  ...Object.entries(WIN32_POINTER_NAMES),
]);

let win32Names: Map<string, AnyType> | undefined;
const moreWin32Names: (() => Iterable<readonly [string, AnyType]>)[] = [];

/**
 * Adds names to every later Win32 declaration: the structs and callback types of
 * `ffi-arena/win32`, then those of the generated API when it is loaded (`ffi-arena/win32/api`).
 * Read on first use, not when this loads: those modules import this one. A name given twice keeps
 * its first type.
 */
export function addWin32Names(names: () => Iterable<readonly [string, AnyType]>): void {
  moreWin32Names.push(names);
  win32Names = undefined;
}

function allWin32Names(): Map<string, AnyType> {
  if (win32Names === undefined) {
    const names = new Map<string, AnyType>(WIN32_BASIC_NAMES);
    for (const provider of moreWin32Names) {
      for (const [name, type] of provider()) if (!names.has(name)) names.set(name, type);
    }
    win32Names = names;
  }
  return win32Names;
}

/** Words of Win32 declarations that change nothing on x64: calling conventions, SAL annotations. */
export const WIN32_IGNORED_WORDS = [
  'CONST',
  'WINAPI',
  'APIENTRY',
  'CALLBACK',
  'WINUSERAPI',
  'WINBASEAPI',
  'NTAPI',
  'STDAPI',
  '_In_',
  '_Out_',
  '_Inout_',
  '_In_opt_',
  '_Out_opt_',
  '_Inout_opt_',
] as const;

const WIN32_WORDS = {
  ignoredWords: new Set<string>(WIN32_IGNORED_WORDS),
  booleanNames: new Set(['BOOL']),
  unsignedNames: new Set(['HRESULT']),
  constPointerNames: new Set<string>(WIN32_CONST_POINTER_NAMES),
  handlesTakePointers: true,
  textTakesAtoms: true,
};

/** The Win32 dialect of declarations: its names, `WINAPI` and SAL annotations, `BOOL` and `HRESULT`. */
export const WIN32_DIALECT: Dialect = {
  get types() {
    return allWin32Names();
  },
  ...WIN32_WORDS,
};

/** The dialect `ffi-arena/win32`'s own callback types are declared in: no structs yet. */
export const WIN32_BASIC_DIALECT: Dialect = { types: WIN32_BASIC_NAMES, ...WIN32_WORDS };
