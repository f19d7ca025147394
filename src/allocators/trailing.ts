import { Pointer } from '../pointer/pointer.js';
import { trailingField } from '../pointer/trailing.js';
import { byteLengthOf, requireSize } from '../types/checks.js';
import type { StructType } from '../types/type.js';
import { type Allocator, requireAllocator } from './allocator.js';

/**
 * Allocates one struct whose last field is a trailing array (`flexibleArray(E)`, or Win32's
 * `E name[1]`) with room for `count` elements in it, from any allocator: C's
 * `malloc(offsetof(T, name) + count * sizeof(E))`, but never less than `sizeof(T)`. The pointer's
 * `byteLength` covers them, so `trailing(p)` has `count` elements, each bounds-checked (more only
 * where the struct's own tail padding, which C's `sizeof` counts, holds them). Free it as anything
 * else from that allocator.
 * @example `const list = allocTrailing(calloc, PATH_LIST, 8); list.ref.count = 8; trailing(list).set(7, 260); free(list);`
 * @throws InvalidTypeError if the struct's last field is not an array; InvalidSizeError for a bad
 *   count; whatever the allocator throws.
 */
export function allocTrailing<F extends StructType>(
  allocator: Allocator,
  type: F,
  count: number,
): Pointer<F> {
  const from = requireAllocator(allocator, 'allocTrailing');
  const { offset, element } = trailingField(type, 'allocTrailing');
  const elementBytes = byteLengthOf(element, count);
  const byteLength = requireSize(Math.max(type.size, offset + elementBytes), 'byteLength');
  const memory = from.allocate(byteLength, type.align);
  return new Pointer(type, byteLength, memory.view, memory.offset, memory.lifetime);
}
