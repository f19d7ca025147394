/**
 * Win32 callback types: `win32CallbackType` for your own, and the window procedure and window
 * enumeration callbacks the system declares.
 * @module
 */

import { defineCallbackType } from '../calls/callback-type.js';
import type { CallbackTypeOptions } from '../calls/callbacks.js';
import type { CallbackFunctionOf } from '../calls/signature-types.js';
import type { FunctionType } from '../types/type.js';
import type { Win32IgnoredWord, Win32Names } from './library.js';
import { WIN32_BASIC_DIALECT, WIN32_DIALECT } from './type-names.js';

/**
 * Declares a Win32 callback type from its C declaration, with the Win32 names (`HWND`, `LPARAM`,
 * the structs of `ffi-arena/win32`), `CALLBACK` and SAL annotations, as `callbackType` does for C.
 * @example
 * ```ts
 * const TIMERPROC = win32CallbackType('VOID CALLBACK TIMERPROC(HWND hwnd, UINT msg, UINT_PTR id, DWORD time)');
 * ```
 */
export function win32CallbackType<const S extends string, const O extends CallbackTypeOptions = {}>(
  declaration: S,
  options?: O,
): FunctionType<CallbackFunctionOf<S, O, Win32Names, Win32IgnoredWord>> {
  return defineCallbackType(declaration, options, WIN32_DIALECT) as FunctionType<
    CallbackFunctionOf<S, O, Win32Names, Win32IgnoredWord>
  >;
}

/**
 * `WNDPROC`: a window procedure. Store one in `WNDCLASSEXW.lpfnWndProc` (an `arena.callback` or a
 * `registerCallback`); call `DefWindowProcW` for the messages it does not handle.
 * @example
 * ```ts
 * wc.ref.lpfnWndProc = registerCallback(WNDPROC, (hWnd, uMsg, wParam, lParam) =>
 *   uMsg === WM_DESTROY ? 0 : DefWindowProcW(hWnd, uMsg, wParam, lParam));
 * ```
 */
export const WNDPROC = defineCallbackType(
  'LRESULT CALLBACK WNDPROC(HWND hWnd, UINT uMsg, WPARAM wParam, LPARAM lParam)',
  undefined,
  WIN32_BASIC_DIALECT,
) as FunctionType<(hWnd: bigint, uMsg: number, wParam: bigint, lParam: bigint) => bigint | number>;

/**
 * `WNDENUMPROC`: called by `EnumWindows` for each top-level window; return `true` to go on.
 * @example `EnumWindows((hWnd, lParam) => hWnd !== wanted, 0);`
 */
export const WNDENUMPROC = defineCallbackType(
  'BOOL CALLBACK WNDENUMPROC(HWND hwnd, LPARAM lParam)',
  undefined,
  WIN32_BASIC_DIALECT,
) as FunctionType<(hwnd: bigint, lParam: bigint) => boolean | number>;
