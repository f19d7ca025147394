import {
  describeValue,
  InvalidArgumentError,
  InvalidValueError,
  NullPointerError,
  OutOfBoundsError,
} from '../errors.js';
import { requireSize } from '../types/checks.js';
import type { AnyType } from '../types/type.js';
import { throwUseAfterFree } from './lifetime.js';
import { Pointer } from './pointer.js';

/**
 * Bytes in bulk: copies between JavaScript buffers and native memory, and within native memory,
 * each one `TypedArray.set`/`fill`/`copyWithin` over the memory view the pointer already holds (no
 * `koffi.view`, no per-byte calls). Every copy checks both sides first: the pointer is live, the
 * length fits in its bytes (`byteLength`; widen foreign memory with `cast(u8, n)`), a source is
 * bytes. No `Uint8Array` over native memory is handed out, so none can outlive it.
 */

/** The bytes at `pointer` as a `Uint8Array` over its memory view, for one copy; never returned. */
function nativeBytes(pointer: Pointer<AnyType>, length: number, operation: string): Uint8Array {
  if (!(pointer instanceof Pointer)) {
    throw new InvalidArgumentError(`${operation} needs a Pointer; got ${describeValue(pointer)}.`);
  }
  const lifetime = pointer.lifetime;
  if (lifetime.live === false) throwUseAfterFree(lifetime, pointer);
  if (length > pointer.byteLength) {
    if (pointer.isNull) throw new NullPointerError(`${operation}: cannot access ${length} bytes at NULL.`);
    throw new OutOfBoundsError(
      `${operation}: ${length} bytes do not fit in ${pointer}, which has ${pointer.byteLength}${lifetime.owner === null ? ' (widen foreign memory with cast(u8, n))' : ''}.`,
    );
  }
  const view = pointer.view;
  return new Uint8Array(view.buffer, view.byteOffset + pointer.offset, length);
}

/** The bytes of an `ArrayBufferView` or `ArrayBuffer`, without copying them. */
function bytesOf(value: unknown, operation: string): Uint8Array {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer)
  ) {
    return new Uint8Array(value);
  }
  throw new InvalidArgumentError(
    `${operation} needs bytes (an ArrayBufferView such as Uint8Array or Buffer, or an ArrayBuffer); got ${describeValue(value)}.`,
  );
}

/**
 * Copies every byte of `source` (any `ArrayBufferView` — `Uint8Array`, `Buffer`, `Float64Array`, a
 * `DataView` — or an `ArrayBuffer`) to the memory `destination` points to.
 * @example `const p = arena.alloc(u8, data.length); writeBytes(p, data);`
 * @throws InvalidArgumentError for a source that is not bytes; OutOfBoundsError if it is longer than
 *   `destination.byteLength`; UseAfterFreeError; NullPointerError.
 */
export function writeBytes(destination: Pointer<AnyType>, source: ArrayBufferView | ArrayBuffer): void {
  const bytes = bytesOf(source, 'writeBytes');
  nativeBytes(destination, bytes.byteLength, 'writeBytes').set(bytes);
}

/**
 * A new `Uint8Array` holding a copy of `length` bytes at `source` (default: all its `byteLength`).
 * @example `const copy = readBytes(buffer, written);`
 * @throws OutOfBoundsError for a length past `source.byteLength`; UseAfterFreeError; NullPointerError.
 */
export function readBytes(source: Pointer<AnyType>, length?: number): Uint8Array {
  const count =
    length === undefined
      ? (source as Pointer | undefined)?.byteLength
      : requireSize(length, 'readBytes length');
  return nativeBytes(source, count ?? 0, 'readBytes').slice();
}

/**
 * Copies bytes at `source` into the caller's `target`, as many as it holds (its `byteLength`).
 * @example `const header = new Uint8Array(16); readBytesInto(p, header);`
 * @throws InvalidArgumentError for a target that is not bytes; OutOfBoundsError if it is longer than
 *   `source.byteLength`; UseAfterFreeError; NullPointerError.
 */
export function readBytesInto(source: Pointer<AnyType>, target: ArrayBufferView | ArrayBuffer): void {
  const bytes = bytesOf(target, 'readBytesInto');
  bytes.set(nativeBytes(source, bytes.byteLength, 'readBytesInto'));
}

/**
 * Sets `length` bytes at `destination` (default: all its `byteLength`) to `value` (C's `memset`).
 * @example `fillBytes(p, 0xff); fillBytes(p, 0, 16);`
 * @throws InvalidValueError for a value that is not a byte (0…255); OutOfBoundsError; UseAfterFreeError; NullPointerError.
 */
export function fillBytes(destination: Pointer<AnyType>, value: number, length?: number): void {
  if (typeof value !== 'number' || (value & 0xff) !== value) {
    throw new InvalidValueError(`fillBytes needs a byte value from 0 to 255; got ${describeValue(value)}.`);
  }
  const count =
    length === undefined
      ? (destination as Pointer | undefined)?.byteLength
      : requireSize(length, 'fillBytes length');
  nativeBytes(destination, count ?? 0, 'fillBytes').fill(value);
}

/**
 * Copies `length` bytes from `source` to `destination`, both native (C's `memmove`: the two may
 * overlap, and the result is as if the bytes went through a temporary buffer).
 * @example `copyBytes(dst, src, 64); copyBytes(p.cast(u8).at(1), p.cast(u8), 15); // shift right by one`
 * @throws OutOfBoundsError if `length` is more than either side's `byteLength`; UseAfterFreeError;
 *   NullPointerError; InvalidSizeError for a length that is not a whole number ≥ 0.
 */
export function copyBytes(destination: Pointer<AnyType>, source: Pointer<AnyType>, length: number): void {
  const count = requireSize(length, 'copyBytes length');
  const to = nativeBytes(destination, count, 'copyBytes (destination)');
  const from = nativeBytes(source, count, 'copyBytes (source)');
  // Within one buffer, `set` copies as memmove does. Region views overlap (each spans two regions),
  // so overlapping bytes may come through two buffers: copy those through a temporary.
  const overlapping =
    to.buffer !== from.buffer &&
    destination.addr < source.addr + count &&
    source.addr < destination.addr + count;
  to.set(overlapping ? from.slice() : from);
}
