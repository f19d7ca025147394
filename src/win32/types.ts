/**
 * Win32 type names as ffi-arena types (for struct fields and signatures) and as TypeScript types
 * (for values): `struct('X', { cbSize: UINT, hwnd: HWND })`, `(hWnd: HWND) => …`.
 *
 * Handles and other pointer-sized integers (`HANDLE`, `HWND`, `WPARAM`, …) are `bigint`, exact for
 * every value including the pseudo-handle -1 (`GetCurrentProcess()`), like `Pointer.address`.
 * Each handle type is a distinct TypeScript type (`Handle<'HWND'>`): passing an `HKEY` where an
 * `HWND` is declared is a compile error, while any handle is a `HANDLE` and `0n` or `null` is any handle.
 * @module
 */
import { pointerTo } from '../types/define.js';
import { i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, voidPtr } from '../types/primitives.js';

/**
 * `unsigned char`, 8 bits.
 * @example `struct('ITEM', { field: BYTE })`
 */
export const BYTE = u8;
/**
 * `BYTE` value.
 * @example `const value: BYTE = 0;`
 */
export type BYTE = number;
/**
 * `unsigned short`, 16 bits.
 * @example `struct('ITEM', { field: WORD })`
 */
export const WORD = u16;
/**
 * `WORD` value.
 * @example `const value: WORD = 0;`
 */
export type WORD = number;
/**
 * `unsigned long`: 32 bits on Windows, also on 64-bit Windows.
 * @example `struct('ITEM', { field: DWORD })`
 */
export const DWORD = u32;
/**
 * `DWORD` value.
 * @example `const value: DWORD = 0;`
 */
export type DWORD = number;
/**
 * `unsigned __int64`.
 * @example `struct('ITEM', { field: DWORD64 })`
 */
export const DWORD64 = u64;
/**
 * `DWORD64` value.
 * @example `const value: DWORD64 = 0n;`
 */
export type DWORD64 = bigint;
/**
 * `unsigned __int64`.
 * @example `struct('ITEM', { field: QWORD })`
 */
export const QWORD = u64;
/**
 * `QWORD` value.
 * @example `const value: QWORD = 0n;`
 */
export type QWORD = bigint;
/**
 * `int`, used as a boolean: 0 is FALSE, anything else TRUE. As a field it reads as a number.
 * @example `struct('ITEM', { field: BOOL })`
 */
export const BOOL = i32;
/**
 * `BOOL` value in a struct field (0 or 1); functions returning `BOOL` give a `boolean`.
 * @example `const value: BOOL = 0;`
 */
export type BOOL = number;
/**
 * `unsigned char` boolean.
 * @example `struct('ITEM', { field: BOOLEAN })`
 */
export const BOOLEAN = u8;
/**
 * `BOOLEAN` value.
 * @example `const value: BOOLEAN = 0;`
 */
export type BOOLEAN = number;
/**
 * `signed char`.
 * @example `struct('ITEM', { field: CHAR })`
 */
export const CHAR = i8;
/**
 * `CHAR` value.
 * @example `const value: CHAR = 0;`
 */
export type CHAR = number;
/**
 * `wchar_t`: one UTF-16 code unit.
 * @example `struct('ITEM', { field: WCHAR })`
 */
export const WCHAR = u16;
/**
 * `WCHAR` value.
 * @example `const value: WCHAR = 0;`
 */
export type WCHAR = number;
/**
 * `short`.
 * @example `struct('ITEM', { field: SHORT })`
 */
export const SHORT = i16;
/**
 * `SHORT` value.
 * @example `const value: SHORT = 0;`
 */
export type SHORT = number;
/**
 * `unsigned short`.
 * @example `struct('ITEM', { field: USHORT })`
 */
export const USHORT = u16;
/**
 * `USHORT` value.
 * @example `const value: USHORT = 0;`
 */
export type USHORT = number;
/**
 * `int`.
 * @example `struct('ITEM', { field: INT })`
 */
export const INT = i32;
/**
 * `INT` value.
 * @example `const value: INT = 0;`
 */
export type INT = number;
/**
 * `unsigned int`.
 * @example `struct('ITEM', { field: UINT })`
 */
