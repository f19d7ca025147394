import { describeValue, InvalidTypeError } from '../errors.js';
import { type AnyType, ArrayType, isType, type SizedType } from './type.js';

/**
 * A flexible array member `E name[]`, the last field of a struct: it adds no size (as in C, the
 * struct's `sizeof` stops before it, but its offset and alignment count), and its elements are
 * counted when the struct is allocated: `allocTrailing(allocator, T, n)`. Read them with
 * `trailing(p)`. A view's `p.ref.name` is an empty array.
 *
 * @example
 * ```ts
 * const PATH_LIST = struct('PATH_LIST', { count: u32, lengths: flexibleArray(u16) });
 * const list = allocTrailing(arena, PATH_LIST, 8); // sizeof(PATH_LIST) + 8 × 2 bytes
 * trailing(list).set(7, 260);
 * ```
 * @throws InvalidTypeError if `element` is not a sized type.
 */
export function flexibleArray<E extends SizedType>(element: E): ArrayType<E, 0> {
  if (!isType(element) || (element as AnyType).size === 0) {
    throw new InvalidTypeError(
      `flexibleArray needs a sized ffi-arena element type; got ${describeValue(element)}.`,
    );
  }
  return new ArrayType(element, 0);
}

/** True for `flexibleArray(E)`: an array of no elements. */
export function isFlexibleArray(type: AnyType): type is ArrayType {
  return type.kind === 'array' && type.length === 0;
}

/** A flexible array member must be the last field of a struct that has other fields, as in C. */
export function checkFlexibleArray(
  kind: string,
  name: string,
  fieldName: string,
  index: number,
  fieldCount: number,
): void {
  if (kind !== 'struct' || index !== fieldCount - 1 || fieldCount === 1) {
    throw new InvalidTypeError(
      `${kind} ${name}: the flexible array member ${fieldName} must be the last field of a struct with other fields, as in C.`,
    );
  }
}
