import { Buffer } from 'node:buffer';
import { type Allocator, requireAllocator } from './allocators/allocator.js';
import { calloc } from './allocators/system-allocator.js';
import { describeValue, InvalidArgumentError } from './errors.js';
import { Pointer, type Utf8ReadOptions, type Utf16ReadOptions } from './pointer/pointer.js';
import { u8, u16 } from './types/primitives.js';
import type { PrimitiveType } from './types/type.js';

function requireString(value: unknown, fn: string): string {
  if (typeof value !== 'string')
    throw new InvalidArgumentError(`${fn} needs a string; got ${describeValue(value)}.`);
  return value;
}

/**
 * Copies `text` into native memory as NUL-terminated UTF-8 (C `char *`). The pointer's count
 * includes the terminator. Lone surrogates, which UTF-8 cannot encode, become U+FFFD; embedded
 * NULs are copied as they are (C readers stop at them).
 *
 * @example
 * ```ts
 * const path = toNativeUtf8('/tmp/a.txt', arena);
 * open(path.address, O_RDONLY);
 * ```
 */
export function toNativeUtf8(text: string, allocator: Allocator = calloc): Pointer<PrimitiveType<'u8'>> {
  const checked = requireString(text, 'toNativeUtf8');
  const byteLength = Buffer.byteLength(checked, 'utf8');
  const pointer = requireAllocator(allocator, 'toNativeUtf8').alloc(u8, byteLength + 1);
  const { view, offset } = pointer;
  const written = Buffer.from(view.buffer, view.byteOffset + offset, byteLength + 1).write(checked, 'utf8');
  view.setUint8(offset + written, 0);
  return pointer;
}

/**
 * Copies `text` into native memory as NUL-terminated UTF-16 (Win32 `LPWSTR`). Every UTF-16 code
 * unit is copied as is, so non-BMP characters become surrogate pairs and lone surrogates survive
 * the round trip, as Windows expects.
 *
 * @example `const title = toNativeUtf16('Hello', arena); SetWindowTextW(hWnd, title.address);`
 */
export function toNativeUtf16(text: string, allocator: Allocator = calloc): Pointer<PrimitiveType<'u16'>> {
  const checked = requireString(text, 'toNativeUtf16');
  const pointer = requireAllocator(allocator, 'toNativeUtf16').alloc(u16, checked.length + 1);
  const { view, offset } = pointer;
  for (let i = 0; i < checked.length; i++) view.setUint16(offset + 2 * i, checked.charCodeAt(i), true);
  view.setUint16(offset + 2 * checked.length, 0, true);
  return pointer;
}

/**
 * `pointer.toUtf8String(lengthOrOptions)` as a function: up to the first NUL, or exactly `length`
 * bytes; `{ strict: true }` throws `InvalidUtf8Error` on invalid UTF-8 instead of giving U+FFFD.
 * @example `toUtf8String(text, 64) // same as text.toUtf8String(64)`
 */
export function toUtf8String(
  pointer: Pointer<PrimitiveType<'u8'> | PrimitiveType<'i8'>>,
  lengthOrOptions?: number | Utf8ReadOptions,
): string {
  return requireStringPointer(pointer, 'toUtf8String').toUtf8String(lengthOrOptions);
}

/**
 * `pointer.toUtf16String(length)` as a function: up to the first NUL, or exactly `length` units.
 * @example `toUtf16String(wide) // same as wide.toUtf16String()`
 */
export function toUtf16String(
  pointer: Pointer<PrimitiveType<'u16'>>,
  lengthOrOptions?: number | Utf16ReadOptions,
): string {
  return requireStringPointer(pointer, 'toUtf16String').toUtf16String(lengthOrOptions);
}

function requireStringPointer<P>(pointer: P, fn: string): P {
  if (!(pointer instanceof Pointer))
    throw new InvalidArgumentError(`${fn} needs a Pointer; got ${describeValue(pointer)}.`);
  return pointer;
}
