/**
 * Win32 type names as ffi-arena types (for struct fields and signatures) and as TypeScript types
 * (for values): `struct('X', { cbSize: UINT, hwnd: HWND })`, `(hWnd: HWND) => …`.
 *
 * Handles and other pointer-sized integers (`HANDLE`, `HWND`, `WPARAM`, …) are `bigint`, exact for
 * every value including the pseudo-handle -1 (`GetCurrentProcess()`), like `Pointer.address`.
 * @module
 */
import { pointerTo } from '../types/define.js';
import { i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, voidPtr } from '../types/primitives.js';

/** `unsigned char`, 8 bits. */
export const BYTE = u8;
/** `BYTE` value. */
export type BYTE = number;
/** `unsigned short`, 16 bits. */
export const WORD = u16;
/** `WORD` value. */
export type WORD = number;
/** `unsigned long`: 32 bits on Windows, also on 64-bit Windows. */
export const DWORD = u32;
/** `DWORD` value. */
export type DWORD = number;
/** `unsigned __int64`. */
export const DWORD64 = u64;
/** `DWORD64` value. */
export type DWORD64 = bigint;
/** `unsigned __int64`. */
export const QWORD = u64;
/** `QWORD` value. */
export type QWORD = bigint;
/** `int`, used as a boolean: 0 is FALSE, anything else TRUE. As a field it reads as a number. */
export const BOOL = i32;
/** `BOOL` value in a struct field (0 or 1); functions returning `BOOL` give a `boolean`. */
export type BOOL = number;
/** `unsigned char` boolean. */
export const BOOLEAN = u8;
/** `BOOLEAN` value. */
export type BOOLEAN = number;
/** `signed char`. */
export const CHAR = i8;
/** `CHAR` value. */
export type CHAR = number;
/** `wchar_t`: one UTF-16 code unit. */
export const WCHAR = u16;
/** `WCHAR` value. */
export type WCHAR = number;
/** `short`. */
export const SHORT = i16;
/** `SHORT` value. */
export type SHORT = number;
/** `unsigned short`. */
export const USHORT = u16;
/** `USHORT` value. */
export type USHORT = number;
/** `int`. */
export const INT = i32;
/** `INT` value. */
export type INT = number;
/** `unsigned int`. */
export const UINT = u32;
/** `UINT` value. */
export type UINT = number;
/** `long`: 32 bits on Windows. */
export const LONG = i32;
/** `LONG` value. */
export type LONG = number;
/** `unsigned long`: 32 bits on Windows. */
export const ULONG = u32;
/** `ULONG` value. */
export type ULONG = number;
/** `__int64`. */
export const LONGLONG = i64;
/** `LONGLONG` value. */
export type LONGLONG = bigint;
/** `unsigned __int64`. */
export const ULONGLONG = u64;
/** `ULONGLONG` value. */
export type ULONGLONG = bigint;
/** A COM/Win32 status code; functions returning one give it unsigned (`0x80070578`). */
export const HRESULT = i32;
/** `HRESULT` value. */
export type HRESULT = number;
/** `UINT_PTR`: a pointer-sized unsigned integer. */
export const UINT_PTR = usize;
/** `UINT_PTR` value. */
export type UINT_PTR = bigint;
/** `ULONG_PTR`: a pointer-sized unsigned integer. */
export const ULONG_PTR = usize;
/** `ULONG_PTR` value. */
export type ULONG_PTR = bigint;
/** `SIZE_T`. */
export const SIZE_T = usize;
/** `SIZE_T` value. */
export type SIZE_T = bigint;
/** `INT_PTR`: a pointer-sized signed integer. */
export const INT_PTR = isize;
/** `INT_PTR` value. */
export type INT_PTR = bigint;
/** `LONG_PTR`: a pointer-sized signed integer. */
export const LONG_PTR = isize;
/** `LONG_PTR` value. */
export type LONG_PTR = bigint;
/** A message's `WPARAM`. */
export const WPARAM = usize;
/** `WPARAM` value. */
export type WPARAM = bigint;
/** A message's `LPARAM`. */
export const LPARAM = isize;
/** `LPARAM` value. */
export type LPARAM = bigint;
/** A window procedure's result. */
export const LRESULT = isize;
/** `LRESULT` value. */
export type LRESULT = bigint;
/** `ATOM`: a 16-bit atom, such as a registered window class. */
export const ATOM = u16;
/** `ATOM` value. */
export type ATOM = number;
/** An opaque kernel or user object handle. */
export const HANDLE = isize;
/** `HANDLE` value: a bigint, `0n` for NULL, `-1n` for the current-process pseudo-handle. */
export type HANDLE = bigint;
/** A window handle. */
export const HWND = isize;
/** `HWND` value. */
export type HWND = bigint;
/** A module (DLL or EXE) handle. */
export const HINSTANCE = isize;
/** `HINSTANCE` value. */
export type HINSTANCE = bigint;
/** A module handle (same as `HINSTANCE`). */
export const HMODULE = isize;
/** `HMODULE` value. */
export type HMODULE = bigint;
/** A menu handle. */
export const HMENU = isize;
/** `HMENU` value. */
export type HMENU = bigint;
/** An icon handle. */
export const HICON = isize;
/** `HICON` value. */
export type HICON = bigint;
/** A cursor handle. */
export const HCURSOR = isize;
/** `HCURSOR` value. */
export type HCURSOR = bigint;
/** A brush handle. */
export const HBRUSH = isize;
/** `HBRUSH` value. */
export type HBRUSH = bigint;
/** A local-heap handle (`LocalAlloc`, `FormatMessageW` buffers). */
export const HLOCAL = isize;
/** `HLOCAL` value. */
export type HLOCAL = bigint;
/** `LPVOID`: an untyped pointer. */
export const LPVOID = voidPtr;
/** `LPWSTR`: a pointer to UTF-16 text. */
export const LPWSTR = pointerTo(WCHAR);
/** `LPCWSTR`: a pointer to constant UTF-16 text (same layout as `LPWSTR`). */
export const LPCWSTR = LPWSTR;
/** `LPSTR`: a pointer to 8-bit text. */
export const LPSTR = pointerTo(CHAR);
/** `LPCSTR`: a pointer to constant 8-bit text. */
export const LPCSTR = LPSTR;
/** A window procedure (`WNDPROC`): a function pointer, stored as an address. */
export const WNDPROC = voidPtr;