export const UINT = u32;
/**
 * `UINT` value.
 * @example `const value: UINT = 0;`
 */
export type UINT = number;
/**
 * `long`: 32 bits on Windows.
 * @example `struct('ITEM', { field: LONG })`
 */
export const LONG = i32;
/**
 * `LONG` value.
 * @example `const value: LONG = 0;`
 */
export type LONG = number;
/**
 * `unsigned long`: 32 bits on Windows.
 * @example `struct('ITEM', { field: ULONG })`
 */
export const ULONG = u32;
/**
 * `ULONG` value.
 * @example `const value: ULONG = 0;`
 */
export type ULONG = number;
/**
 * `__int64`.
 * @example `struct('ITEM', { field: LONGLONG })`
 */
export const LONGLONG = i64;
/**
 * `LONGLONG` value.
 * @example `const value: LONGLONG = 0n;`
 */
export type LONGLONG = bigint;
/**
 * `unsigned __int64`.
 * @example `struct('ITEM', { field: ULONGLONG })`
 */
export const ULONGLONG = u64;
/**
 * `ULONGLONG` value.
 * @example `const value: ULONGLONG = 0n;`
 */
export type ULONGLONG = bigint;
/**
 * A COM/Win32 status code; functions returning one give it unsigned (`0x80070578`).
 * @example `struct('ITEM', { field: HRESULT })`
 */
export const HRESULT = i32;
/**
 * `HRESULT` value.
 * @example `const value: HRESULT = 0;`
 */
export type HRESULT = number;
/**
 * `UINT_PTR`: a pointer-sized unsigned integer.
 * @example `struct('ITEM', { field: UINT_PTR })`
 */
export const UINT_PTR = usize;
/**
 * `UINT_PTR` value.
 * @example `const value: UINT_PTR = 0n;`
 */
export type UINT_PTR = bigint;
/**
 * `ULONG_PTR`: a pointer-sized unsigned integer.
 * @example `struct('ITEM', { field: ULONG_PTR })`
 */
export const ULONG_PTR = usize;
/**
 * `ULONG_PTR` value.
 * @example `const value: ULONG_PTR = 0n;`
 */
export type ULONG_PTR = bigint;
/**
 * `SIZE_T`.
 * @example `struct('ITEM', { field: SIZE_T })`
 */
export const SIZE_T = usize;
/**
 * `SIZE_T` value.
 * @example `const value: SIZE_T = 0n;`
 */
export type SIZE_T = bigint;
/**
 * `INT_PTR`: a pointer-sized signed integer.
 * @example `struct('ITEM', { field: INT_PTR })`
 */
export const INT_PTR = isize;
/**
 * `INT_PTR` value.
 * @example `const value: INT_PTR = 0n;`
 */
export type INT_PTR = bigint;
/**
 * `LONG_PTR`: a pointer-sized signed integer.
 * @example `struct('ITEM', { field: LONG_PTR })`
 */
export const LONG_PTR = isize;
/**
 * `LONG_PTR` value.
 * @example `const value: LONG_PTR = 0n;`
 */
export type LONG_PTR = bigint;
/**
 * A message's `WPARAM`.
 * @example `struct('ITEM', { field: WPARAM })`
 */
export const WPARAM = usize;
/**
 * `WPARAM` value.
 * @example `const value: WPARAM = 0n;`
 */
export type WPARAM = bigint;
/**
 * A message's `LPARAM`.
 * @example `struct('ITEM', { field: LPARAM })`
 */
export const LPARAM = isize;
/**
 * `LPARAM` value.
 * @example `const value: LPARAM = 0n;`
 */
export type LPARAM = bigint;
/**
 * A window procedure's result.
 * @example `struct('ITEM', { field: LRESULT })`
 */
export const LRESULT = isize;
/**
 * `LRESULT` value.
 * @example `const value: LRESULT = 0n;`
 */
export type LRESULT = bigint;
/**
 * `ATOM`: a 16-bit atom, such as a registered window class.
 * @example `struct('ITEM', { field: ATOM })`
 */
