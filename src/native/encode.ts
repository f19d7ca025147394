import { koffi } from './koffi.js';
import { type NativeTypeDescription, toKoffiType } from './koffi-types.js';

/**
 * The bytes of `value` laid out as C lays out `description` (a struct or union given as koffi
 * takes it by value), for a copy into native memory. Not a hot path: one buffer per value.
 */
export function encodeValue(description: NativeTypeDescription, size: number, value: unknown): Uint8Array {
  const buffer = new ArrayBuffer(size);
  koffi.encode(buffer, toKoffiType(description), value);
  return new Uint8Array(buffer);
}
