import type { AnyType, FunctionType } from '../types/type.js';
import type { Callback } from './callback-registry.js';
import { defineCallbackType, registerFreeable } from './callback-type.js';
import type { CallbackFunctionOf } from './signature-types.js';
import { C_DIALECT } from './type-names.js';

/**
 * Options of `callbackType`.
 * @example `callbackType('int CmpFn(const struct item *a, const struct item *b)', { types: { item } })`
 */
export interface CallbackTypeOptions {
  /** Your own types, by the names the declaration uses, as for `library().func`. */
  readonly types?: Readonly<Record<string, AnyType>>;
}

/**
 * Declares a C function type that native code calls back: `CmpFn *cmp` (or `CmpFn cmp`) in a
 * declaration that has it in `{ types: { CmpFn } }`, or a struct field. TypeScript infers the
 * JavaScript function's type from the declaration: pointer parameters arrive as `Pointer`s valid
 * while the callback runs, 64-bit integers as bigints, and the result is checked against its C
 * type (out of range: C receives zero, and the JavaScript caller of the native function an
 * `InvalidValueError`).
 *
 * Pass a JavaScript function directly for a transient callback, valid during that call only
 * (`qsort`); for one that native code keeps, use `arena.callback(CmpFn, fn)` or
 * `registerCallback(CmpFn, fn)`.
 * @example
 * ```ts
 * const item = struct('item', { key: i32, value: f64 });
 * const CmpFn = callbackType('int CmpFn(const struct item *a, const struct item *b)', { types: { item } });
 * const qsort = libc.func('void qsort(void *base, size_t n, size_t size, CmpFn *cmp)', { types: { CmpFn } });
 * qsort(items, n, sizeOf(item), (a, b) => a.ref.key - b.ref.key);
 * ```
 * @throws InvalidSignatureError as `library().func` does.
 */
export function callbackType<const S extends string, const O extends CallbackTypeOptions = {}>(
  declaration: S,
  options?: O,
): FunctionType<CallbackFunctionOf<S, O>> {
  return defineCallbackType(declaration, options, C_DIALECT) as FunctionType<CallbackFunctionOf<S, O>>;
}

/**
 * Registers `fn` as a native function of `type` that lives until `free(cb)` or
 * `cb[Symbol.dispose]()` (`using cb = registerCallback(…)`). Until then it counts as a leak in
 * `LeakTracker.report()`, with its type and where it was registered. After it is freed, a call
 * through a stale pointer runs no JavaScript: C receives zero and the JavaScript caller of the
 * native function a `UseAfterFreeError`.
 * @example
 * ```ts
 * using handler = registerCallback(LogFn, (level, text) => console.log(level, text.toUtf8String()));
 * set_log_handler(handler);
 * ```
 * @typeParam F the callback type, from `callbackType()`.
 * @throws InvalidArgumentError for a type that is not a callback type or a `fn` that is not a function.
 */
export function registerCallback<F extends FunctionType>(type: F, fn: F['jsFunction']): Callback<F> {
  return registerFreeable(type, fn) as Callback<F>;
}