export const ATOM = u16;
/**
 * `ATOM` value.
 * @example `const value: ATOM = 0;`
 */
export type ATOM = number;
/**
 * A handle of the kind `Name`: a `bigint` that TypeScript tells apart from other kinds of handle.
 * @typeParam Name the handle type's name (`'HWND'`); `string` for `HANDLE`, which takes any handle.
 * @example `type HKEY = Handle<'HKEY'>;`
 */
export type Handle<Name extends string> = bigint & {
  /** Never present at run time: only tells handle types apart. */
  readonly __win32Handle?: Name;
};

/**
 * An opaque kernel or user object handle.
 * @example `struct('ITEM', { field: HANDLE })`
 */
export const HANDLE = isize;
/**
 * `HANDLE` value: a bigint, `0n` for NULL, `-1n` for the current-process pseudo-handle.
 * @example `const value: HANDLE = 0n;`
 */
export type HANDLE = Handle<string>;
/**
 * A window handle.
 * @example `struct('ITEM', { field: HWND })`
 */
export const HWND = isize;
/**
 * `HWND` value.
 * @example `const value: HWND = 0n;`
 */
export type HWND = Handle<'HWND'>;
/**
 * A module (DLL or EXE) handle.
 * @example `struct('ITEM', { field: HINSTANCE })`
 */
export const HINSTANCE = isize;
/**
 * `HINSTANCE` value.
 * @example `const value: HINSTANCE = 0n;`
 */
export type HINSTANCE = Handle<'HINSTANCE'>;
/**
 * A module handle (same as `HINSTANCE`).
 * @example `struct('ITEM', { field: HMODULE })`
 */
export const HMODULE = isize;
/**
 * `HMODULE` value.
 * @example `const value: HMODULE = 0n;`
 */
export type HMODULE = HINSTANCE;
/**
 * A menu handle.
 * @example `struct('ITEM', { field: HMENU })`
 */
export const HMENU = isize;
/**
 * `HMENU` value.
 * @example `const value: HMENU = 0n;`
 */
export type HMENU = Handle<'HMENU'>;
/**
 * An icon handle.
 * @example `struct('ITEM', { field: HICON })`
 */
export const HICON = isize;
/**
 * `HICON` value.
 * @example `const value: HICON = 0n;`
 */
export type HICON = Handle<'HICON'>;
/**
 * A cursor handle.
 * @example `struct('ITEM', { field: HCURSOR })`
 */
export const HCURSOR = isize;
/**
 * `HCURSOR` value.
 * @example `const value: HCURSOR = 0n;`
 */
export type HCURSOR = HICON;
/**
 * A brush handle.
 * @example `struct('ITEM', { field: HBRUSH })`
 */
export const HBRUSH = isize;
/**
 * `HBRUSH` value.
 * @example `const value: HBRUSH = 0n;`
 */
export type HBRUSH = Handle<'HBRUSH'>;
/**
 * A local-heap handle (`LocalAlloc`, `FormatMessageW` buffers).
 * @example `struct('ITEM', { field: HLOCAL })`
 */
export const HLOCAL = isize;
/**
 * `HLOCAL` value.
 * @example `const value: HLOCAL = 0n;`
 */
export type HLOCAL = HANDLE;
/**
 * `LPVOID`: an untyped pointer.
 * @example `struct('ITEM', { data: LPVOID })`
 */
export const LPVOID = voidPtr;
/**
 * `LPWSTR`: a pointer to UTF-16 text.
 * @example `struct('ITEM', { field: LPWSTR })`
 */
export const LPWSTR = pointerTo(WCHAR);
/**
 * `LPCWSTR`: a pointer to constant UTF-16 text (same layout as `LPWSTR`).
 * @example `struct('ITEM', { field: LPCWSTR })`
 */
export const LPCWSTR = LPWSTR;
/**
 * `LPSTR`: a pointer to 8-bit text.
 * @example `struct('ITEM', { field: LPSTR })`
 */
export const LPSTR = pointerTo(CHAR);
/**
 * `LPCSTR`: a pointer to constant 8-bit text.
 * @example `struct('ITEM', { field: LPCSTR })`
 */
export const LPCSTR = LPSTR;
