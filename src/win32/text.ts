/**
 * What the generated functions take for text and callbacks.
 * @module
 */
import type { Pointer } from '../pointer/pointer.js';
import type { FunctionType, PrimitiveType, VoidType } from '../types/type.js';

/**
 * Text for a `LPCWSTR` parameter: a string (copied for the call), a `Pointer<u16>`, an atom or
 * resource id (`IDC_ARROW`), an address, or null.
 * @example `DeleteFileW('C:\\temp\\old.txt')`
 */
export type WideTextArgument = string | Pointer<PrimitiveType<'u16'>> | number | bigint | null;

/**
 * Text for a `LPCSTR` parameter: a string (copied for the call as UTF-8), a `Pointer<i8>` or
 * `Pointer<u8>`, an atom or resource id, an address, or null.
 * @example `GetProcAddress(hModule, 'DefWindowProcW')`
 */
export type AnsiTextArgument =
  | string
  | Pointer<PrimitiveType<'i8'>>
  | Pointer<PrimitiveType<'u8'>>
  | number
  | bigint
  | null;

/**
 * What a parameter of a callback type takes: a JavaScript function (valid during the call), a
 * `Callback` of that type (`arena.callback`, `registerCallback`), an address, or null.
 * @example `EnumWindows((hWnd) => true, 0n)`
 */
export type CallbackArgument<F extends FunctionType> =
  | F['jsFunction']
  | Pointer<F>
  | Pointer<VoidType>
  | bigint
  | null;
